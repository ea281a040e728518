/* tests/serve/test_store.c: the footprint store (pcf/serve/store.h): version history, the v3
 * filters' AND/OR rules, pagination over 1,000 footprints, and RFC 3339 parsing. The documents
 * are written here by hand (minimal PACT-shaped JSON), so every expected value is read off them. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "../scratch_base.h"

static char db_path[256];

static void fresh(void) {
  snprintf(db_path, sizeof db_path, "%s/pcf-test-store-%d.db", scratch_base(), (int)getpid());
  unlink(db_path);
  char p[300];
  snprintf(p, sizeof p, "%s-wal", db_path), unlink(p);
  snprintf(p, sizeof p, "%s-shm", db_path), unlink(p);
}

/* The database and its WAL files removed after each test (the scratch folder may be tmpfs). */
static void remove_db(void) {
  char p[300];
  unlink(db_path);
  snprintf(p, sizeof p, "%s-wal", db_path), unlink(p);
  snprintf(p, sizeof p, "%s-shm", db_path), unlink(p);
}

TestSuite(store, .fini = remove_db);

/* A v2 and v3 document pair for product `product` with id `id`; `value` makes the content differ. */
static void docs(char *v2, char *v3, size_t n, const char *id, const char *product, const char *company,
                 const char *geo, const char *refend, const char *value) {
  snprintf(v3, n,
           "{\"id\":\"%s\",\"specVersion\":\"3.0.4\",\"created\":\"2025-01-01T00:00:00Z\",\"status\":\"Active\","
           "\"companyIds\":[\"%s\"],\"productIds\":[\"%s\"],\"productClassifications\":[\"urn:pact:c:%s\"],"
           "\"pcf\":{\"geographyCountry\":\"%s\",\"referencePeriodEnd\":\"%s\",\"pcfExcludingBiogenicUptake\":\"%s\"}}",
           id, company, product, product, geo, refend, value);
  snprintf(v2, n,
           "{\"id\":\"%s\",\"specVersion\":\"2.3.1\",\"version\":1,\"status\":\"Active\",\"productIds\":[\"%s\"],"
           "\"pcf\":{\"pCfExcludingBiogenic\":\"%s\"}}",
           id, product, value);
}

static void uuid(char out[37], unsigned n) { snprintf(out, 37, "00000000-0000-4000-8000-%012u", n); }

Test(store, versions_deprecate_and_list_predecessors) {
  fresh();
  pcf_store *s;
  pcf_error err = {0};
  cr_assert_eq(pcf_store_open(&s, db_path, 0, &err), 0, "%s", err.message);
  char v2[2048], v3[2048], id[37];
  pcf_store_put_result r;
  const char *values[] = {"1.5", "1.5", "1.25", "1.0"};
  char ids[4][37];
  for (unsigned i = 0; i < 4; i++) {
    uuid(ids[i], i + 1);
    docs(v2, v3, sizeof v2, ids[i], "urn:p:A", "urn:c:X", "DE", "2025-01-01T00:00:00Z", values[i]);
    cr_assert_eq(pcf_store_put(s, v2, v3, &r, &err), 0, "%s", err.message);
    /* 1.5 then 1.5 again: unchanged (version 1 stays); 1.25: version 2; 1.0: version 3. */
    long want[] = {1, 1, 2, 3};
    cr_expect_eq(r.version, want[i], "put %u: version %ld", i, r.version);
    cr_expect_eq(r.unchanged, i == 1);
  }
  size_t n;
  cr_assert_eq(pcf_store_count(s, &n, &err), 0);
  cr_expect_eq(n, 3, "the unchanged put wrote nothing");
  char *doc;
  cr_assert_eq(pcf_store_get(s, 3, ids[3], &doc, &err), 0);
  json_t *j = json_loads(doc, 0, NULL);
  free(doc);
  json_t *prev = json_object_get(j, "precedingPfIds");
  cr_assert_eq(json_array_size(prev), 2);
  cr_expect_str_eq(json_string_value(json_array_get(prev, 0)), ids[2]);
  cr_expect_str_eq(json_string_value(json_array_get(prev, 1)), ids[0]);
  cr_expect_str_eq(json_string_value(json_object_get(j, "status")), "Active");
  json_decref(j);
  for (int k = 0; k < 3; k += 2) {
    cr_assert_eq(pcf_store_get(s, 2, ids[k], &doc, &err), 0);
    j = json_loads(doc, 0, NULL);
    free(doc);
    cr_expect_str_eq(json_string_value(json_object_get(j, "status")), "Deprecated", "%s", ids[k]);
    json_decref(j);
  }
  cr_assert_eq(pcf_store_get(s, 2, ids[3], &doc, &err), 0);
  j = json_loads(doc, 0, NULL);
  free(doc);
  cr_expect_eq(json_integer_value(json_object_get(j, "version")), 3, "v2 version number");
  json_decref(j);
  uuid(id, 99);
  cr_expect_eq(pcf_store_get(s, 3, id, &doc, &err), PCF_ERR_NOT_FOUND);
  /* status filter: one Active, two Deprecated. */
  const char *active[] = {"active"}, *dep[] = {"Deprecated"};
  pcf_store_filter f = {.statuses = active, .n_statuses = 1};
  pcf_store_page p;
  cr_assert_eq(pcf_store_list(s, 3, &f, 0, 100, &p, &err), 0);
  cr_expect_eq(p.n, 1);
  pcf_store_page_free(&p);
  f.statuses = dep;
  cr_assert_eq(pcf_store_list(s, 3, &f, 0, 100, &p, &err), 0);
  cr_expect_eq(p.n, 2);
  pcf_store_page_free(&p);
  pcf_store_close(s);
}

Test(store, filters_or_within_and_across) {
  fresh();
  pcf_store *s;
  pcf_error err = {0};
  cr_assert_eq(pcf_store_open(&s, db_path, 0, &err), 0, "%s", err.message);
  char v2[2048], v3[2048], id[37];
  /* A@DE by X, B@FR by X, C@DE by Y; reference periods end 2024, 2025, 2026 (validity 3 years). */
  const char *prod[] = {"urn:p:A", "urn:p:B", "urn:p:C"}, *co[] = {"urn:c:X", "urn:c:X", "urn:c:Y"};
  const char *geo[] = {"DE", "FR", "DE"};
  const char *end[] = {"2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"};
  for (unsigned i = 0; i < 3; i++) {
    uuid(id, i + 1);
    docs(v2, v3, sizeof v2, id, prod[i], co[i], geo[i], end[i], "1");
    cr_assert_eq(pcf_store_put(s, v2, v3, NULL, &err), 0, "%s", err.message);
  }
  pcf_store_page p;
  const char *pa[] = {"URN:P:A", "urn:p:c"}, *cx[] = {"urn:c:x"}, *de[] = {"de"}, *none[] = {"urn:p:none"};
  struct {
    pcf_store_filter f;
    size_t want;
    const char *why;
  } cases[] = {
      {{.product_ids = pa, .n_product_ids = 2}, 2, "A or C, case-insensitive"},
      {{.product_ids = pa, .n_product_ids = 2, .company_ids = cx, .n_company_ids = 1}, 1, "(A or C) and X: A"},
      {{.geographies = de, .n_geographies = 1}, 2, "DE: A and C"},
      {{.product_ids = none, .n_product_ids = 1}, 0, "no such product"},
      /* validOn 2025-06-01: A valid 2024..2027, B 2025..2028, C 2026..2029: A and B. */
      {{.has_valid_on = 1, .valid_on = 1748736000}, 2, "validOn 2025-06-01"},
      /* validAfter 2024-12-31: start > that: B and C. */
      {{.has_valid_after = 1, .valid_after = 1735603200}, 2, "validAfter 2024-12-31"},
      /* validBefore 2028-01-02: end < that: A (2027-01-01) and B (2028-01-01). */
      {{.has_valid_before = 1, .valid_before = 1830384000}, 2, "validBefore 2028-01-02"},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    cr_assert_eq(pcf_store_list(s, 3, &cases[k].f, 0, 100, &p, &err), 0, "%s", err.message);
    cr_expect_eq(p.n, cases[k].want, "%s: %zu", cases[k].why, p.n);
    pcf_store_page_free(&p);
  }
  pcf_store_close(s);
}

Test(store, pagination_over_1000_footprints) {
  fresh();
  pcf_store *s;
  pcf_error err = {0};
  cr_assert_eq(pcf_store_open(&s, db_path, 0, &err), 0, "%s", err.message);
  char v2[2048], v3[2048], id[37], prod[64];
  for (unsigned i = 0; i < 1003; i++) {
    uuid(id, i + 1);
    snprintf(prod, sizeof prod, "urn:p:%u", i);
    docs(v2, v3, sizeof v2, id, prod, "urn:c:X", "DE", "2025-01-01T00:00:00Z", "2");
    cr_assert_eq(pcf_store_put(s, v2, v3, NULL, &err), 0, "%s", err.message);
  }
  /* Pages of 100: ten full pages and one of 3, each id once, in storing order. */
  size_t seen = 0, pages = 0;
  for (size_t offset = 0;; pages++) {
    pcf_store_page p;
    cr_assert_eq(pcf_store_list(s, 2, NULL, offset, 100, &p, &err), 0);
    for (size_t i = 0; i < p.n; i++) {
      uuid(id, (unsigned)(offset + i + 1));
      cr_assert(strstr(p.docs[i], id), "page at %zu, item %zu", offset, i);
    }
    seen += p.n;
    offset += p.n;
    int more = p.more;
    cr_expect_eq(p.n, more ? 100u : 3u);
    pcf_store_page_free(&p);
    if (!more) break;
  }
  cr_expect_eq(seen, 1003);
  cr_expect_eq(pages, 10);
  pcf_store_close(s);
}

Test(store, rfc3339) {
  int64_t t;
  cr_assert_eq(pcf_rfc3339_parse("1970-01-01T00:00:00Z", &t), 0);
  cr_expect_eq(t, 0);
  /* 2025-01-01 = 20089 days after 1970-01-01 (55 years, 14 leap days: 55*365+14). */
  cr_assert_eq(pcf_rfc3339_parse("2025-01-01T00:00:00.123Z", &t), 0);
  cr_expect_eq(t, 20089LL * 86400);
  cr_assert_eq(pcf_rfc3339_parse("2025-01-01T02:00:00+02:00", &t), 0);
  cr_expect_eq(t, 20089LL * 86400);
  cr_assert_eq(pcf_rfc3339_parse("2025-01-01T02:00:00 02:00", &t), 0, "a '+' decoded as a space");
  cr_expect_eq(t, 20089LL * 86400);
  cr_expect_neq(pcf_rfc3339_parse("2025-02-29T00:00:00Z", &t), 0, "2025 is no leap year");
  cr_expect_neq(pcf_rfc3339_parse("2025-01-01", &t), 0);
  cr_expect_neq(pcf_rfc3339_parse("2025-01-01T00:00:00", &t), 0, "no offset");
  /* 2024-02-29 + 3 years: 2027-03-01 (as JavaScript's setFullYear). */
  int64_t a, b;
  pcf_rfc3339_parse("2024-02-29T00:00:00Z", &a);
  pcf_rfc3339_parse("2027-03-01T00:00:00Z", &b);
  cr_expect_eq(pcf_epoch_add_years(a, 3), b);
}
