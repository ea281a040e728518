/* test_ownership.c: the ownership rule of error.h, held by every public constructor: on error
 * the function returns a negative status, says why in err, and leaves *out NULL (whatever it held
 * before: here a pointer that is not NULL), having freed what it built. Each call is given an
 * input it must refuse; ASan (build-asan) checks that nothing it built is left behind. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcf/batch.h"
#include "pcf/bom.h"
#include "pcf/compare.h"
#include "pcf/data.h"
#include "pcf/footprint.h"
#include "pcf/pact.h"
#include "pcf/product.h"
#include "pcf/sparse.h"
#include "pcf/uncertainty.h"
#include "pcf/variant.h"
#include "store.h"

#define MISSING "/nonexistent/pcf-ownership/missing"
#define TOY_CAR PCF_SOURCE_DIR "/cases/toy-car/product.ini"

static char stale; /* what *out points to before the call */
#define STALE(type) ((type *)(void *)&stale)

/* Expects a refusal that left out NULL and said why. */
#define EXPECT_REFUSED(call, out)                                                                                      \
  do {                                                                                                                 \
    pcf_error err_ = {0};                                                                                              \
    int rc_ = (call);                                                                                                  \
    cr_expect_lt(rc_, 0, "%s returned %d", #call, rc_);                                                                \
    cr_expect_null(out, "%s left *out set on error", #call);                                                           \
    cr_expect_neq(err_.message[0], 0, "%s said nothing", #call);                                                       \
  } while (0)
#define err (&err_)

static char dir[] = "/tmp/pcf-ownership-XXXXXX";

static const char *write_file(const char *name, const char *text) {
  static char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f, "%s", path);
  fputs(text, f);
  fclose(f);
  return path;
}

static void setup(void) { cr_assert(mkdtemp(dir)); }
static void teardown(void) {
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  (void)system(cmd);
}

TestSuite(ownership, .init = setup, .fini = teardown);

Test(ownership, readers_leave_out_null) {
  pcf_bom *bom = STALE(pcf_bom);
  EXPECT_REFUSED(pcf_bom_read(&bom, MISSING, err), bom);
  bom = STALE(pcf_bom);
  const char bad_bom[] = "level,name,quantity\n0,x,not a number\n";
  EXPECT_REFUSED(pcf_bom_read_memory(&bom, "bad.csv", bad_bom, sizeof bad_bom - 1, err), bom);
  pcf_product *p = STALE(pcf_product);
  EXPECT_REFUSED(pcf_product_read(&p, write_file("bad.ini", "[product]\nname = x\nthis is not a key\n"), err), p);
  p = STALE(pcf_product);
  pcf_override o = {.section = "product", .key = "bom", .value = MISSING};
  EXPECT_REFUSED(pcf_product_read_with(&p, TOY_CAR, &o, 1, err), p);
  pcf_variant_set *vs = STALE(pcf_variant_set);
  EXPECT_REFUSED(pcf_variant_set_read(&vs, MISSING, err), vs);
  pcf_catalogue *cat = STALE(pcf_catalogue);
  EXPECT_REFUSED(pcf_catalogue_read(&cat, MISSING, err), cat);
  pcf_profile *prof = STALE(pcf_profile);
  EXPECT_REFUSED(pcf_profile_read(&prof, MISSING, err), prof);
  pcf_unc_inputs *in = STALE(pcf_unc_inputs);
  EXPECT_REFUSED(pcf_unc_inputs_read(&in, write_file("inputs.ini", "bom.Body.scale = lognormal\n"), err), in);
  /* The documented exception: an opened batch is the caller's either way, its per-product errors
   * being what there is to show (batch.h). */
  pcf_batch *b = STALE(pcf_batch);
  pcf_batch_options bo = PCF_BATCH_OPTIONS_INIT;
  pcf_error e = {0};
  cr_expect_lt(pcf_batch_open(&b, MISSING, &bo, &e), 0);
  cr_expect(b != NULL && b != STALE(pcf_batch), "the batch of a missing catalogue is returned, to free");
  pcf_batch_free(b);
  pcf_store *st = STALE(pcf_store);
  EXPECT_REFUSED(pcf_store_open(&st, "ftp://example.invalid/x", 0, err), st);
}

Test(ownership, sparse_leaves_out_null) {
  int32_t rows[] = {0, 5}, cols[] = {0, 0};
  double values[] = {1, 2};
  pcf_sparse *m = STALE(pcf_sparse);
  EXPECT_REFUSED(pcf_sparse_new(&m, 2, 2, rows, cols, values, err), m);
}

Test(ownership, computations_leave_out_null) {
  pcf_data *data = STALE(pcf_data);
  const char *paths[] = {MISSING};
  pcf_data_options bad = {.bundled = 0, .paths = paths, .n_paths = 1};
  EXPECT_REFUSED(pcf_data_open(&data, &bad, err), data);

  pcf_error e = {0};
  pcf_data_options opt = {.bundled = 1};
  cr_assert_eq(pcf_data_open(&data, &opt, &e), 0, "%s", e.message);
  pcf_result *r = STALE(pcf_result);
  EXPECT_REFUSED(pcf_footprint_process(&r, data, "00000000-0000-0000-0000-000000000000", err), r);

  pcf_unc_model *m = STALE(pcf_unc_model);
  EXPECT_REFUSED(pcf_unc_model_new(&m, data, MISSING, NULL, NULL, err), m);
  cr_assert_eq(pcf_unc_model_new(&m, data, TOY_CAR, NULL, NULL, &e), 0, "%s", e.message);
  pcf_unc_options uo = PCF_UNC_OPTIONS_INIT;
  uo.iterations = PCF_UNC_MAX_ITERATIONS + 1;
  pcf_unc_result *ur = STALE(pcf_unc_result);
  EXPECT_REFUSED(pcf_unc_run(&ur, m, &uo, err), ur);
  pcf_unc_model_free(m);

  /* A variant whose change names no line of the BOM: the comparison fails as a whole. */
  pcf_variant_set *vs = NULL;
  char text[2048];
  FILE *f = fopen(TOY_CAR, "r");
  cr_assert(f);
  size_t n = fread(text, 1, sizeof text - 200, f);
  fclose(f);
  text[n] = 0;
  strcat(text, "\n[variant broken]\nbom.No such part.scale = 2\n");
  char bom_src[300];
  snprintf(bom_src, sizeof bom_src, "cp '%s/cases/toy-car/bom.csv' '%s/'", PCF_SOURCE_DIR, dir);
  cr_assert_eq(system(bom_src), 0);
  const char *ini = write_file("toy.ini", text);
  if (pcf_variant_set_read(&vs, ini, &e) == 0) {
    pcf_comparison *c = STALE(pcf_comparison);
    pcf_compare_options co = PCF_COMPARE_OPTIONS_INIT;
    EXPECT_REFUSED(pcf_compare_run(&c, data, vs, &co, err), c);
    pcf_product *p = STALE(pcf_product);
    EXPECT_REFUSED(pcf_variant_set_product(&p, vs, 1, 1, NULL, 0, err), p);
    pcf_variant_set_free(vs);
  } else {
    /* The reader itself refuses the change: then it is the one that must leave vs NULL. */
    cr_expect_null(vs);
  }
  pcf_data_free(data);
}
