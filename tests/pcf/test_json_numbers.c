/* test_json_numbers.c: numbers in the documents pcf writes read back as the doubles computed
 * (numfmt.c; issue 13 item 10). A binary64 double needs up to 17 significant digits to be told
 * from its neighbours (IEEE 754-2008, 5.12.2); the writers used to keep 10 or 12.
 *
 * Expected texts are the shortest round-trip representations as Python's repr() prints them
 * (David Gay's algorithm, independent of pcf): repr(0.1) == '0.1', repr(0.1 + 0.2) ==
 * '0.30000000000000004', repr(1/3) == '0.3333333333333333', repr(2/3) == '0.6666666666666666',
 * repr(1e21) == '1e+21'. Everything else is checked by reading the text
 * back with strtod / jansson and comparing the bits. */
#include <criterion/criterion.h>
#include <float.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "pact_internal.h"
#include "result_internal.h"

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* A spread of doubles: the edge cases and 20,000 bit patterns from a fixed xorshift sequence. */
static double sample(size_t i) {
  static const double edge[] = {0.1,
                                0.2,
                                0.30000000000000004,
                                1.0 / 3,
                                2.0 / 3,
                                1e21,
                                1e22,
                                5e-324,
                                DBL_MIN,
                                DBL_MAX,
                                -DBL_MAX,
                                123456789012345678.0,
                                9007199254740993.0,
                                1e-7,
                                2.5,
                                -0.0};
  size_t ne = sizeof edge / sizeof *edge;
  if (i < ne) return edge[i];
  uint64_t x = 0x9e3779b97f4a7c15ull * (i + 1);
  for (int k = 0; k < 3; k++) x ^= x << 13, x ^= x >> 7, x ^= x << 17;
  double v;
  memcpy(&v, &x, sizeof v);
  return isfinite(v) ? v : (double)x;
}
#define SAMPLES 20016

Test(json_numbers, shortest_texts) {
  char buf[400];
  pcf__numfmt_real(buf, sizeof buf, 0.1);
  cr_expect_str_eq(buf, "0.1");
  pcf__numfmt_real(buf, sizeof buf, 0.1 + 0.2);
  cr_expect_str_eq(buf, "0.30000000000000004");
  pcf__numfmt_real(buf, sizeof buf, 1.0 / 3);
  cr_expect_str_eq(buf, "0.3333333333333333");
  pcf__numfmt_real(buf, sizeof buf, 2.0 / 3);
  cr_expect_str_eq(buf, "0.6666666666666666");
  pcf__numfmt_real(buf, sizeof buf, 1e21);
  cr_expect_str_eq(buf, "1e+21");
  /* Subnormals hold fewer than 15 digits: the 15-digit text is exact, though not the shortest. */
  pcf__numfmt_real(buf, sizeof buf, 5e-324);
  cr_expect_str_eq(buf, "4.94065645841247e-324");
  pcf__numfmt_real(buf, sizeof buf, 2);
  cr_expect_str_eq(buf, "2.0"); /* stays a real in JSON */
  /* PACT decimals: the same digits without exponent, and no "-0". */
  pcf__numfmt_decimal(buf, sizeof buf, 1e-20);
  cr_expect_str_eq(buf, "0.00000000000000000001");
  pcf__numfmt_decimal(buf, sizeof buf, 1.5e22);
  cr_expect_str_eq(buf, "15000000000000000000000");
  pcf__numfmt_decimal(buf, sizeof buf, -0.0);
  cr_expect_str_eq(buf, "0");
  pcf__numfmt_decimal(buf, sizeof buf, -(0.1 + 0.2));
  cr_expect_str_eq(buf, "-0.30000000000000004");
  pcf__numfmt_decimal(buf, sizeof buf, 12.5);
  cr_expect_str_eq(buf, "12.5");
  cr_expect_eq(pcf__numfmt_decimal(buf, 4, 12.5), -1); /* does not fit: refused, not cut */
}

Test(json_numbers, every_sample_reads_back_bit_for_bit) {
  char buf[400];
  for (size_t i = 0; i < SAMPLES; i++) {
    double v = sample(i);
    cr_assert_gt(pcf__numfmt_real(buf, sizeof buf, v), 0);
    cr_assert(same_bits(strtod(buf, NULL), v) || (v == 0 && strtod(buf, NULL) == 0), "%.17g written %s", v, buf);
    cr_assert_gt(pcf__numfmt_decimal(buf, sizeof buf, v), 0);
    cr_assert(strspn(buf, "-0123456789.") == strlen(buf), "%s", buf);
    cr_assert(same_bits(strtod(buf, NULL), v == 0 ? 0.0 : v), "%.17g written %s", v, buf);
  }
}

/* A JSON document through pcf__numfmt_json_dump, read back by jansson: reals identical, strings that
 * look like numbers (values and keys) untouched, integers integers. */
Test(json_numbers, json_document_round_trip) {
  json_t *root = json_object(), *arr = json_array();
  for (size_t i = 0; i < SAMPLES; i++) json_array_append_new(arr, json_real(sample(i)));
  json_object_set_new(root, "values", arr);
  json_object_set_new(root, "text", json_string("1.50"));
  json_object_set_new(root, "quoted", json_string("say \"0.10000000000000001\""));
  json_object_set_new(root, "0.10000000000000001", json_real(0.1));
  json_object_set_new(root, "count", json_integer(1234567890123));
  FILE *f = tmpfile();
  cr_assert(f);
  cr_assert_eq(pcf__numfmt_json_dump(root, f, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(10)), 0);
  rewind(f);
  json_error_t je;
  json_t *back = json_loadf(f, 0, &je);
  cr_assert(back, "%s (line %d)", je.text, je.line);
  json_t *vals = json_object_get(back, "values");
  cr_assert_eq(json_array_size(vals), SAMPLES);
  for (size_t i = 0; i < SAMPLES; i++) {
    json_t *x = json_array_get(vals, i);
    cr_assert(json_is_real(x), "item %zu is not a real", i);
    cr_assert(same_bits(json_real_value(x), sample(i)), "%.17g read back as %.17g", sample(i), json_real_value(x));
  }
  cr_expect_str_eq(json_string_value(json_object_get(back, "text")), "1.50");
  cr_expect_str_eq(json_string_value(json_object_get(back, "quoted")), "say \"0.10000000000000001\"");
  cr_expect(json_object_get(back, "0.10000000000000001"));
  cr_expect(json_is_integer(json_object_get(back, "count")));
  cr_expect_eq(json_integer_value(json_object_get(back, "count")), 1234567890123);
  /* and the shortest texts were written */
  rewind(f);
  char text[64] = "";
  int found = 0;
  while (fgets(text, sizeof text, f))
    if (strstr(text, "0.30000000000000004,")) found++;
  cr_expect_eq(found, 1);
  fclose(f);
  json_decref(root);
  json_decref(back);
}

/* A footprint result whose figures need 17 digits: every value in its JSON document reads back
 * as the double in memory. Line values 0.1 + 0.2, 1/3 and 2e-7/3 (kg CO2e); the total is their
 * sum as the result adds it. */
Test(json_numbers, footprint_json_reads_back_exactly) {
  pcf_result *r = pcf__result_new("round trip", "1 piece", "Climate change");
  cr_assert(r);
  const double values[] = {0.1 + 0.2, 1.0 / 3, 2e-7 / 3};
  for (size_t i = 0; i < 3; i++) {
    pcf_line l = {.stage = (pcf_stage)i,
                  .component = "part",
                  .dataset = "d",
                  .process = "p",
                  .amount = values[i] * 7,
                  .unit = "kg"};
    l.value[PCF_TOTAL] = l.value[PCF_FOSSIL] = values[i];
    cr_assert_eq(pcf__result_add_line(r, &l), 0);
  }
  FILE *f = tmpfile();
  cr_assert(f);
  cr_assert_eq(pcf_result_write_json(r, f), 0);
  rewind(f);
  json_error_t je;
  json_t *doc = json_loadf(f, 0, &je);
  cr_assert(doc, "%s", je.text);
  double total = json_real_value(json_object_get(doc, "total"));
  cr_expect(same_bits(total, pcf_result_value(r, PCF_TOTAL)), "total %.17g, written %.17g",
            pcf_result_value(r, PCF_TOTAL), total);
  cr_expect(same_bits(json_real_value(json_object_get(doc, "fossil")), pcf_result_value(r, PCF_FOSSIL)));
  json_t *lines = json_object_get(doc, "lines");
  cr_assert_eq(json_array_size(lines), 3);
  for (size_t i = 0; i < 3; i++) {
    json_t *l = json_array_get(lines, i);
    double v = json_real_value(json_object_get(l, "total"));
    cr_expect(same_bits(v, values[i]), "line %zu: %.17g written %.17g", i, values[i], v);
    cr_expect(same_bits(json_real_value(json_object_get(l, "amount")), values[i] * 7));
  }
  json_decref(doc);
  fclose(f);
  pcf_result_free(r);
}

/* PACT decimals (strings by the spec) read back exactly too. */
Test(json_numbers, pact_decimals_read_back_exactly) {
  for (size_t i = 0; i < SAMPLES; i++) {
    double v = sample(i);
    json_t *s = pcf__pact_decimal(v);
    cr_assert(s);
    const char *text = json_string_value(s);
    cr_assert(same_bits(strtod(text, NULL), v == 0 ? 0.0 : v), "%.17g written %s", v, text);
    json_decref(s);
  }
  json_t *s = pcf__pact_decimal(0.1 + 0.2);
  cr_expect_str_eq(json_string_value(s), "0.30000000000000004");
  json_decref(s);
}
