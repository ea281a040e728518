/* test_jsonw.c: the streaming JSON writer (jsonw.c) writes the bytes jansson 2.14 writes for the
 * same tree with JSON_INDENT(2) (reals as pcf__numfmt_json_dump rewrites them), and refuses what
 * jansson refuses. jansson is the oracle: its json_dumpf layout and its json_string UTF-8 check
 * share no code with the writer. */
#include <criterion/criterion.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "numfmt.h"
#include "result_internal.h"
#include "pcf/error.h"

static uint64_t state = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {
  state ^= state >> 12, state ^= state << 25, state ^= state >> 27;
  return state * 0x2545F4914F6CDD1Dull;
}

/* Appends codepoint cp as UTF-8. */
static size_t utf8(char *o, uint32_t cp) {
  if (cp < 0x80) return o[0] = (char)cp, 1;
  if (cp < 0x800) return o[0] = (char)(0xC0 | cp >> 6), o[1] = (char)(0x80 | (cp & 63)), 2;
  if (cp < 0x10000)
    return o[0] = (char)(0xE0 | cp >> 12), o[1] = (char)(0x80 | (cp >> 6 & 63)), o[2] = (char)(0x80 | (cp & 63)), 3;
  o[0] = (char)(0xF0 | cp >> 18), o[1] = (char)(0x80 | (cp >> 12 & 63));
  o[2] = (char)(0x80 | (cp >> 6 & 63)), o[3] = (char)(0x80 | (cp & 63));
  return 4;
}

/* A random valid string: every control character, quotes, backslashes, slashes, DEL, and
 * characters of 2, 3 and 4 bytes. */
static void random_text(char *s, size_t cap) {
  size_t n = 0, want = next() % 24;
  for (size_t i = 0; i < want && n + 5 < cap; i++) {
    uint32_t cp;
    switch (next() % 6) {
      case 0: cp = (uint32_t)(1 + next() % 0x1F); break;
      case 1: cp = "\"\\/\x7F"[next() % 4]; break;
      case 2: cp = (uint32_t)(0x80 + next() % 0x780); break;
      case 3:
        cp = (uint32_t)(0x800 + next() % 0xF800);
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xE000;
        break;
      case 4: cp = (uint32_t)(0x10000 + next() % 0x100000); break;
      default: cp = (uint32_t)(0x20 + next() % 0x5F);
    }
    n += utf8(s + n, cp);
  }
  s[n] = '\0';
}

static json_t *random_value(int depth) {
  char text[128];
  switch (depth >= 4 ? 2 + next() % 4 : next() % 6) {
    case 0: {
      json_t *o = json_object();
      for (size_t i = 0, n = next() % 5; i < n; i++) {
        snprintf(text, sizeof text, "k%zu", i); /* distinct keys: a repeated one would replace */
        if (next() % 2) random_text(text + strlen(text), sizeof text - 8);
        json_object_set_new(o, text, random_value(depth + 1));
      }
      return o;
    }
    case 1: {
      json_t *a = json_array();
      for (size_t i = 0, n = next() % 5; i < n; i++) json_array_append_new(a, random_value(depth + 1));
      return a;
    }
    case 2: random_text(text, sizeof text); return json_string(text);
    case 3: {
      uint64_t bits = next();
      double v;
      memcpy(&v, &bits, sizeof v);
      return json_real(isfinite(v) ? v : (double)(int64_t)bits / 1e6);
    }
    case 4: return json_integer((json_int_t)next() >> (next() % 64));
    default: return json_boolean(next() % 2);
  }
}

/* The same tree through the writer. */
static void stream(pcf__jsonw *w, const json_t *v) {
  const char *key;
  json_t *x;
  size_t i;
  switch (json_typeof(v)) {
    case JSON_OBJECT:
      pcf__jsonw_object(w);
      json_object_foreach((json_t *)v, key, x) {
        pcf__jsonw_key(w, key);
        stream(w, x);
      }
      pcf__jsonw_end_object(w);
      break;
    case JSON_ARRAY:
      pcf__jsonw_array(w);
      json_array_foreach(v, i, x) stream(w, x);
      pcf__jsonw_end_array(w);
      break;
    case JSON_STRING: pcf__jsonw_string(w, json_string_value(v)); break;
    case JSON_REAL: pcf__jsonw_real(w, json_real_value(v)); break;
    case JSON_INTEGER: pcf__jsonw_integer(w, json_integer_value(v)); break;
    default: pcf__jsonw_bool(w, json_is_true(v));
  }
}

/* What jansson writes for root (reals rewritten, a newline after), and what the writer writes. */
static void both(const json_t *root, char **want, char **got) {
  size_t n;
  FILE *f = open_memstream(want, &n);
  cr_assert(f);
  cr_assert_eq(pcf__numfmt_json_dump(root, f, JSON_INDENT(2)), 0);
  fputc('\n', f);
  fclose(f);
  f = open_memstream(got, &n);
  cr_assert(f);
  pcf__jsonw w;
  pcf__jsonw_init(&w);
  stream(&w, root);
  cr_assert_eq(pcf__jsonw_finish(&w, f), 0);
  fclose(f);
}

Test(jsonw, same_bytes_as_jansson_for_random_trees) {
  for (int t = 0; t < 3000; t++) {
    json_t *root = next() % 2 ? json_object() : json_array();
    for (size_t i = 0, n = next() % 6; i < n; i++) {
      json_t *v = random_value(1);
      if (json_is_object(root)) {
        char key[16];
        snprintf(key, sizeof key, "m%zu", i);
        json_object_set_new(root, key, v);
      } else {
        json_array_append_new(root, v);
      }
    }
    char *want = NULL, *got = NULL;
    both(root, &want, &got);
    cr_assert_str_eq(got, want, "tree %d", t);
    free(want), free(got);
    json_decref(root);
  }
}

Test(jsonw, empty_containers_and_every_escape) {
  json_t *root = json_pack("{s:{}, s:[], s:[{}, []], s:s}", "o", "a", "nested", "s", "");
  char all[40];
  for (int c = 1; c < 32; c++) all[c - 1] = (char)c;
  memcpy(all + 31, "\"\\/\x7F", 5);
  json_object_set_new(root, "controls", json_string(all));
  char *want = NULL, *got = NULL;
  both(root, &want, &got);
  cr_assert_str_eq(got, want);
  /* and by hand (jansson's dump.c: \b \f \n \r \t named, others \u00XX upper case, / as is) */
  cr_expect(strstr(got, "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E"));
  cr_expect(strstr(got, "\\u001F\\\"\\\\/\x7F\""));
  cr_expect(strstr(got, "\"o\": {},\n  \"a\": [],\n  \"nested\": [\n    {},\n    []\n  ],"));
  free(want), free(got);
  json_decref(root);
}

/* A string jansson refuses (json_string gives NULL): the writer fails, errno EILSEQ, and writes
 * nothing. One it accepts is written. */
static void check_text(const char *s, int valid) {
  json_t *j = json_string(s);
  cr_assert_eq(j != NULL, valid, "jansson %s the bytes (case %s)", j ? "accepts" : "refuses", valid ? "valid" : "bad");
  json_decref(j);
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  cr_assert(f);
  pcf__jsonw w;
  pcf__jsonw_init(&w);
  pcf__jsonw_array(&w);
  pcf__jsonw_string(&w, s);
  pcf__jsonw_end_array(&w);
  errno = 0;
  int rc = pcf__jsonw_finish(&w, f);
  int e = errno;
  fclose(f);
  if (valid) {
    cr_expect_eq(rc, 0);
    cr_expect_gt(n, 0);
  } else {
    cr_expect_eq(rc, PCF_ERR_INTERNAL);
    cr_expect_eq(e, EILSEQ);
    cr_expect_eq(n, 0, "%zu bytes written", n);
  }
  free(buf);
}

Test(jsonw, utf8_accepted_and_refused_as_jansson_does) {
  /* boundaries of each length (RFC 3629, 4): U+007F U+0080 U+07FF U+0800 U+D7FF U+E000 U+FFFF
   * U+10000 U+10FFFF */
  static const char *good[] = {"\x7F",         "\xC2\x80",     "\xDF\xBF",         "\xE0\xA0\x80",     "\xED\x9F\xBF",
                               "\xEE\x80\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "caf\xC3\xA9"};
  /* overlong forms, surrogates, beyond U+10FFFF, bytes never in UTF-8, lone or cut sequences */
  static const char *bad[] = {"\xC0\x80",
                              "\xC1\xBF",
                              "\xE0\x9F\xBF",
                              "\xF0\x8F\xBF\xBF",
                              "\xED\xA0\x80",
                              "\xED\xBF\xBF",
                              "\xF4\x90\x80\x80",
                              "\xF5\x80\x80\x80",
                              "\xFF",
                              "\x80",
                              "a\xE2\x82",
                              "\xE2\x82"
                              "A",
                              "\xC3",
                              "ok \xF0\x9F\x98"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) check_text(good[i], 1);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) check_text(bad[i], 0);
}

Test(jsonw, non_finite_figure_refused) {
  static const double v[] = {NAN, INFINITY, -INFINITY};
  for (size_t i = 0; i < 3; i++) {
    cr_expect_null(json_real(v[i])); /* jansson refuses them too */
    FILE *f = tmpfile();
    cr_assert(f);
    pcf__jsonw w;
    pcf__jsonw_init(&w);
    pcf__jsonw_object(&w);
    pcf__jsonw_kreal(&w, "x", v[i]);
    pcf__jsonw_end_object(&w);
    errno = 0;
    cr_expect_eq(pcf__jsonw_finish(&w, f), PCF_ERR_INTERNAL);
    cr_expect_eq(errno, EDOM);
    cr_expect_eq(ftell(f), 0);
    fclose(f);
  }
}

/* A result document read back by jansson and dumped again as pcf__numfmt_json_dump dumps it gives
 * the same bytes: jansson keeps the keys' order and the reals read back exactly, so the writer's
 * layout is jansson's for a real document (own factor, warnings with escapes and UTF-8). A
 * warning that is not UTF-8 fails the document, with nothing written. */
Test(jsonw, result_document_is_jansson_layout) {
  pcf_result *r = pcf__result_new(
      "Stuhl \xE2\x80\x9C"
      "A\"",
      "1 piece", "Climate change");
  cr_assert(r);
  pcf_line l = {.stage = PCF_STAGE_RAW_MATERIALS,
                .component = "frame\tleg",
                .dataset = "steel",
                .process = "p",
                .amount = 0.1 + 0.2,
                .unit = "kg",
                .factor_source = "supplier sheet",
                .factor_quality = NULL};
  l.value[PCF_TOTAL] = l.value[PCF_FOSSIL] = 1.0 / 3;
  cr_assert_eq(pcf__result_add_line(r, &l), 0);
  pcf__result_warn(r, "line 3: \"%s\"\n", "caf\xC3\xA9 \\ 10%");
  char *doc = NULL, *again = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&doc, &n);
  cr_assert(f);
  cr_assert_eq(pcf_result_write_json(r, f), 0);
  fclose(f);
  json_error_t je;
  json_t *back = json_loads(doc, 0, &je);
  cr_assert(back, "%s", je.text);
  f = open_memstream(&again, &n);
  cr_assert(f);
  cr_assert_eq(pcf__numfmt_json_dump(back, f, JSON_INDENT(2)), 0);
  fputc('\n', f);
  fclose(f);
  cr_expect_str_eq(doc, again);
  cr_expect(
      strstr(doc, "\"own_factor\": {\n        \"source\": \"supplier sheet\",\n        \"quality\": \"\"\n      },"));
  json_decref(back);
  free(doc), free(again);

  pcf__result_warn(r, "cut \xE2\x82");
  f = tmpfile();
  cr_assert(f);
  errno = 0;
  cr_expect_eq(pcf_result_write_json(r, f), PCF_ERR_INTERNAL);
  cr_expect_eq(errno, EILSEQ);
  cr_expect_eq(ftell(f), 0);
  fclose(f);
  pcf_result_free(r);
}
