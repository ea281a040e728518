/* cli_helper.c: finding and starting the parts of pcf kept out of the pcf executable.
 *
 * Every shared object an executable links is mapped and relocated at each start, used or not: the
 * network stack of pcf serve (libmicrohttpd, GnuTLS, libcurl and what they pull in, about 30
 * objects) tripled the start of every footprint. So the commands that need it run in the program
 * pcf-serve (net/commands.h lists them), which pcf execs in its own place (same process, same
 * arguments, same signals and exit status), and the footprint store of --store (SQLite) is the
 * module pcfstore.so, which pcf loads when the option is given (cli_store.c).
 *
 * Both are looked for beside the running pcf (/proc/self/exe: the build tree, or an installation
 * that keeps them together), then where the installation puts them relative to pcf (relocated
 * prefix), then in the directory CMake installs them to. Never through PATH or the working
 * directory: what pcf runs does not depend on where it is started.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The folder of the running executable into dir (no trailing slash); -1 when /proc is missing. */
static int exe_dir(char *dir, size_t size) {
  ssize_t n = readlink("/proc/self/exe", dir, size - 1);
  if (n <= 0 || (size_t)n >= size - 1) return -1;
  dir[n] = '\0';
  char *slash = strrchr(dir, '/');
  if (!slash) return -1;
  *slash = '\0';
  return 0;
}

int cli_helper_find(const char *name, const char *relative_dir, const char *install_dir, int mode, char *path,
                    size_t size, char *tried, size_t tried_size) {
  char dir[4096], candidates[3][4096];
  int n = 0, w; /* a path too long for the buffer is not looked at */
  if (!exe_dir(dir, sizeof dir)) {
    if ((w = snprintf(candidates[n], sizeof *candidates, "%s/%s", dir, name)) > 0 && w < (int)sizeof *candidates) n++;
    if ((w = snprintf(candidates[n], sizeof *candidates, "%s/%s/%s", dir, relative_dir, name)) > 0 &&
        w < (int)sizeof *candidates)
      n++;
  }
  if ((w = snprintf(candidates[n], sizeof *candidates, "%s/%s", install_dir, name)) > 0 && w < (int)sizeof *candidates)
    n++;
  size_t used = 0;
  tried[0] = '\0';
  for (int i = 0; i < n; i++) {
    if (strlen(candidates[i]) < size && access(candidates[i], mode) == 0) {
      strcpy(path, candidates[i]);
      return 0;
    }
    w = snprintf(tried + used, tried_size - used, "%s%s", i ? ", " : "", candidates[i]);
    if (w > 0 && (size_t)w < tried_size - used) used += (size_t)w;
  }
  return -1;
}

int cli_run_in_helper(char **argv) {
  char path[4096], tried[3 * 4096 + 8];
  if (cli_helper_find(PCF_NET_PROGRAM, PCF_NET_PROGRAM_RELDIR, PCF_NET_PROGRAM_DIR, X_OK, path, sizeof path, tried,
                      sizeof tried)) {
    fprintf(stderr, "pcf: %s runs in the program %s, which is missing (looked for %s): reinstall pcf\n", argv[1],
            PCF_NET_PROGRAM, tried);
    return EXIT_INTERNAL;
  }
  fflush(NULL);
  execv(path, argv);
  fprintf(stderr, "pcf: %s runs in the program %s, which cannot be started: %s\n", argv[1], path, strerror(errno));
  return EXIT_INTERNAL;
}
