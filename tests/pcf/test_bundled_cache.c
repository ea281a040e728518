/* test_bundled_cache.c: the bundled package read through its own binary cache by default
 * (pcf_bundled_cache_dir, pcf/src/footprint/data.c): where the folder is, that it is made and
 * filled on first use, that a folder that cannot serve means the XML and never an error, and that
 * no_bundled_cache turns it off. The footprint is the toy car's every time:
 * cases/toy-car/expected.json, 0.998551 kg CO2e (its calc.py is the independent calculation).
 *
 * PCF_DATA names the source tree's datasets/ by another spelling (with a trailing "/."), so the
 * package is not taken for a build's own and its cache goes to XDG_CACHE_HOME, here a temporary
 * folder; each test runs in a process of its own, so setenv stays within it. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pcf/data.h"
#include "pcf/footprint.h"
#include "pcf/result.h"

#define TOY_CAR PCF_SOURCE_DIR "/cases/toy-car/product.ini"
static const double TOY_CAR_TOTAL = 0.998551; /* cases/toy-car/expected.json */

static char tmp[] = "/tmp/pcf_bcache_XXXXXX";

static void setup(void) {
  cr_assert(mkdtemp(tmp));
  cr_assert_eq(setenv("PCF_DATA", PCF_SOURCE_DIR "/datasets/.", 1), 0);
  cr_assert_eq(unsetenv("XDG_CACHE_HOME"), 0);
}
static void teardown(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", tmp, tmp);
  cr_assert_eq(system(cmd), 0);
}
TestSuite(bundled_cache, .init = setup, .fini = teardown, .timeout = 120);

/* The toy car's footprint with the bundled data opened under options o. */
static double toy_car(const pcf_data_options *o) {
  pcf_error err = {0};
  pcf_product *p;
  cr_assert_eq(pcf_product_read(&p, TOY_CAR, &err), 0, "%s", err.message);
  pcf_data *d;
  cr_assert_eq(pcf_data_open_product(&d, p, o, &err), 0, "%s", err.message);
  pcf_result *r;
  cr_assert_eq(pcf_footprint_product(&r, d, p, &err), 0, "%s", err.message);
  double total = pcf_result_value(r, PCF_TOTAL);
  pcf_result_free(r);
  pcf_data_free(d);
  pcf_product_free(p);
  return total;
}

/* How many cache files (*.ilcdc) dir holds; -1 when it does not exist. */
static int cache_files(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return -1;
  int n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    size_t len = strlen(e->d_name);
    if (len > 6 && strcmp(e->d_name + len - 6, ".ilcdc") == 0) n++;
  }
  closedir(d);
  return n;
}

Test(bundled_cache, xdg_cache_home_made_and_filled_then_read) {
  char xdg[96], want[128], got[1024];
  snprintf(xdg, sizeof xdg, "%s/xdg", tmp); /* missing: made on first use */
  cr_assert_eq(setenv("XDG_CACHE_HOME", xdg, 1), 0);
  snprintf(want, sizeof want, "%s/pcf", xdg);
  cr_assert_eq(pcf_bundled_cache_dir(got, sizeof got), 0);
  cr_expect_str_eq(got, want);
  pcf_data_options o = {.bundled = 1};
  cr_expect(fabs(toy_car(&o) - TOY_CAR_TOTAL) < 5e-7);
  cr_assert_eq(cache_files(want), 1);
  struct stat st1, st2;
  cr_assert_eq(stat(want, &st1), 0);
  cr_expect_eq(st1.st_mode & 0777, 0700);
  /* The second open reads the cache: its file is not written again. */
  char file[1024] = {0};
  DIR *d = opendir(want);
  for (struct dirent *e; d && (e = readdir(d));)
    if (e->d_name[0] != '.') snprintf(file, sizeof file, "%s/%s", want, e->d_name);
  closedir(d);
  cr_assert_eq(stat(file, &st1), 0);
  cr_expect(fabs(toy_car(&o) - TOY_CAR_TOTAL) < 5e-7);
  cr_assert_eq(stat(file, &st2), 0);
  cr_expect(st1.st_ino == st2.st_ino && st1.st_mtim.tv_nsec == st2.st_mtim.tv_nsec, "cache rewritten");
}

Test(bundled_cache, home_cache_when_xdg_is_relative) {
  /* XDG Base Directory 0.8: a relative XDG_CACHE_HOME is invalid and ignored. */
  char want[128], got[1024];
  cr_assert_eq(setenv("XDG_CACHE_HOME", "relative/cache", 1), 0);
  cr_assert_eq(setenv("HOME", tmp, 1), 0);
  snprintf(want, sizeof want, "%s/.cache/pcf", tmp);
  cr_assert_eq(pcf_bundled_cache_dir(got, sizeof got), 0);
  cr_expect_str_eq(got, want);
  pcf_data_options o = {.bundled = 1};
  cr_expect(fabs(toy_car(&o) - TOY_CAR_TOTAL) < 5e-7);
  cr_expect_eq(cache_files(want), 1);
}

Test(bundled_cache, build_tree_for_the_source_datasets) {
  char got[1024];
  cr_assert_eq(unsetenv("PCF_DATA"), 0);
  cr_assert_eq(pcf_bundled_cache_dir(got, sizeof got), 0);
  cr_expect_str_eq(got, PCF_BUILD_CACHEDIR);
}

Test(bundled_cache, unusable_folders_mean_the_xml) {
  pcf_data_options o = {.bundled = 1};
  char xdg[96], dir[128];
  /* A folder others may write to: refused (its caches could be anyone's), nothing written. */
  snprintf(xdg, sizeof xdg, "%s/open", tmp);
  snprintf(dir, sizeof dir, "%s/pcf", xdg);
  cr_assert_eq(mkdir(xdg, 0700), 0);
  cr_assert_eq(mkdir(dir, 0700), 0);
  cr_assert_eq(chmod(dir, 0777), 0);
  cr_assert_eq(setenv("XDG_CACHE_HOME", xdg, 1), 0);
  cr_expect(fabs(toy_car(&o) - TOY_CAR_TOTAL) < 5e-7);
  cr_expect_eq(cache_files(dir), 0);
  /* A folder that cannot be made (its parent is a file). */
  snprintf(xdg, sizeof xdg, "%s/file", tmp);
  FILE *f = fopen(xdg, "w");
  cr_assert(f);
  fclose(f);
  cr_assert_eq(setenv("XDG_CACHE_HOME", xdg, 1), 0);
  cr_expect(fabs(toy_car(&o) - TOY_CAR_TOTAL) < 5e-7);
  /* A folder of the user's that cannot be written (not checked as root, who writes anyway). */
  if (geteuid() != 0) {
    snprintf(xdg, sizeof xdg, "%s/ro", tmp);
    snprintf(dir, sizeof dir, "%s/pcf", xdg);
    cr_assert_eq(mkdir(xdg, 0700), 0);
    cr_assert_eq(mkdir(dir, 0500), 0);
    cr_assert_eq(setenv("XDG_CACHE_HOME", xdg, 1), 0);
    cr_expect(fabs(toy_car(&o) - TOY_CAR_TOTAL) < 5e-7);
    cr_expect_eq(cache_files(dir), 0);
  }
}

Test(bundled_cache, turned_off) {
  char xdg[96], dir[128];
  snprintf(xdg, sizeof xdg, "%s/off", tmp);
  snprintf(dir, sizeof dir, "%s/pcf", xdg);
  cr_assert_eq(setenv("XDG_CACHE_HOME", xdg, 1), 0);
  pcf_data_options o = {.bundled = 1, .no_bundled_cache = 1};
  cr_expect(fabs(toy_car(&o) - TOY_CAR_TOTAL) < 5e-7);
  cr_expect_leq(cache_files(dir), 0);
}
