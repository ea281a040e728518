/* test_nomem_cli.c: the pcf command out of memory. Test builds fail the Nth allocation of a pcf
 * process when PCF_ALLOC_FAIL=N is set (ilcd/src/alloc_hook.c); for a footprint, a comparison, a
 * batch and `pcf ilcd info`, every N up to 40 and about 20 more spread over the rest of the
 * command's allocations must end either in success with the undisturbed output, or with exit code
 * 2 (the documented code for internal errors, out of memory among them), a message saying "out of
 * memory" on standard error, and no output file left behind (outputs are written whole or not at
 * all), except for a batch, which carries on past a product out of memory: its table is written
 * with that row failed and the others unchanged. The bundled data come from a cache written before
 * the loop. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_test.h"
#include "../scratch_base.h"

#define SRC PCF_SOURCE_DIR

static char dir[64];

static void make_dir(void) {
  snprintf(dir, sizeof dir, "%s/pcf-nomem-cli-XXXXXX", scratch_base());
  cr_assert(mkdtemp(dir));
}

static void remove_dir(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t size = 0;
  FILE *m = open_memstream(&buf, &size);
  int c;
  while ((c = fgetc(f)) != EOF) fputc(c, m);
  fclose(f);
  fclose(m);
  return buf;
}

/* Runs `pcf ARGS` with PCF_ALLOC_FAIL=n, standard output to dir/stdout and standard error to
 * dir/stderr; returns the exit status (-1 when it did not exit: a crash). */
static int run(unsigned long n, const char *args) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "cd %s && PCF_ALLOC_FAIL=%lu PCF_ALLOC_REPORT=%s/report %s %s >%s/stdout 2>%s/stderr", dir,
           n, dir, PCF_BINARY, args, dir, dir);
  int status = system(cmd);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The allocations the last run counted. */
static unsigned long counted(void) {
  char path[128];
  snprintf(path, sizeof path, "%s/report", dir);
  char *text = slurp(path);
  cr_assert_not_null(text, "no allocation report");
  unsigned long n = strtoul(text, NULL, 10);
  free(text);
  return n;
}

/* The command's output: the file out (in dir) when given, else standard output. */
static char *output(const char *out) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, out ? out : "stdout");
  return slurp(path);
}

/* Every line of got is ref's, or a row of ref that failed (a batch carries on past a product out
 * of memory: that row says "failed", the others are unchanged). */
static int same_rows(const char *got, const char *ref) {
  while (*got && *ref) {
    size_t lg = strcspn(got, "\n"), lr = strcspn(ref, "\n");
    char row[4096];
    snprintf(row, sizeof row, "%.*s", (int)lg, got);
    if (!(lg == lr && memcmp(got, ref, lg) == 0) && !strstr(row, ",failed,")) return 0;
    got += lg + (got[lg] != '\0');
    ref += lr + (ref[lr] != '\0');
  }
  return !*got && !*ref;
}

/* rows: the output is a batch's table, written whatever rows failed. */
static void fail_each(const char *what, const char *args, const char *out, int rows) {
  cr_assert_eq(run(0, args), 0, "%s undisturbed", what); /* writes the cache of the bundled data */
  cr_assert_eq(run(0, args), 0, "%s undisturbed, from the cache", what);
  unsigned long total = counted();
  char *ref = output(out);
  cr_assert(ref && *ref, "%s: no output", what);
  unsigned long stride = total > 60 ? (total - 40) / 20 : 1, runs = 0, failed = 0; /* 40 + about 20 runs */
  for (unsigned long n = 1; n <= total; n += n < 40 ? 1 : stride) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, out ? out : "stdout");
    unlink(path);
    int rc = run(n, args);
    runs++;
    char *got = output(out), *err = output("stderr");
    if (rc == 0) {
      cr_expect(got && strcmp(got, ref) == 0, "%s, allocation %lu of %lu failed: exit 0 with another output", what, n,
                total);
    } else {
      failed++;
      cr_expect_eq(rc, 2, "%s, allocation %lu of %lu failed: exit %d, stderr: %s", what, n, total, rc, err);
      cr_expect(err && strstr(err, "out of memory"), "%s, allocation %lu of %lu failed: stderr says %s", what, n, total,
                err);
      if (rows && got)
        cr_expect(same_rows(got, ref), "%s, allocation %lu of %lu failed: rows changed:\n%s", what, n, total, got);
      else if (out)
        cr_expect_null(got, "%s, allocation %lu of %lu failed: %s written anyway", what, n, total, out);
    }
    free(got);
    free(err);
  }
  cr_log_info("%s: %lu allocations, %lu runs, %lu ended out of memory", what, total, runs, failed);
  free(ref);
}

TestSuite(nomem_cli, .init = make_dir, .fini = remove_dir, .timeout = 900);

Test(nomem_cli, footprint) {
  fail_each("pcf footprint", "footprint " SRC "/cases/toy-car/product.ini --format json --cache cache -o out.json",
            "out.json", 0);
}

Test(nomem_cli, compare) {
  fail_each("pcf compare",
            "compare " SRC "/cases/hk-recycled-plastic/product.ini --format json --cache cache -o out.json", "out.json",
            0);
}

Test(nomem_cli, batch) {
  char cat[128];
  snprintf(cat, sizeof cat, "%s/catalogue.csv", dir);
  write_file(cat, "product\n" SRC "/tests/fixtures/batch/toy-car.ini\n" SRC "/tests/fixtures/batch/heavy-car.ini\n");
  fail_each("pcf batch", "batch catalogue.csv --threads 1 --quiet --cache cache -o out.csv", "out.csv", 1);
}

Test(nomem_cli, ilcd_info) {
  fail_each("pcf ilcd info", "ilcd info " SRC "/tests/fixtures/elcd-sample/ILCD --json", NULL, 0);
}
