/* test_start.c: what the pcf executable links, and how it reaches what it does not
 * (pcf/cli/cli_helper.c): the network commands run in pcf-serve, exec'd with pcf's arguments, and
 * --store loads the module pcfstore.so; each is found beside pcf, then relative to pcf as
 * installed, and a missing or broken one is an error naming where it was looked for. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scratch_dir.h"

#define TOY PCF_SOURCE_DIR "/cases/toy-car/product.ini"
#define PROFILE PCF_SOURCE_DIR "/cases/profile.ini"

static void setup(void) { scratch_setup("start"); }
static void teardown(void) { scratch_teardown(); }

/* Runs cmd (a shell command line), standard error into err; returns the exit status. */
static int run(const char *cmd, char *err, size_t size) {
  char full[4096];
  snprintf(full, sizeof full, "%s 2>%s", cmd, in_dir("stderr"));
  int st = system(full);
  FILE *f = fopen(in_dir("stderr"), "r");
  size_t n = f ? fread(err, 1, size - 1, f) : 0;
  err[n] = '\0';
  if (f) fclose(f);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The folder of PCF_BINARY, where the build puts pcf-serve and pcfstore.so. */
static const char *build_dir(void) {
  static char d[4096];
  snprintf(d, sizeof d, "%s", PCF_BINARY);
  *strrchr(d, '/') = '\0';
  return d;
}

/* The DT_NEEDED entries of an ELF file (readelf -d), one per line. */
static void needed(const char *path, char *out, size_t size) {
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "readelf -dW '%s' | grep '(NEEDED)'", path);
  FILE *p = popen(cmd, "r");
  cr_assert(p, "%s", cmd);
  size_t n = fread(out, 1, size - 1, p);
  out[n] = '\0';
  cr_assert_eq(pclose(p), 0, "%s", cmd);
}

/* The libraries of the footprint store and the PACT host: none is mapped by a pcf start. */
Test(start, pcf_links_no_network_library) {
  char libs[8192], path[4200];
  needed(PCF_BINARY, libs, sizeof libs);
  const char *network[] = {"libsqlite3", "libgnutls", "libmicrohttpd", "libcurl"};
  for (size_t i = 0; i < 4; i++) cr_expect(!strstr(libs, network[i]), "pcf needs %s:\n%s", network[i], libs);
  /* ...while the programs that need them do (the check above reads the right entries). */
  snprintf(path, sizeof path, "%s/pcf-serve", build_dir());
  needed(path, libs, sizeof libs);
  cr_expect(strstr(libs, "libmicrohttpd") && strstr(libs, "libgnutls"), "pcf-serve:\n%s", libs);
  snprintf(path, sizeof path, "%s/pcfstore.so", build_dir());
  needed(path, libs, sizeof libs);
  cr_expect(strstr(libs, "libsqlite3") && !strstr(libs, "libgnutls"), "pcfstore.so:\n%s", libs);
}

/* pcf serve's help, usage error and input error come through with its own exit codes
 * (cmd_serve.c: 0, 64, 1). */
Test(start, serve_answers_through_pcf, .init = setup, .fini = teardown) {
  char err[4096], cmd[4200];
  snprintf(cmd, sizeof cmd, "%s serve --help >%s", PCF_BINARY, in_dir("stdout"));
  cr_expect_eq(run(cmd, err, sizeof err), 0, "%s: %s", cmd, err);
  FILE *f = fopen(in_dir("stdout"), "r");
  char line[256] = "";
  cr_assert(f && fgets(line, sizeof line, f));
  fclose(f);
  cr_expect_str_eq(line, "Usage: pcf serve --config FILE [--port N]\n");
  snprintf(cmd, sizeof cmd, "%s serve --no-such-option", PCF_BINARY);
  cr_expect_eq(run(cmd, err, sizeof err), 64, "%s: %s", cmd, err);
  snprintf(cmd, sizeof cmd, "echo short | %s serve hash-secret --iterations 1000", PCF_BINARY);
  cr_expect_eq(run(cmd, err, sizeof err), 1, "%s: %s", cmd, err);
  cr_expect_str_eq(err, "pcf: a client secret needs at least 16 characters\n");
}

/* pcf alone in a folder (no pcf-serve beside it, none in ../libexec/pcf): exit 2 and the paths. */
Test(start, missing_serve_program_is_named, .init = setup, .fini = teardown) {
  if (access(PCF_NET_PROGRAM_DIR "/pcf-serve", X_OK) == 0) cr_skip_test("pcf is installed in " PCF_NET_PROGRAM_DIR);
  char err[4096], cmd[4200], want[512];
  snprintf(cmd, sizeof cmd, "cp '%s' %s", PCF_BINARY, in_dir("pcf"));
  cr_assert_eq(system(cmd), 0);
  snprintf(cmd, sizeof cmd, "%s serve --help", in_dir("pcf"));
  cr_expect_eq(run(cmd, err, sizeof err), 2, "%s: %s", cmd, err);
  snprintf(want, sizeof want,
           "pcf: serve runs in the program pcf-serve, which is missing (looked for %s, %s/%s/pcf-serve",
           in_dir("pcf-serve"), dir, PCF_NET_PROGRAM_RELDIR);
  expect_in(err, want);
  expect_in(err, PCF_NET_PROGRAM_DIR "/pcf-serve): reinstall pcf\n");
}

/* Installed as CMake lays it out, relative to pcf: bin/pcf runs ../libexec/pcf/pcf-serve. */
Test(start, serve_program_found_where_installed, .init = setup, .fini = teardown) {
  char err[4096], cmd[8400];
  snprintf(cmd, sizeof cmd, "mkdir -p %s/bin %s/bin/%s && cp '%s' %s/bin/pcf && cp '%s/pcf-serve' %s/bin/%s/", dir, dir,
           PCF_NET_PROGRAM_RELDIR, PCF_BINARY, dir, build_dir(), dir, PCF_NET_PROGRAM_RELDIR);
  cr_assert_eq(system(cmd), 0, "%s", cmd);
  snprintf(cmd, sizeof cmd, "%s/bin/pcf serve --help >/dev/null", dir);
  cr_expect_eq(run(cmd, err, sizeof err), 0, "%s: %s", cmd, err);
}

/* --store with no store module: exit 2 naming the paths, before any footprint is written. */
Test(start, missing_store_module_is_named, .init = setup, .fini = teardown) {
  if (access(PCF_STORE_MODULE_DIR "/pcfstore.so", R_OK) == 0) cr_skip_test("pcf is installed in " PCF_STORE_MODULE_DIR);
  char err[4096], cmd[4200], want[512];
  snprintf(cmd, sizeof cmd, "cp '%s' %s", PCF_BINARY, in_dir("pcf"));
  cr_assert_eq(system(cmd), 0);
  snprintf(cmd, sizeof cmd, "%s footprint %s --profile %s --store %s -o %s", in_dir("pcf"), TOY, PROFILE,
           in_dir("fp.db"), in_dir("out.txt"));
  cr_expect_eq(run(cmd, err, sizeof err), 2, "%s: %s", cmd, err);
  snprintf(want, sizeof want,
           "pcf: --store: the footprint store is the module pcfstore.so, which is missing (looked for %s,",
           in_dir("pcfstore.so"));
  expect_in(err, want);
  cr_expect_neq(access(in_dir("out.txt"), F_OK), 0, "no footprint written");
  cr_expect_neq(access(in_dir("fp.db"), F_OK), 0, "no store created");
}

/* A file in the module's place that is not one (here a text file): exit 2 with the loader's reason. */
Test(start, broken_store_module_is_refused, .init = setup, .fini = teardown) {
  char err[4096], cmd[4200], want[512];
  snprintf(cmd, sizeof cmd, "cp '%s' %s && echo 'not a module' > %s", PCF_BINARY, in_dir("pcf"), in_dir("pcfstore.so"));
  cr_assert_eq(system(cmd), 0);
  snprintf(cmd, sizeof cmd, "%s batch %s/tests/fixtures/serve/catalogue.csv --profile %s --store %s -q -o %s",
           in_dir("pcf"), PCF_SOURCE_DIR, PROFILE, in_dir("fp.db"), in_dir("out.csv"));
  cr_expect_eq(run(cmd, err, sizeof err), 2, "%s: %s", cmd, err);
  snprintf(want, sizeof want, "pcf: %s: --store: cannot load the store module: ", in_dir("pcfstore.so"));
  expect_in(err, want);
  cr_expect_neq(access(in_dir("out.csv"), F_OK), 0, "no batch written");
}

/* The module beside pcf is used: a footprint stored, then found unchanged (store.h). */
Test(start, store_through_the_module, .init = setup, .fini = teardown) {
  char err[4096], cmd[4200];
  snprintf(cmd, sizeof cmd, "%s footprint %s --profile %s --store %s -o /dev/null", PCF_BINARY, TOY, PROFILE,
           in_dir("fp.db"));
  cr_expect_eq(run(cmd, err, sizeof err), 0, "%s: %s", cmd, err);
  expect_in(err, "pcf: store: Plastic toy car (ABS body, PP wheels, steel axles) stored as footprint ");
  expect_in(err, ", version 1\n");
  cr_expect_eq(run(cmd, err, sizeof err), 0, "%s: %s", cmd, err);
  expect_in(err, "pcf: store: Plastic toy car (ABS body, PP wheels, steel axles) unchanged (footprint ");
}

/* libxml2 is opened on the first XML document (pcf/cli/cli_xml.c): not among pcf's shared objects,
 * a footprint from a binary cache runs without it, one that reads XML gets it, and a libxml2 that
 * cannot be loaded (here a file that is no library, first on LD_LIBRARY_PATH) is exit 2 naming it. */
Test(start, libxml2_opened_on_first_xml, .init = setup, .fini = teardown) {
  if (!PCF_LIBXML2_SONAME[0]) cr_skip_test("built with PCF_LAZY_LIBXML2=OFF");
  char libs[8192], err[4096], cmd[4200], a[4096] = "", b[4096] = "";
  needed(PCF_BINARY, libs, sizeof libs);
  cr_expect(!strstr(libs, "libxml2"), "pcf needs libxml2:\n%s", libs);
  cr_assert_eq(mkdir(in_dir("lib"), 0755), 0);
  snprintf(cmd, sizeof cmd, "echo 'not a library' > %s/" PCF_LIBXML2_SONAME, in_dir("lib"));
  cr_assert_eq(system(cmd), 0);
  /* The first run reads the XML and writes the cache, the second reads the cache alone. */
  snprintf(cmd, sizeof cmd, "%s footprint %s --cache %s > %s", PCF_BINARY, TOY, in_dir("cache"), in_dir("xml.txt"));
  cr_expect_eq(run(cmd, err, sizeof err), 0, "%s: %s", cmd, err);
  snprintf(cmd, sizeof cmd, "LD_LIBRARY_PATH=%s %s footprint %s --cache %s > %s", in_dir("lib"), PCF_BINARY, TOY,
           in_dir("cache"), in_dir("cache.txt"));
  cr_expect_eq(run(cmd, err, sizeof err), 0, "%s: %s", cmd, err);
  FILE *f = fopen(in_dir("xml.txt"), "r"), *g = fopen(in_dir("cache.txt"), "r");
  cr_assert(f && g);
  size_t na = fread(a, 1, sizeof a - 1, f), nb = fread(b, 1, sizeof b - 1, g);
  fclose(f), fclose(g);
  cr_expect(na > 100 && na == nb && memcmp(a, b, na) == 0, "the same footprint from the cache:\n%s\n---\n%s", a, b);
  snprintf(cmd, sizeof cmd, "LD_LIBRARY_PATH=%s %s footprint %s --no-cache", in_dir("lib"), PCF_BINARY, TOY);
  cr_expect_eq(run(cmd, err, sizeof err), 2, "%s: %s", cmd, err);
  char want[512];
  snprintf(want, sizeof want, "pcf: reading XML needs libxml2 (%s), which cannot be loaded: %s/%s", PCF_LIBXML2_SONAME,
           in_dir("lib"), PCF_LIBXML2_SONAME);
  expect_in(err, want);
}
