/* test_product_corpus.c: replays the product-file fuzzer's seeds and findings
 * (fuzz/corpus/product/) through the harness itself (fuzz/fuzz_product.c is compiled into this
 * test) on every build: no crash, no sanitizer report, no leak (checked after each input under
 * ASan). The seeds copied from cases/ and written for the fuzzer must also read as what they say,
 * counted by hand from the files (comments below). */
#include <criterion/criterion.h>
#include <dirent.h>

#include "../../fuzz/fuzz_product.c"

#define CORPUS PCF_SOURCE_DIR "/fuzz/corpus/product"

#include "../corpus_replay.h"

Test(product_corpus, every_input_runs_clean) {
  cr_expect_geq(corpus_replay(CORPUS), 10);
}

/* Writes a seed as the harness does (product.ini, and bom.csv after "--8<--"); returns the
 * product file's path (static). */
static const char *place(const char *seed) {
  static char path[128];
  char file[1024], bom[128];
  snprintf(file, sizeof file, "%s/%s", CORPUS, seed);
  size_t size;
  char *data = slurp(file, &size);
  char *cut = strstr(data, SEP);
  if (cut) scratch_write(bom, sizeof bom, "bom.csv", cut + sizeof SEP - 1, strlen(cut + sizeof SEP - 1));
  scratch_write(path, sizeof path, "product.ini", data, cut ? (size_t)(cut - data) : size);
  free(data);
  return path;
}

Test(product_corpus, toy_car_reads_as_written) {
  pcf_product *p = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_product_read(&p, place("case_toy-car.ini"), &err), 0, "%s", err.message);
  cr_expect_str_eq(pcf_product_name(p), "Plastic toy car (ABS body, PP wheels, steel axles)");
  /* 3 BOM leaves (body, wheels, axles), 1 packaging, 1 manufacturing, 2 distribution legs. */
  cr_expect_eq(pcf_product_item_count(p), 7);
  /* Net BOM mass: 0.120 + 4 x 0.0075 + 2 x 0.010 = 0.170 kg. */
  cr_expect_float_eq(pcf_product_mass_kg(p), 0.170, 1e-12);
  pcf_product_free(p);
}

Test(product_corpus, variants_read_as_written) {
  const char *path = place("variants_toy_car.ini");
  pcf_variant_set *v = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_variant_set_read(&v, path, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_variant_set_count(v), 2);
  cr_expect_str_eq(pcf_variant_set_name(v, 1), "rail");
  /* rail: lighter's 3 changes first (based_on), then its own 6. */
  cr_expect_eq(pcf_variant_set_change_count(v, 1), 9);
  pcf_product *p = NULL;
  cr_assert_eq(pcf_variant_set_product(&p, v, 1, (size_t)-1, NULL, 0, &err), 0, "%s", err.message);
  /* truck removed, rail added: still 2 legs, so 7 items as the base; the body at 0.8 x 0.120 kg:
   * 0.096 + 0.030 + 0.020 = 0.146 kg. */
  cr_expect_eq(pcf_product_item_count(p), 7);
  cr_expect_float_eq(pcf_product_mass_kg(p), 0.146, 1e-12);
  pcf_product_free(p);
  pcf_variant_set_free(v);
}

Test(product_corpus, profile_and_inputs_read_as_written) {
  pcf_profile *profile = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_profile_read(&profile, place("profile.ini"), &err), 0, "%s", err.message);
  cr_expect_str_eq(pcf_profile_get(profile, "company", "name"), "Example Toys Manufacturing Ltd");
  cr_expect_str_eq(pcf_profile_get(profile, "product", "category_cpc"), "38540");
  pcf_profile_free(profile);
  pcf_unc_inputs *in = NULL;
  cr_assert_eq(pcf_unc_inputs_read(&in, place("uncertainty_inputs.ini"), &err), 0, "%s", err.message);
  cr_expect_eq(in->count, 5);
  cr_expect_str_eq(in->items[0].key, "sea ship");
  cr_expect_str_eq(in->items[0].unit, "km");
  pcf_unc_inputs_free(in);
}
