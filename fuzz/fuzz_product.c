/* fuzz_product.c: libFuzzer harness for the product file (INI, pcf/src/product*.c through libinih)
 * and the readers that take the same file: the variant set (pcf/src/variant.c), each variant's
 * product, the PACT company profile (pact_profile.c) and the uncertainty inputs
 * (uncertainty_inputs.c).
 *
 * The input is a product file, optionally followed by the line "--8<--" and the BOM it names
 * (written as bom.csv beside it, so "bom = bom.csv" reaches the BOM reader through the product).
 * Both are written to a scratch folder and read from there. A product file with a '/' outside its
 * comment lines is skipped: it could name any file of the machine (a device that never ends among
 * them), which is the input checks' business, not the parser's. Errors are expected; crashes, sanitizer
 * reports and leaks are findings. Seeds: fuzz/corpus/product/. Run: fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_scratch.h"
#include "pcf/pact.h"
#include "pcf/product.h"
#include "pcf/uncertainty.h"
#include "pcf/variant.h"
#include "uncertainty_dist.h" /* the inputs' fields, to touch every string read */

static const char SEP[] = "\n--8<--\n";

/* Touches what the product hands out, so reads of bad memory show under ASan. */
static void walk(const pcf_product *p) {
  size_t sum = strlen(pcf_product_name(p)) + strlen(pcf_product_id(p)) + strlen(pcf_product_declared_unit(p)) +
               strlen(pcf_product_method(p));
  for (size_t i = 0; i < pcf_product_data_count(p); i++) sum += strlen(pcf_product_data(p, i));
  for (size_t i = 0; i < pcf_product_item_count(p); i++) {
    const pcf_item *it = pcf_product_item(p, i);
    sum += strlen(it->component) + strlen(it->dataset) + strlen(it->unit) + strlen(it->family);
    double shares[4];
    (void)pcf_product_eol_shares(p, it->dataset, it->family, shares);
    (void)pcf_product_material_params(p, it->dataset);
  }
  for (size_t i = 0; i < pcf_product_warning_count(p); i++) sum += strlen(pcf_product_warning(p, i));
  (void)sum;
}

/* 1 when a '/' appears outside a comment line (';' or '#' first). */
static int names_a_path(const char *s, size_t n) {
  int comment = 0, start = 1;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\n' || c == '\r') {
      start = 1;
      comment = 0;
      continue;
    }
    if (start && (c == ' ' || c == '\t')) continue;
    if (start) comment = c == ';' || c == '#';
    start = 0;
    if (c == '/' && !comment) return 1;
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  const char *cut = NULL;
  /* To each newline by memchr, then compare: a memcmp at every byte is mostly libFuzzer's tracing. */
  for (const char *q = text, *end = text + size; !cut && (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
    if ((size_t)(end - q) >= sizeof SEP - 1 && memcmp(q, SEP, sizeof SEP - 1) == 0) cut = q;
  size_t n_product = cut ? (size_t)(cut - text) : size;
  if (names_a_path(text, n_product)) return 0;
  char path[128], bom[128];
  if (cut)
    scratch_write(bom, sizeof bom, "bom.csv", cut + sizeof SEP - 1, size - n_product - (sizeof SEP - 1));
  else
    unlink(scratch_path(bom, sizeof bom, "bom.csv"));
  scratch_write(path, sizeof path, "product.ini", text, n_product);

  pcf_error err;
  pcf_product *p = NULL;
  if (pcf_product_read(&p, path, &err) == 0) walk(p);
  pcf_product_free(p);

  pcf_variant_set *v = NULL;
  if (pcf_variant_set_read(&v, path, &err) == 0) {
    for (size_t i = 0; i < pcf_variant_set_count(v) && i < 8; i++) {
      for (size_t k = 0; k < pcf_variant_set_change_count(v, i); k++)
        (void)strlen(pcf_variant_set_change(v, i, k)->text);
      pcf_product *vp = NULL;
      if (pcf_variant_set_product(&vp, v, i, (size_t)-1, NULL, 0, &err) == 0) walk(vp);
      pcf_product_free(vp);
    }
    pcf_variant_set_free(v);
  }

  pcf_profile *profile = NULL;
  if (pcf_profile_read(&profile, path, &err) == 0) {
    const char *value;
    for (size_t i = 0; i < pcf_profile_key_count(profile, "product"); i++)
      (void)pcf_profile_key(profile, "product", i, &value);
    (void)pcf_profile_get(profile, "company", "name");
  }
  pcf_profile_free(profile);

  pcf_unc_inputs *in = NULL;
  if (pcf_unc_inputs_read(&in, path, &err) == 0) {
    for (size_t i = 0; i < in->count; i++) (void)strlen(in->items[i].unit);
  }
  pcf_unc_inputs_free(in);
  return 0;
}
