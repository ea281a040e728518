/* test_input_limits.c: inputs that never end or cost too much (pcf/src/input_file.c, ini_file.c,
 * the batch's per-product limit, the iteration bound of pcf uncertainty, and out of memory as exit
 * code 2). Each test says what the input did before.
 *
 * The endless inputs are the real devices (/dev/zero, /dev/urandom) and a FIFO made here; every
 * test that could hang has a Criterion timeout, so a regression fails instead of blocking. */
#include <criterion/criterion.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_test.h"
#include "pcf/batch.h"
#include "pcf/pact.h"
#include "pcf/uncertainty.h"
#include "pcf/variant.h"
#include "serve.h"

#define TOY PCF_SOURCE_DIR "/cases/toy-car/product.ini"
#define BATCH_FIX PCF_SOURCE_DIR "/tests/fixtures/batch"

#include "scratch_dir.h"

static void setup(void) { scratch_setup("limits"); }
static void teardown(void) { scratch_teardown(); }

/* ---- endless inputs: devices and FIFOs are refused at once ----------------------------------------- */

TestSuite(endless, .init = setup, .fini = teardown, .timeout = 20);

/* Before: each of these looped forever inside libinih (it reads NUL bytes as empty lines). */
Test(endless, product_file_from_devices) {
  static const char *devices[] = {"/dev/zero", "/dev/urandom"};
  for (size_t i = 0; i < 2; i++) {
    pcf_error err = {0};
    pcf_product *p = NULL;
    cr_expect_eq(pcf_product_read(&p, devices[i], &err), PCF_ERR_IO, "%s", devices[i]);
    cr_expect_str_eq(err.path, devices[i]);
    expect_in(err.message, "character device, not a regular file");
    pcf_product_free(p);
  }
}

Test(endless, profile_inputs_and_variants_from_devices) {
  pcf_error err = {0};
  pcf_profile *profile = NULL;
  cr_expect_eq(pcf_profile_read(&profile, "/dev/zero", &err), PCF_ERR_IO);
  expect_in(err.message, "the profile is a character device");
  pcf_unc_inputs *in = NULL;
  cr_expect_eq(pcf_unc_inputs_read(&in, "/dev/urandom", &err), PCF_ERR_IO);
  expect_in(err.message, "the uncertainty inputs file is a character device");
  pcf_unc_inputs_free(in);
  pcf_variant_set *set = NULL;
  cr_expect_eq(pcf_variant_set_read(&set, "/dev/zero", &err), PCF_ERR_IO);
  expect_in(err.message, "character device");
}

Test(endless, bom_from_a_device) {
  char text[256];
  snprintf(text, sizeof text, "[product]\nname = x\nbom = /dev/zero\n");
  write_file(in_dir("p.ini"), text);
  pcf_error err = {0};
  pcf_product *p = NULL;
  cr_expect_eq(pcf_product_read(&p, in_dir("p.ini"), &err), PCF_ERR_IO);
  cr_expect_str_eq(err.path, "/dev/zero");
  expect_in(err.message, "the BOM is a character device");
  pcf_product_free(p);
}

/* pcf serve's configuration is an INI input like the others. */
Test(endless, serve_configuration_from_a_device) {
  serve_config c;
  pcf_error err = {0};
  cr_expect_eq(serve_config_read(&c, "/dev/zero", &err), PCF_ERR_IO);
  expect_in(err.message, "the configuration is a character device");
  serve_config_free(&c);
}

/* A FIFO nobody writes to: opening it for reading would wait for a writer forever. */
Test(endless, fifo_as_a_product_file) {
  cr_assert_eq(mkfifo(in_dir("fifo.ini"), 0600), 0);
  pcf_error err = {0};
  pcf_product *p = NULL;
  cr_expect_eq(pcf_product_read(&p, in_dir("fifo.ini"), &err), PCF_ERR_IO);
  expect_in(err.message, "FIFO");
  pcf_product_free(p);
}

/* Before: one such row hung the whole batch. Now the row fails alone and the others are computed:
 * the toy car of tests/fixtures/batch is cases/toy-car without its end of life,
 * 0.998551 - 0.183858 = 0.814693 kg CO2e (cases/toy-car/expected.json). */
Test(endless, batch_row_from_a_device) {
  char cat[512];
  snprintf(cat, sizeof cat, "id,product\nTC-100,%s/toy-car.ini\nZERO,/dev/zero\nRANDOM,/dev/urandom\n", BATCH_FIX);
  write_file(in_dir("catalogue.csv"), cat);
  pcf_batch_options o = PCF_BATCH_OPTIONS_INIT;
  o.threads = 2;
  pcf_batch *b = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_batch_open(&b, in_dir("catalogue.csv"), &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_batch_run(b, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_batch_count(b), 3);
  cr_expect(pcf_batch_row_at(b, 0)->ok);
  cr_expect(fabs(pcf_batch_row_at(b, 0)->value[PCF_TOTAL] - 0.814693) < 1e-5, "%.9g",
            pcf_batch_row_at(b, 0)->value[PCF_TOTAL]);
  for (size_t i = 1; i < 3; i++) {
    cr_expect(!pcf_batch_row_at(b, i)->ok);
    const pcf_error *e = pcf_batch_error(b, i);
    cr_assert_not_null(e);
    expect_in(e->message, "character device");
  }
  cr_expect_eq(pcf_batch_failed(b), 2);
  pcf_batch_free(b);
}

/* ---- size limits ------------------------------------------------------------------------------------ */

TestSuite(size, .init = setup, .fini = teardown, .timeout = 60);

/* A product file one byte over 1 MiB (PCF_INI_MAX_FILE, pcf/src/input_file.h) is refused before it
 * is parsed; one of exactly 1 MiB is read. */
Test(size, product_file_limit) {
  size_t limit = (size_t)1 << 20;
  static const char head[] = "[product]\nname = big\nbom = none\n";
  char *text = malloc(limit + 2);
  cr_assert(text);
  memcpy(text, head, sizeof head - 1);
  /* comment lines of 99 bytes and their line breaks fill the rest */
  for (size_t i = sizeof head - 1; i < limit; i++) text[i] = (i - (sizeof head - 1)) % 100 == 99 ? '\n' : ';';
  text[limit - 1] = '\n';
  text[limit] = '\0';
  write_file(in_dir("exact.ini"), text);
  pcf_error err = {0};
  pcf_product *p = NULL;
  cr_expect_eq(pcf_product_read(&p, in_dir("exact.ini"), &err), 0, "%s", err.message);
  pcf_product_free(p);
  text[limit] = '\n';
  text[limit + 1] = '\0';
  write_file(in_dir("over.ini"), text);
  cr_expect_eq(pcf_product_read(&p, in_dir("over.ini"), &err), PCF_ERR_IO);
  expect_in(err.message, "the product file is larger than the 1 MiB limit");
  pcf_product_free(p);
  free(text);
}

/* The batch's per-product limit: a row whose product file and BOM together exceed it fails with
 * the figure, the others are computed. The BOM is tests/fixtures/batch/bom.csv with 2,000 comment
 * lines of 40 bytes appended: 80,000 bytes more, over a 64 KiB limit. */
Test(size, batch_per_product_limit) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "cp '%s/toy-car.ini' '%s/bom.csv' '%s/' && mkdir '%s/big' && cp '%s/toy-car.ini' '%s/big/' && "
           "cp '%s/bom.csv' '%s/big/bom.csv' && for i in $(seq 2000); do "
           "echo '# padding padding padding padding pad' >> '%s/big/bom.csv'; done",
           BATCH_FIX, BATCH_FIX, dir, dir, BATCH_FIX, dir, BATCH_FIX, dir, dir);
  cr_assert_eq(system(cmd), 0);
  write_file(in_dir("catalogue.csv"), "id,product\nSMALL,toy-car.ini\nBIG,big/toy-car.ini\n");
  pcf_batch_options o = PCF_BATCH_OPTIONS_INIT;
  o.max_product_bytes = 64 << 10;
  pcf_batch *b = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_batch_open(&b, in_dir("catalogue.csv"), &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_batch_run(b, &err), 0, "%s", err.message);
  cr_expect(pcf_batch_row_at(b, 0)->ok);
  cr_expect(fabs(pcf_batch_row_at(b, 0)->value[PCF_TOTAL] - 0.814693) < 1e-5);
  cr_expect(!pcf_batch_row_at(b, 1)->ok);
  const pcf_error *e = pcf_batch_error(b, 1);
  cr_assert_not_null(e);
  expect_in(e->message, "over the limit of 65536 per product");
  expect_in(e->path, "big/bom.csv");
  pcf_batch_free(b);
  /* The default limit (64 MiB) takes both. */
  o.max_product_bytes = 0;
  cr_assert_eq(pcf_batch_open(&b, in_dir("catalogue.csv"), &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_batch_run(b, &err), 0, "%s", err.message);
  cr_expect_eq(pcf_batch_failed(b), 0);
  pcf_batch_free(b);
}

/* ---- pcf uncertainty -n ------------------------------------------------------------------------------ */

/* Runs a shell command; returns its exit status (or 128 + signal) and its stderr in err. */
static int run(const char *cmd, char *err, size_t size) {
  char full[2048];
  snprintf(full, sizeof full, "%s 2>&1 >/dev/null", cmd);
  FILE *p = popen(full, "r");
  cr_assert(p);
  size_t n = fread(err, 1, size - 1, p);
  err[n] = '\0';
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Before: -n 4611686018427387904 made the sample array's size (n × 48 bytes) wrap to 0 and the
 * run died of SIGSEGV; -n 10^12 asked for 48 TB. Now both are usage errors (64) before anything
 * is loaded. */
Test(iterations, upper_bound_on_the_command_line, .timeout = 30) {
  static const char *counts[] = {"4611686018427387904", "18446744073709551615", "1000001"};
  char cmd[512], err[1024];
  for (size_t i = 0; i < 3; i++) {
    snprintf(cmd, sizeof cmd, "%s uncertainty %s -n %s", PCF_BINARY, TOY, counts[i]);
    cr_expect_eq(run(cmd, err, sizeof err), 64, "-n %s: %s", counts[i], err);
    expect_in(err, "-n needs a count from 0 to 1000000");
    snprintf(cmd, sizeof cmd, "%s footprint %s --uncertainty %s", PCF_BINARY, TOY, counts[i]);
    cr_expect_eq(run(cmd, err, sizeof err), 64, "--uncertainty %s: %s", counts[i], err);
  }
  snprintf(cmd, sizeof cmd, "%s compare %s --uncertainty 1000001", PCF_BINARY, TOY);
  cr_expect_eq(run(cmd, err, sizeof err), 64, "%s", err);
}

Test(iterations, upper_bound_in_the_library, .timeout = 60) {
  pcf_error err = {0};
  pcf_product *p = NULL;
  pcf_data *d = NULL;
  pcf_unc_model *m = NULL;
  cr_assert_eq(pcf_product_read(&p, TOY, &err), 0, "%s", err.message);
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&d, p, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_unc_model_new(&m, d, TOY, NULL, NULL, &err), 0, "%s", err.message);
  pcf_unc_options uo = PCF_UNC_OPTIONS_INIT;
  uo.iterations = (size_t)1 << 62;
  pcf_unc_result *r = NULL;
  cr_expect_eq(pcf_unc_run(&r, m, &uo, &err), PCF_ERR_INPUT);
  expect_in(err.message, "at most 1000000");
  pcf_unc_result_free(r);
  pcf_unc_model *models[1] = {m};
  double below[1];
  cr_expect_eq(pcf_unc_compare(below, NULL, models, 1, &uo, &err), PCF_ERR_INPUT);
  pcf_unc_model_free(m);
  pcf_data_free(d);
  pcf_product_free(p);
}

/* ---- out of memory is exit code 2 ------------------------------------------------------------------- */

/* pcf footprint under a shrinking data-segment limit (ulimit -d): wherever memory runs out, the
 * exit code is 2 with "out of memory" (the documented internal error), and a run that succeeds
 * prints exactly what an unconstrained run prints. Before, the ILCD readers reported an allocation
 * failure as a data error: exit 1, or, where files may be skipped (pcf ilcd info), exit 0 with
 * data sets silently missing. Not under AddressSanitizer, whose own mappings the limit breaks. */
TestSuite(memory, .init = setup, .fini = teardown);

Test(memory, out_of_memory_exits_2, .timeout = 240) {
#if defined(__SANITIZE_ADDRESS__)
  cr_skip_test("ulimit -d and AddressSanitizer do not mix");
#else
  static char full[16384], out[16384], err[2048];
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s footprint %s", PCF_BINARY, TOY);
  FILE *f = popen(cmd, "r");
  cr_assert(f);
  size_t n = fread(full, 1, sizeof full - 1, f);
  full[n] = '\0';
  cr_assert_eq(pclose(f), 0);
  int failures = 0;
  for (int kib = 1000; kib <= 12000; kib += 500) {
    snprintf(cmd, sizeof cmd, "ulimit -d %d; exec %s footprint %s 2>'%s' >'%s'", kib, PCF_BINARY, TOY,
             in_dir("err.txt"), in_dir("out.txt"));
    int status = system(cmd);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *e = fopen(in_dir("err.txt"), "r"), *o = fopen(in_dir("out.txt"), "r");
    cr_assert(e && o);
    size_t ne = fread(err, 1, sizeof err - 1, e), no = fread(out, 1, sizeof out - 1, o);
    err[ne] = out[no] = '\0';
    fclose(e);
    fclose(o);
    /* Too tight for the program to start at all (the loader's or libc's own message): not pcf's. */
    if (code != 0 && strncmp(err, "pcf: ", 5) != 0) continue;
    if (code == 0) {
      cr_expect_str_eq(out, full, "ulimit -d %d: exit 0 with another output", kib);
    } else {
      failures++;
      cr_expect_eq(code, 2, "ulimit -d %d: exit %d: %s", kib, code, err);
      expect_in(err, "out of memory");
    }
  }
  cr_expect_gt(failures, 0, "no limit made the run fail: the test no longer tests anything");
#endif
}
