/* cli_pdf.c: pcf footprint --format pdf: the HTML study report printed to PDF by headless
 * Chromium (the page's @page rule makes it A4). pcf holds no PDF writer of its own: the browser
 * lays out the same page a reader opens, so the two never differ. The HTML is written to a
 * private temporary folder, Chromium prints it there (its own profile folder too, so that a
 * running browser is not disturbed), and the PDF is copied to the output, which then follows the
 * write rule of every output (cli_output.c). */
#include <errno.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* A message about the PDF on stderr; EXIT_INTERNAL (the output is not written). */
static int fail(const char *what, const char *path, const char *why) {
  fprintf(stderr, "pcf: %s%s%s%s%s\n", path ? path : "", path ? ": " : "", what, why ? ": " : "", why ? why : "");
  return EXIT_INTERNAL;
}

enum { PRINT_TIMEOUT_S = 120 };

static int executable(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

const char *cli_chromium(char *buf, size_t size) {
  const char *given = getenv("PCF_CHROMIUM");
  if (given && *given) return executable(given) ? (snprintf(buf, size, "%s", given), buf) : NULL;
  static const char *const names[] = {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"};
  const char *path = getenv("PATH");
  if (!path || !*path) path = "/usr/local/bin:/usr/bin:/bin";
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    for (const char *p = path; *p;) {
      size_t n = strcspn(p, ":");
      if (n) {
        snprintf(buf, size, "%.*s/%s", (int)n, p, names[i]);
        if (executable(buf)) return buf;
      }
      p += n + (p[n] == ':');
    }
  return NULL;
}

/* Removes the temporary folder and what Chromium left in it (its profile), without following
 * links. */
static void remove_tree(const char *path) {
  struct stat st;
  if (lstat(path, &st)) return;
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    for (struct dirent *e; d && (e = readdir(d));) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      char sub[4400];
      if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < sizeof sub) remove_tree(sub);
    }
    if (d) closedir(d);
    rmdir(path);
  } else {
    unlink(path);
  }
}

/* Runs Chromium on html into pdf; returns its exit status, or -1 (and errno) when it could not
 * run or was stopped after PRINT_TIMEOUT_S. */
static int print(const char *chromium, const char *dir, const char *html, const char *pdf) {
  char profile[4400], to[4400], url[4400];
  snprintf(profile, sizeof profile, "--user-data-dir=%s/profile", dir);
  snprintf(to, sizeof to, "--print-to-pdf=%s", pdf);
  snprintf(url, sizeof url, "file://%s", html);
  const char *argv[20];
  size_t k = 0;
  argv[k++] = chromium;
  argv[k++] = "--headless";
  argv[k++] = "--disable-gpu";
  argv[k++] = "--no-first-run";
  argv[k++] = "--disable-background-networking";
  argv[k++] = "--disable-component-update";
  argv[k++] = "--disable-sync";
  argv[k++] = "--disable-dev-shm-usage";
  argv[k++] = "--no-pdf-header-footer";
  /* Chromium refuses to start its sandbox as root */
  if (geteuid() == 0) argv[k++] = "--no-sandbox";
  argv[k++] = profile;
  argv[k++] = to;
  argv[k++] = url;
  argv[k] = NULL;
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    setpgid(0, 0); /* its helpers in one group, stopped together on a timeout */
    FILE *null = freopen("/dev/null", "w", stdout);
    if (null) null = freopen("/dev/null", "w", stderr);
    execv(chromium, (char *const *)argv);
    _exit(127);
  }
  setpgid(pid, pid);
  struct timespec tick = {0, 50 * 1000 * 1000};
  for (long waited = 0;; waited += 50) {
    int status;
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    if (w < 0 && errno != EINTR) return -1;
    if (waited >= PRINT_TIMEOUT_S * 1000L) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      errno = ETIMEDOUT;
      return -1;
    }
    nanosleep(&tick, NULL);
  }
}

int cli_pdf(cli_writer html_writer, const void *ctx, FILE *out) {
  char chromium[4096];
  if (!cli_chromium(chromium, sizeof chromium)) {
    fputs(CLI_NO_CHROMIUM "\n", stderr);
    return EXIT_INTERNAL;
  }
  const char *tmp = getenv("TMPDIR");
  char dir[4096], html[4200], pdf[4200];
  snprintf(dir, sizeof dir, "%s/pcf-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir)) return fail("cannot make a temporary folder for the PDF", NULL, strerror(errno));
  snprintf(html, sizeof html, "%s/report.html", dir);
  snprintf(pdf, sizeof pdf, "%s/report.pdf", dir);
  int rc = 0;
  FILE *f = fopen(html, "w");
  if (!f) {
    rc = fail("cannot write the report", html, strerror(errno));
    goto done;
  }
  rc = html_writer(ctx, f);
  if (fclose(f) && !rc) rc = fail("cannot write the report", html, strerror(errno));
  if (rc) { /* the writer reported its own error (> 0); a write failure of the temporary file */
    if (rc < 0) rc = fail("cannot write the report", html, NULL);
    goto done;
  }
  int status = print(chromium, dir, html, pdf);
  FILE *in = fopen(pdf, "rb");
  char head[5] = {0};
  if (status != 0 || !in || fread(head, 1, 5, in) != 5 || memcmp(head, "%PDF-", 5) != 0) {
    if (status < 0)
      fprintf(stderr, "pcf: %s could not print the report: %s\n", chromium,
              errno == ETIMEDOUT ? "no PDF after 120 s" : strerror(errno));
    else
      fprintf(stderr, "pcf: %s could not print the report (exit status %d, %s)\n", chromium, status,
              in ? "not a PDF" : "no PDF written");
    if (in) fclose(in);
    rc = EXIT_INTERNAL;
    goto done;
  }
  rewind(in);
  char buf[65536];
  for (size_t n; (n = fread(buf, 1, sizeof buf, in)) > 0;)
    if (fwrite(buf, 1, n, out) != n) break;
  int bad = ferror(in);
  fclose(in);
  if (bad)
    rc = fail("cannot read the PDF", pdf, NULL);
  else if (ferror(out))
    rc = -1;
done:
  remove_tree(dir);
  return rc;
}
