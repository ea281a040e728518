/* test_cache.c: the binary cache of loaded ILCD data (ilcd/src/cache_*.c, sha256.c).
 *
 * SHA-256 against the FIPS 180-4 example vectors (csrc.nist.gov, SHA256.pdf and the long-message
 * vector of FIPS 180-2 appendix B.3). Round trips of real data compared field by field with a
 * load from XML: the EF 3.1 climate folder, the TianGong slice and an EPD archive (environdec),
 * the multi-functional processes of tests/fixtures/allocation (exchange allocations), plus a
 * hand-made folder with a duplicate, an older version and a malformed file (keep_going).
 * Hits, misses after a change, and caches truncated, bit-flipped or declaring absurd lengths:
 * rejected with ILCD_ERR_DATA and the loader falls back to the XML. A footprint through pcf_data
 * with a cache equals one without (toy car, cases/toy-car/expected.json: 0.998551 kg CO2e). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <ilcd/cache.h>
#include <ilcd/ilcd.h>

#include "../scratch_base.h"
#include "cache_format.h"
#include "alloc_hook.h"
#include "cache_last.h"
#include "pcf/footprint.h"

#define FIXTURE_ROOT PCF_SOURCE_DIR "/tests/fixtures/"
#define FIXTURES PCF_SOURCE_DIR "/tests/fixtures/ilcd/"

/* ---- helpers ---------------------------------------------------------------------------------- */

static char *temp_dir(void) {
  char *t = malloc(600);
  snprintf(t, 600, "%s/pcf_cache_XXXXXX", scratch_base());
  cr_assert(mkdtemp(t));
  return t;
}
static void remove_tree(const char *dir) {
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

static ilcd_db *load(const char *path, const char *cache_dir, int *hit) {
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_options o = {.keep_going = 1};
  ilcd_db_set_options(db, &o);
  int h = -1;
  int rc = ilcd_db_load_cached(db, path, cache_dir, &h, &err);
  cr_assert_eq(rc, 0, "%s: %s: %s", path, err.path, err.message);
  if (hit) *hit = h;
  return db;
}

static void str_eq(const char *a, const char *b, const char *what) {
  cr_assert_str_eq(a ? a : "", b ? b : "", "%s", what);
}
static void num_eq(double a, double b, const char *what) {
  cr_assert(memcmp(&a, &b, sizeof a) == 0, "%s: %.17g != %.17g", what, a, b); /* NaN too */
}
static void ref_eq(const ilcd_ref *a, const ilcd_ref *b) {
  cr_assert(ilcd_uuid_equal(&a->uuid, &b->uuid));
  cr_assert_eq(a->valid, b->valid);
  str_eq(a->raw_id, b->raw_id, "ref raw_id");
  str_eq(a->version, b->version, "ref version");
  str_eq(a->text, b->text, "ref text");
}
static void refs_eq(size_t na, const ilcd_ref *a, size_t nb, const ilcd_ref *b) {
  cr_assert_eq(na, nb);
  for (size_t i = 0; i < na; i++) ref_eq(&a[i], &b[i]);
}
#define HEAD_EQ(a, b)                                                                                                  \
  do {                                                                                                                 \
    cr_assert(ilcd_uuid_equal(&(a)->uuid, &(b)->uuid));                                                                \
    str_eq((a)->version, (b)->version, "version");                                                                     \
    str_eq((a)->name, (b)->name, "name");                                                                              \
    str_eq((a)->path, (b)->path, "path");                                                                              \
  } while (0)

static void process_eq(const ilcd_process *a, const ilcd_process *b) {
  HEAD_EQ(a, b);
  str_eq(a->type, b->type, "type");
  str_eq(a->location, b->location, "location");
  cr_assert_eq(a->reference_year, b->reference_year);
  cr_assert_eq(a->valid_until, b->valid_until);
  str_eq(a->classification, b->classification, "classification");
  str_eq(a->technology, b->technology, "technology");
  str_eq(a->lci_method, b->lci_method, "lci_method");
  str_eq(a->allocation, b->allocation, "allocation");
  str_eq(a->general_comment, b->general_comment, "general_comment");
  cr_assert_eq(a->n_reference_flows, b->n_reference_flows);
  for (size_t i = 0; i < a->n_reference_flows; i++) cr_assert_eq(a->reference_flows[i], b->reference_flows[i]);
  cr_assert_eq(a->n_exchanges, b->n_exchanges);
  for (size_t i = 0; i < a->n_exchanges; i++) {
    const ilcd_exchange *x = &a->exchanges[i], *y = &b->exchanges[i];
    cr_assert_eq(x->internal_id, y->internal_id);
    ref_eq(&x->flow, &y->flow);
    cr_assert_eq(x->direction, y->direction);
    num_eq(x->mean_amount, y->mean_amount, "mean_amount");
    num_eq(x->resulting_amount, y->resulting_amount, "resulting_amount");
    cr_assert_eq(x->has_resulting_amount, y->has_resulting_amount);
    cr_assert_eq(x->uncertainty, y->uncertainty);
    num_eq(x->rsd95_percent, y->rsd95_percent, "rsd95");
    num_eq(x->minimum, y->minimum, "minimum");
    num_eq(x->maximum, y->maximum, "maximum");
    str_eq(x->derivation, y->derivation, "derivation");
    str_eq(x->location, y->location, "exchange location");
    cr_assert_eq(x->line, y->line);
    cr_assert_eq(x->n_allocations, y->n_allocations);
    for (size_t k = 0; k < x->n_allocations; k++) {
      cr_assert_eq(x->allocations[k].co_product, y->allocations[k].co_product);
      num_eq(x->allocations[k].fraction_percent, y->allocations[k].fraction_percent, "allocatedFraction");
    }
  }
  cr_assert_eq(a->n_lcia_results, b->n_lcia_results);
  for (size_t i = 0; i < a->n_lcia_results; i++) {
    const ilcd_lcia_result *x = &a->lcia_results[i], *y = &b->lcia_results[i];
    ref_eq(&x->method, &y->method);
    num_eq(x->mean_amount, y->mean_amount, "lcia mean");
    cr_assert_eq(x->has_mean_amount, y->has_mean_amount);
    cr_assert_eq(x->n_modules, y->n_modules);
    for (size_t j = 0; j < x->n_modules; j++) {
      str_eq(x->modules[j].module, y->modules[j].module, "module");
      str_eq(x->modules[j].scenario, y->modules[j].scenario, "module scenario");
      num_eq(x->modules[j].amount, y->modules[j].amount, "module amount");
      cr_assert_eq(x->modules[j].has_amount, y->modules[j].has_amount);
    }
  }
  refs_eq(a->n_sources, a->sources, b->n_sources, b->sources);
  cr_assert_eq(a->n_default_scenarios, b->n_default_scenarios);
  for (size_t i = 0; i < a->n_default_scenarios; i++)
    str_eq(a->default_scenarios[i], b->default_scenarios[i], "default scenario");
}

static void flow_eq(const ilcd_flow *a, const ilcd_flow *b) {
  HEAD_EQ(a, b);
  cr_assert_eq(a->type, b->type);
  str_eq(a->cas, b->cas, "cas");
  str_eq(a->classification, b->classification, "flow classification");
  cr_assert_eq(a->n_properties, b->n_properties);
  for (size_t i = 0; i < a->n_properties; i++) {
    cr_assert_eq(a->properties[i].internal_id, b->properties[i].internal_id);
    ref_eq(&a->properties[i].property, &b->properties[i].property);
    num_eq(a->properties[i].mean_value, b->properties[i].mean_value, "property mean");
  }
  cr_assert_eq(a->reference_property, b->reference_property);
}

static void method_eq(const ilcd_lcia_method *a, const ilcd_lcia_method *b) {
  HEAD_EQ(a, b);
  str_eq(a->methodology, b->methodology, "methodology");
  str_eq(a->impact_category, b->impact_category, "impact_category");
  str_eq(a->indicator, b->indicator, "indicator");
  ref_eq(&a->reference_quantity, &b->reference_quantity);
  cr_assert_eq(a->n_factors, b->n_factors);
  for (size_t i = 0; i < a->n_factors; i++) {
    ref_eq(&a->factors[i].flow, &b->factors[i].flow);
    cr_assert_eq(a->factors[i].direction, b->factors[i].direction);
    str_eq(a->factors[i].location, b->factors[i].location, "factor location");
    num_eq(a->factors[i].mean_value, b->factors[i].mean_value, "factor");
  }
  refs_eq(a->n_sources, a->sources, b->n_sources, b->sources);
}

/* Every dataset, field by field, in load order; lookups by UUID; problems and file errors. */
static void db_eq(const ilcd_db *a, const ilcd_db *b) {
  for (int k = 0; k < ILCD_KIND_COUNT; k++) cr_assert_eq(ilcd_db_count(a, k), ilcd_db_count(b, k), "kind %d", k);
  for (size_t i = 0; i < ilcd_db_count(a, ILCD_PROCESS); i++) {
    const ilcd_process *p = ilcd_db_process_at(a, i);
    process_eq(p, ilcd_db_process_at(b, i));
    process_eq(ilcd_db_process(a, &p->uuid), ilcd_db_process(b, &p->uuid));
  }
  for (size_t i = 0; i < ilcd_db_count(a, ILCD_FLOW); i++) {
    const ilcd_flow *f = ilcd_db_flow_at(a, i);
    flow_eq(f, ilcd_db_flow_at(b, i));
    flow_eq(ilcd_db_flow(a, &f->uuid), ilcd_db_flow(b, &f->uuid));
  }
  for (size_t i = 0; i < ilcd_db_count(a, ILCD_FLOW_PROPERTY); i++) {
    const ilcd_flow_property *x = ilcd_db_flow_property_at(a, i), *y = ilcd_db_flow_property_at(b, i);
    HEAD_EQ(x, y);
    ref_eq(&x->unit_group, &y->unit_group);
    refs_eq(x->n_sources, x->sources, y->n_sources, y->sources);
    cr_assert_eq(
        ilcd_db_flow_property(b, &x->uuid),
        ilcd_db_flow_property_at(b, i) == ilcd_db_flow_property(b, &x->uuid) ? y : ilcd_db_flow_property(b, &x->uuid));
  }
  for (size_t i = 0; i < ilcd_db_count(a, ILCD_UNIT_GROUP); i++) {
    const ilcd_unit_group *x = ilcd_db_unit_group_at(a, i), *y = ilcd_db_unit_group_at(b, i);
    HEAD_EQ(x, y);
    cr_assert_eq(x->n_units, y->n_units);
    for (size_t j = 0; j < x->n_units; j++) {
      cr_assert_eq(x->units[j].internal_id, y->units[j].internal_id);
      str_eq(x->units[j].name, y->units[j].name, "unit");
      num_eq(x->units[j].factor, y->units[j].factor, "unit factor");
    }
    cr_assert_eq(x->reference_unit, y->reference_unit);
  }
  for (size_t i = 0; i < ilcd_db_count(a, ILCD_LCIA_METHOD); i++) {
    const ilcd_lcia_method *m = ilcd_db_lcia_method_at(a, i);
    method_eq(m, ilcd_db_lcia_method_at(b, i));
    method_eq(ilcd_db_lcia_method(a, &m->uuid), ilcd_db_lcia_method(b, &m->uuid));
  }
  for (int k = ILCD_SOURCE; k <= ILCD_CONTACT; k++)
    for (size_t i = 0; i < ilcd_db_count(a, k); i++) {
      const ilcd_named *x = k == ILCD_SOURCE ? ilcd_db_source_at(a, i) : ilcd_db_contact_at(a, i);
      const ilcd_named *y = k == ILCD_SOURCE ? ilcd_db_source_at(b, i) : ilcd_db_contact_at(b, i);
      HEAD_EQ(x, y);
      str_eq(x->citation, y->citation, "citation");
      const ilcd_named *lx = k == ILCD_SOURCE ? ilcd_db_source(a, &x->uuid) : ilcd_db_contact(a, &x->uuid);
      const ilcd_named *ly = k == ILCD_SOURCE ? ilcd_db_source(b, &x->uuid) : ilcd_db_contact(b, &x->uuid);
      str_eq(lx->version, ly->version, "newest version");
    }
  cr_assert_eq(ilcd_db_problem_count(a), ilcd_db_problem_count(b));
  for (size_t i = 0; i < ilcd_db_problem_count(a); i++) {
    const ilcd_problem *x = ilcd_db_problem(a, i), *y = ilcd_db_problem(b, i);
    cr_assert_eq(x->from_kind, y->from_kind);
    cr_assert(ilcd_uuid_equal(&x->from, &y->from));
    cr_assert_eq(x->to_kind, y->to_kind);
    str_eq(x->target, y->target, "problem target");
    str_eq(x->what, y->what, "problem what");
  }
  cr_assert_eq(ilcd_db_file_error_count(a), ilcd_db_file_error_count(b));
  for (size_t i = 0; i < ilcd_db_file_error_count(a); i++) {
    const ilcd_error *x = ilcd_db_file_error(a, i), *y = ilcd_db_file_error(b, i);
    cr_assert_eq(x->code, y->code);
    str_eq(x->path, y->path, "file error path");
    cr_assert_eq(x->line, y->line);
    str_eq(x->uuid, y->uuid, "file error uuid");
    str_eq(x->message, y->message, "file error message");
  }
  cr_assert_eq(ilcd_db_xml_bytes(a), ilcd_db_xml_bytes(b));
}

/* Loads path from XML, then twice through a fresh cache (miss, hit); all three equal, before and
 * after the reference check. Returns the number of datasets. */
static size_t round_trip(const char *path) {
  char *dir = temp_dir();
  int hit;
  ilcd_db *xml = load(path, NULL, NULL), *first = load(path, dir, &hit);
  cr_assert_eq(hit, 0, "%s: an empty cache folder hit", path);
  ilcd_db *second = load(path, dir, &hit);
  cr_assert_eq(hit, 1, "%s: the second load missed", path);
  db_eq(xml, first);
  db_eq(xml, second);
  ilcd_db_check(xml);
  ilcd_db_check(second);
  db_eq(xml, second);
  size_t n = 0;
  for (int k = 0; k < ILCD_KIND_COUNT; k++) n += ilcd_db_count(xml, k);
  ilcd_db_free(xml);
  ilcd_db_free(first);
  ilcd_db_free(second);
  remove_tree(dir);
  free(dir);
  return n;
}

/* ---- SHA-256 ---------------------------------------------------------------------------------- */

static void hex(const uint8_t d[32], char out[65]) {
  for (int i = 0; i < 32; i++) sprintf(out + 2 * i, "%02x", d[i]);
}

Test(cache, sha256_fips_180_vectors) {
  uint8_t d[32];
  char h[65];
  ilcd_sha256("abc", 3, d);
  hex(d, h);
  cr_expect_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  ilcd_sha256("", 0, d);
  hex(d, h);
  cr_expect_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  ilcd_sha256(m, strlen(m), d);
  hex(d, h);
  cr_expect_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  /* One million 'a', fed in uneven pieces through the incremental interface. */
  sha256_ctx c;
  ilcd__sha256_init(&c);
  char a[1024]; /* pieces up to 1,009 bytes */
  memset(a, 'a', sizeof a);
  size_t left = 1000000, step = 1;
  while (left) {
    size_t n = step < left ? step : left;
    ilcd__sha256_update(&c, a, n);
    left -= n;
    step = step % 997 + 13;
  }
  ilcd__sha256_final(&c, d);
  hex(d, h);
  cr_expect_str_eq(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* ---- round trips ------------------------------------------------------------------------------ */

Test(cache, round_trip_ef31_folder) { cr_expect_gt(round_trip(FIXTURE_ROOT "ef31-climate"), 100); }
Test(cache, round_trip_tiangong_slice) { cr_expect_gt(round_trip(FIXTURE_ROOT "tiangong/tiangong-slice.zip"), 10); }
Test(cache, round_trip_epd_zip) {
  cr_expect_gt(round_trip(FIXTURE_ROOT "epd/environdec_with_dependencies.zip"), 10);
  /* An EPD process with results per module survived: checked field by field above, and there. */
  ilcd_db *db = load(FIXTURE_ROOT "epd/environdec_with_dependencies.zip", NULL, NULL);
  size_t modules = 0;
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS); i++) {
    const ilcd_process *p = ilcd_db_process_at(db, i);
    for (size_t j = 0; j < p->n_lcia_results; j++) modules += p->lcia_results[j].n_modules;
  }
  cr_expect_gt(modules, 0, "the EPD archive has no module amounts: the round trip proves less");
  ilcd_db_free(db);
}
Test(cache, round_trip_allocations) {
  /* The hand-built multi-functional processes: 9 exchanges carry allocations. */
  round_trip(PCF_SOURCE_DIR "/tests/fixtures/allocation/ILCD");
  ilcd_db *db = load(PCF_SOURCE_DIR "/tests/fixtures/allocation/ILCD", NULL, NULL);
  size_t n = 0;
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS); i++)
    for (size_t e = 0; e < ilcd_db_process_at(db, i)->n_exchanges; e++)
      n += ilcd_db_process_at(db, i)->exchanges[e].n_allocations > 0;
  cr_expect_eq(n, 9, "exchanges with allocations: %zu", n);
  ilcd_db_free(db);
}
Test(cache, round_trip_single_file) {
  round_trip(FIXTURES "epd/processes/daa1778e-be8f-4d2f-b1b3-c32ca2f0e90d_01.00.001.xml");
  /* Module scenarios and the default scenarios survive (compared field by field above). */
  round_trip(PCF_SOURCE_DIR
             "/tests/fixtures/epd/ILCD/processes/EPDv1.3_example_57a4ae65-d305-421e-b21f-a3f0c35b8abe.xml");
}

static const char SOURCE_FMT[] =
    "<?xml version=\"1.0\"?>\n"
    "<sourceDataSet xmlns=\"http://lca.jrc.it/ILCD/Source\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
    " <sourceInformation><dataSetInformation>\n"
    "  <common:UUID>5d8c535d-4941-4498-b515-46e26185dbef</common:UUID>\n"
    "  <common:shortName xml:lang=\"en\">%s</common:shortName>\n"
    " </dataSetInformation></sourceInformation>\n"
    " <administrativeInformation><publicationAndOwnership>\n"
    "  <common:dataSetVersion>%s</common:dataSetVersion>\n"
    " </publicationAndOwnership></administrativeInformation>\n"
    "</sourceDataSet>\n";

static void write_text(const char *dir, const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs(text, f);
  fclose(f);
}

/* A folder with the ILCD data of tests/fixtures/ilcd (copied), a source in three files (a newer
 * version, an older one, a duplicate of the newer) and a malformed file. */
static char *mixed_folder(void) {
  char *dir = temp_dir(), cmd[600], xml[1024];
  snprintf(cmd, sizeof cmd, "cp -r '%s' '%s/ILCD'", FIXTURES, dir);
  cr_assert_eq(system(cmd), 0);
  snprintf(xml, sizeof xml, SOURCE_FMT, "new", "02.00.000");
  write_text(dir, "a_source.xml", xml);
  snprintf(xml, sizeof xml, SOURCE_FMT, "old", "01.00.000");
  write_text(dir, "b_source.xml", xml);
  snprintf(xml, sizeof xml, SOURCE_FMT, "again", "02.00.000");
  write_text(dir, "c_source.xml", xml);
  write_text(dir, "d_broken.xml", "<sourceDataSet><unclosed>");
  return dir;
}

Test(cache, round_trip_keeps_versions_duplicates_and_file_errors) {
  char *src = mixed_folder();
  ilcd_db *db = load(src, NULL, NULL);
  cr_assert_eq(ilcd_db_count(db, ILCD_SOURCE), 2);
  cr_assert_eq(ilcd_db_problem_count(db), 1);
  cr_assert_eq(ilcd_db_file_error_count(db), 1);
  ilcd_db_free(db);
  round_trip(src);
  /* Same content at another path: the cache hits and paths name the new place. */
  char *dir = temp_dir(), moved[600], cmd[1300];
  snprintf(moved, sizeof moved, "%s/moved", dir);
  int hit;
  ilcd_db_free(load(src, dir, &hit));
  snprintf(cmd, sizeof cmd, "cp -rp '%s' '%s'", src, moved);
  cr_assert_eq(system(cmd), 0);
  ilcd_db *a = load(moved, NULL, NULL), *b = load(moved, dir, &hit);
  cr_expect_eq(hit, 1);
  db_eq(a, b);
  cr_expect(strncmp(ilcd_db_source_at(b, 0)->path, moved, strlen(moved)) == 0);
  ilcd_db_free(a);
  ilcd_db_free(b);
  remove_tree(dir);
  remove_tree(src);
  free(dir);
  free(src);
}

Test(cache, several_sources_in_one_database) {
  /* Two sources into one database, each with its own cache file; cross-source duplicates come
   * from the version rules as in a plain load. */
  const char *a = FIXTURE_ROOT "ef31-climate", *b = FIXTURES;
  char *dir = temp_dir();
  for (int pass = 0; pass < 2; pass++) {
    ilcd_db *plain = load(a, NULL, NULL), *cached = load(a, dir, NULL);
    ilcd_error err = {0};
    int hit;
    cr_assert_eq(ilcd_db_load(plain, b, &err), 0);
    cr_assert_eq(ilcd_db_load_cached(cached, b, dir, &hit, &err), 0);
    cr_expect_eq(hit, pass);
    for (int k = 0; k < ILCD_KIND_COUNT; k++) cr_expect_eq(ilcd_db_count(plain, k), ilcd_db_count(cached, k));
    cr_expect_eq(ilcd_db_problem_count(plain), ilcd_db_problem_count(cached));
    cr_expect_gt(ilcd_db_problem_count(plain), 0, "fixtures repeat EF 3.1 datasets: duplicates expected");
    ilcd_db_check(plain);
    ilcd_db_check(cached);
    cr_expect_eq(ilcd_db_problem_count(plain), ilcd_db_problem_count(cached));
    ilcd_db_free(plain);
    ilcd_db_free(cached);
  }
  remove_tree(dir);
  free(dir);
}

/* ---- hits, misses, stale and corrupt caches ------------------------------------------------------ */

/* The mixed folder's newer source renamed to "changed": a different size and mtime. */
static void change_source(const char *src) {
  char xml[1024];
  snprintf(xml, sizeof xml, SOURCE_FMT, "changed", "02.00.000");
  write_text(src, "a_source.xml", xml);
}

/* src loaded through the cache in dir: a hit or not as hit says, and the changed source read. */
static void expect_changed(const char *src, const char *dir, int hit) {
  int h;
  ilcd_db *db = load(src, dir, &h);
  cr_expect_eq(h, hit);
  cr_expect_str_eq(ilcd_db_source_at(db, 0)->name, "changed");
  ilcd_db_free(db);
}

Test(cache, changed_source_misses) {
  char *src = mixed_folder(), *dir = temp_dir();
  int hit;
  ilcd_db_free(load(src, dir, &hit));
  cr_assert_eq(hit, 0);
  ilcd_db_free(load(src, dir, &hit));
  cr_assert_eq(hit, 1);
  change_source(src);
  expect_changed(src, dir, 0);
  expect_changed(src, dir, 1);
  remove_tree(dir);
  remove_tree(src);
  free(dir);
  free(src);
}

/* ---- the last cache of a source, read while its key is computed (cache_last.c) ------------------- */

/* The one dir/<id>.last file into out. */
static void last_file(const char *dir, char *out, size_t size) {
  DIR *d = opendir(dir);
  cr_assert(d);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    size_t len = strlen(e->d_name);
    if (len > 5 && strcmp(e->d_name + len - 5, ".last") == 0) snprintf(out, size, "%s/%s", dir, e->d_name), n++;
  }
  closedir(d);
  cr_assert_eq(n, 1, "%d .last files in %s", n, dir);
}

static void key_of(const char *src, uint8_t out[32]);
static void cache_file(const char *src, const char *dir, char *out, size_t size);
static void spit(const char *path, const uint8_t *b, size_t n);

/* What the last file holds: the cache file name of src's key and a newline. */
static void expect_last_names(const char *last, const char *src) {
  uint8_t k[32];
  key_of(src, k);
  char want[66], got[80] = {0};
  hex(k, want);
  strcat(want, "\n");
  FILE *f = fopen(last, "r");
  cr_assert(f);
  size_t n = fread(got, 1, sizeof got - 1, f);
  fclose(f);
  cr_expect_eq(n, 65);
  cr_expect_str_eq(got, want);
}

/* The guess itself: with the key it was written for it hands over the cache's datasets (what the
 * XML gives); with another key nothing. */
Test(cache, last_cache_read_beside_the_key) {
  char *src = mixed_folder(), *dir = temp_dir(), last[700];
  ilcd_db *plain = load(src, NULL, NULL);
  ilcd_db_free(load(src, dir, NULL));
  last_file(dir, last, sizeof last);
  uint8_t k[32], other[32];
  key_of(src, k);
  memcpy(other, k, 32);
  other[0] ^= 1;
  const uint8_t *keys[] = {k, other, NULL};
  for (int i = 0; i < 3; i++) {
    cache_guess g;
    ilcd__cache_guess_start(&g, plain, last, dir, src);
    ilcd_db *got = ilcd__cache_guess_take(&g, keys[i]);
    if (i == 0) {
      cr_assert(got, "the cache the last file names was not taken for its own key");
      db_eq(plain, got);
    } else {
      cr_expect_null(got, "taken for %s", keys[i] ? "another key" : "a failed key");
    }
    ilcd_db_free(got);
  }
  ilcd_db_free(plain);
  remove_tree(dir);
  remove_tree(src);
  free(dir);
  free(src);
}

/* A last file that names another source's cache, holds garbage, is a link or a FIFO, or names the
 * cache of the source before it changed: the load gives what the XML gives, and the last file
 * names the right cache again. */
Test(cache, last_cache_is_only_a_guess) {
  char *src = mixed_folder(), *dir = temp_dir(), last[700], other_last[700];
  int hit;
  /* Another source's cache and last file in a folder of their own, then moved into dir. */
  char *dir2 = temp_dir(), cmd[1600];
  ilcd_db_free(load(FIXTURES, dir2, NULL));
  last_file(dir2, other_last, sizeof other_last);
  uint8_t ko[32];
  key_of(FIXTURES, ko);
  ilcd_db *plain = load(src, NULL, NULL);
  ilcd_db_free(load(src, dir, &hit));
  cr_assert_eq(hit, 0);
  last_file(dir, last, sizeof last);
  expect_last_names(last, src);
  snprintf(cmd, sizeof cmd, "cp '%s'/*.ilcdc '%s'", dir2, dir);
  cr_assert_eq(system(cmd), 0);
  char other_name[66];
  hex(ko, other_name);
  strcat(other_name, "\n");
  const char *contents[] = {other_name, "not a name\n", ""};
  for (int i = 0; i < 5; i++) {
    unlink(last);
    if (i < 3)
      spit(last, (const uint8_t *)contents[i], strlen(contents[i]));
    else if (i == 3)
      cr_assert_eq(symlink(other_last, last), 0); /* a link to a last file: not followed */
    else
      cr_assert_eq(mkfifo(last, 0600), 0); /* a FIFO: not read, not waited on */
    ilcd_db *db = load(src, dir, &hit);
    cr_expect_eq(hit, 1, "case %d", i);
    db_eq(plain, db);
    ilcd_db_free(db);
    expect_last_names(last, src); /* rewritten by the hit, in place of what was there */
  }
  expect_last_names(other_last, FIXTURES); /* the link was replaced, not written through */
  unlink(last);
  ilcd_db_free(load(src, dir, &hit));
  expect_last_names(last, src);
  /* The source changed: the guess reads the old cache, which its key no longer names. The new
   * cache replaces the old, which is removed; the other source's cache stays. */
  char old_cache[700], new_cache[700], other_cache[700];
  cache_file(FIXTURES, dir, other_cache, sizeof other_cache);
  cache_file(src, dir, old_cache, sizeof old_cache);
  change_source(src);
  expect_changed(src, dir, 0);
  expect_last_names(last, src);
  cache_file(src, dir, new_cache, sizeof new_cache);
  struct stat st;
  cr_expect_eq(stat(new_cache, &st), 0, "the new cache was not written");
  cr_expect_neq(stat(old_cache, &st), 0, "the cache of the source before it changed is still there");
  cr_expect_eq(stat(other_cache, &st), 0, "another source's cache was removed");
  expect_changed(src, dir, 1);
  ilcd_db_free(plain);
  remove_tree(dir2);
  remove_tree(dir);
  remove_tree(src);
  free(dir2);
  free(dir);
  free(src);
}

static void key_of(const char *src, uint8_t out[32]) {
  ilcd_db *db = load(src, NULL, NULL);
  ilcd_error err = {0};
  cr_assert_eq(ilcd_cache_key(db, src, out, &err), 0, "%s", err.message);
  ilcd_db_free(db);
}

/* The key describes exactly the files a load reads (one folder walk serves both): files the load
 * skips (not .xml, dot files, deeper than 8 folders) leave it alone; an .xml file the load would
 * read, in a subfolder or with an upper-case extension, changes it. */
Test(cache, key_follows_what_the_load_reads) {
  char *src = mixed_folder();
  uint8_t before[32], after[32];
  key_of(src, before);
  write_text(src, "notes.txt", "not a data set");
  write_text(src, ".hidden.xml", "<x/>");
  char deep[512];
  snprintf(deep, sizeof deep, "mkdir -p '%s/1/2/3/4/5/6/7/8/9'", src);
  cr_assert_eq(system(deep), 0);
  write_text(src, "1/2/3/4/5/6/7/8/9/deep.xml", "<x/>");
  key_of(src, after);
  cr_expect_arr_eq(after, before, 32, "a file the load skips changed the key");
  write_text(src, "1/2/UPPER.XML", "<x/>");
  key_of(src, after);
  cr_expect_arr_neq(after, before, 32, "an .XML file the load reads left the key unchanged");
  remove_tree(src);
  free(src);
}

static uint8_t *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  cr_assert(f, "%s", path);
  fseek(f, 0, SEEK_END);
  *n = (size_t)ftell(f);
  rewind(f);
  uint8_t *b = malloc(*n ? *n : 1);
  cr_assert_eq(fread(b, 1, *n, f), *n);
  fclose(f);
  return b;
}
static void spit(const char *path, const uint8_t *b, size_t n) {
  FILE *f = fopen(path, "wb");
  cr_assert(f);
  cr_assert_eq(fwrite(b, 1, n, f), n);
  fclose(f);
}

static uint8_t key[32]; /* of the source whose cache the corruption tests spoil */

/* The one cache file in dir. */
static void cache_file(const char *src, const char *dir, char *out, size_t size) {
  ilcd_db *db = load(src, NULL, NULL);
  ilcd_error err;
  cr_assert_eq(ilcd_cache_key(db, src, key, &err), 0);
  ilcd_db_free(db);
  int n = snprintf(out, size, "%s/", dir);
  for (int i = 0; i < 32; i++) n += snprintf(out + n, size - (size_t)n, "%02x", key[i]);
  snprintf(out + n, size - (size_t)n, "%s", ILCD_CACHE_SUFFIX);
}

static int refused(const char *src, const char *path, const ilcd_db *expect, const char *what, int same_allowed);
static void fallback(const char *src, const char *dir, const char *path, const ilcd_db *expect, const char *what);

/* Reading the cache at path must be refused as corrupt, and load_cached must fall back to the XML
 * and give what the XML gives (checked when fall_back: an XML load and a cache rewrite each, the
 * same whatever made the cache corrupt: of the many truncations and flips below, one length in 16
 * and one byte in 64). */
static void rejected(const char *src, const char *dir, const char *path, const ilcd_db *expect, const char *what,
                     int fall_back) {
  if (refused(src, path, expect, what, 0) && fall_back) fallback(src, dir, path, expect, what);
}

/* Returns 1 when the cache at path is refused (ILCD_ERR_DATA, nothing loaded). When
 * same_allowed, a cache that reads may pass if it gives exactly the expected database (deflate has
 * bits that change nothing, such as the padding after the last block); returns 0 then. */
static int refused(const char *src, const char *path, const ilcd_db *expect, const char *what, int same_allowed) {
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_options o = {.keep_going = 1};
  ilcd_db_set_options(db, &o);
  int rc = ilcd_db_read_cache(db, path, key, src, &err);
  if (rc == 0 && same_allowed) {
    db_eq(expect, db);
    ilcd_db_free(db);
    return 0;
  }
  cr_assert_eq(rc, ILCD_ERR_DATA, "%s accepted", what);
  cr_assert(strstr(err.message, "cache corrupt, ignored"), "%s: %s", what, err.message);
  for (int k = 0; k < ILCD_KIND_COUNT; k++) cr_assert_eq(ilcd_db_count(db, k), 0, "%s left data", what);
  ilcd_db_free(db);
  return 1;
}

/* load_cached falls back to the XML. */
static void fallback(const char *src, const char *dir, const char *path, const ilcd_db *expect, const char *what) {
  ilcd_db *db;
  int hit;
  uint8_t *keep;
  size_t n;
  keep = slurp(path, &n);
  db = load(src, dir, &hit);
  cr_assert_eq(hit, 0, "%s: hit", what);
  db_eq(expect, db);
  ilcd_db_free(db);
  spit(path, keep, n); /* load_cached rewrote a good cache: put the bad one back for the caller */
  free(keep);
}

Test(cache, corrupt_caches_are_rejected_and_xml_loaded) {
  const char *src = FIXTURES;
  char *dir = temp_dir(), path[600];
  ilcd_db *expect = load(src, NULL, NULL);
  ilcd_db_free(load(src, dir, NULL));
  cache_file(src, dir, path, sizeof path);
  size_t n;
  uint8_t *good = slurp(path, &n);
  cr_assert_gt(n, CACHE_HEADER_BYTES);
  /* Truncated anywhere. */
  for (size_t len = 0; len < n; len += (len < 200 ? 1 : 97)) {
    spit(path, good, len);
    char what[64];
    snprintf(what, sizeof what, "truncated to %zu bytes", len);
    rejected(src, dir, path, expect, what, len % 16 == 0);
  }
  /* Every byte with one bit flipped (the key bytes make a stale cache, also refused). */
  uint8_t *bad = malloc(n);
  size_t flips_refused = 0;
  for (size_t i = 0; i < n; i++) {
    memcpy(bad, good, n);
    bad[i] ^= (uint8_t)(1u << (i % 8));
    spit(path, bad, n);
    char what[64];
    snprintf(what, sizeof what, "bit %zu of byte %zu flipped", i % 8, i);
    /* The header must always be refused; in the zlib stream a flip is refused or changes nothing. */
    if (refused(src, path, expect, what, i >= CACHE_HEADER_BYTES)) {
      flips_refused++;
      if (i % 64 == 0) fallback(src, dir, path, expect, what);
    }
  }
  cr_expect_gt(flips_refused, n - n / 50, "%zu of %zu flips refused", flips_refused, n);
  /* Absurd lengths in a header that is otherwise right. */
  cache_header h;
  cr_assert_eq(cache_header_decode(&h, good), 0);
  uint64_t absurd[] = {0, 1, UINT32_MAX, (uint64_t)1 << 40, UINT64_MAX, UINT64_MAX - 7};
  for (size_t i = 0; i < sizeof absurd / sizeof *absurd; i++)
    for (int field = 0; field < 3; field++) {
      cache_header x = h;
      uint64_t *f = field == 0 ? &x.strings_len : field == 1 ? &x.records_len : &x.compressed_len;
      if (*f == absurd[i]) continue;
      *f = absurd[i];
      memcpy(bad, good, n);
      cache_header_encode(&x, bad);
      spit(path, bad, n);
      rejected(src, dir, path, expect, "absurd length", 1);
    }
  /* Appended garbage. */
  uint8_t *longer = malloc(n + 16);
  memcpy(longer, good, n);
  memset(longer + n, 0x5a, 16);
  spit(path, longer, n + 16);
  rejected(src, dir, path, expect, "trailing bytes", 1);
  /* The good file still reads. */
  spit(path, good, n);
  int hit;
  ilcd_db *db = load(src, dir, &hit);
  cr_expect_eq(hit, 1);
  db_eq(expect, db);
  ilcd_db_free(db);
  free(longer);
  free(bad);
  free(good);
  ilcd_db_free(expect);
  remove_tree(dir);
  free(dir);
}

/* A well-formed body whose records lie: a count far beyond the bytes left must be refused before
 * anything is allocated for it. Written with a valid CRC, so only the record checks stand. */
Test(cache, lying_counts_are_rejected) {
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  char *dir = temp_dir(), path[600];
  snprintf(path, sizeof path, "%s/empty.ilcdc", dir);
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_save_cache(db, path, NULL, NULL, &err), 0, "%s", err.message);
  cr_assert_eq(ilcd_db_read_cache(db, path, NULL, NULL, &err), 0, "%s", err.message);
  ilcd_db_free(db);
  /* The empty database's body: "" | xml bytes u64, 7 counts, problems, file errors. Rebuilt with
   * a process count of 2^32-1 and re-deflated with a right CRC (cache.h: CRC-32 of the key, here
   * 32 zero bytes, then the body). */
  static const uint8_t zero_key[32];
  uint8_t body[1 + 8 + 9 * 4] = {0};
  memset(body + 9, 0xff, 4);
  uLongf clen = compressBound(sizeof body);
  uint8_t *file = calloc(1, CACHE_HEADER_BYTES + clen);
  cr_assert_eq(compress2(file + CACHE_HEADER_BYTES, &clen, body, sizeof body, 1), Z_OK);
  cache_header h = {.format = ILCD_CACHE_FORMAT,
                    .strings_len = 1,
                    .records_len = sizeof body - 1,
                    .compressed_len = clen,
                    .crc = (uint32_t)crc32(crc32(0, zero_key, 32), body, sizeof body)};
  cache_header_encode(&h, file);
  spit(path, file, CACHE_HEADER_BYTES + clen);
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_read_cache(db, path, NULL, NULL, &err), ILCD_ERR_DATA);
  cr_expect(strstr(err.message, "records out of bounds"), "%s", err.message);
  /* The same with the count right (0): accepted. */
  memset(body + 9, 0, 4);
  clen = compressBound(sizeof body);
  cr_assert_eq(compress2(file + CACHE_HEADER_BYTES, &clen, body, sizeof body, 1), Z_OK);
  h.compressed_len = clen;
  h.crc = (uint32_t)crc32(crc32(0, zero_key, 32), body, sizeof body);
  cache_header_encode(&h, file);
  spit(path, file, CACHE_HEADER_BYTES + clen);
  cr_expect_eq(ilcd_db_read_cache(db, path, NULL, NULL, &err), 0, "%s", err.message);
  ilcd_db_free(db);
  free(file);
  remove_tree(dir);
  free(dir);
}

/* A cache whose checksum fails is corrupt even when its decoding ran out of memory first (records
 * are decoded as they inflate, before the CRC is known): it must read as corrupt, so that the load
 * falls back to the XML, not as out of memory, which would stop it. The last allocation of a read
 * is made to fail, in the good file and in the same file with its CRC spoilt (the same
 * allocations up to there). */
Test(cache, a_failed_checksum_is_corrupt_even_out_of_memory) {
  const char *src = FIXTURES;
  char *dir = temp_dir(), path[600];
  ilcd_db_free(load(src, dir, NULL));
  cache_file(src, dir, path, sizeof path);
  ilcd_db *db;
  ilcd_error err = {0};
  ilcd_alloc_hook_arm(0, 0); /* counted, none failed */
  cr_assert_eq(ilcd_db_new(&db), 0);
  unsigned long before = ilcd_alloc_hook_count();
  cr_assert_eq(ilcd__cache_read(db, path, key, NULL, src, &err), 0, "%s", err.message);
  unsigned long n = ilcd_alloc_hook_count() - before;
  ilcd_alloc_hook_disarm();
  ilcd_db_free(db);
  if (n == 0) cr_skip_test("built without the allocation hook (PCF_ALLOC_HOOKS)");
  size_t size;
  uint8_t *good = slurp(path, &size), *bad = malloc(size);
  memcpy(bad, good, size);
  bad[72] ^= 1; /* the header's CRC (cache_format.h) */
  for (int spoilt = 0; spoilt < 2; spoilt++) {
    spit(path, spoilt ? bad : good, size);
    cr_assert_eq(ilcd_db_new(&db), 0);
    ilcd_alloc_hook_arm(n, 1); /* from the last allocation of the read on */
    int rc = ilcd__cache_read(db, path, key, NULL, src, &err);
    ilcd_alloc_hook_disarm();
    ilcd_db_free(db);
    if (spoilt) {
      cr_expect_eq(rc, ILCD_ERR_DATA, "spoilt CRC read as %d: %s", rc, err.message);
      cr_expect(strstr(err.message, "does not inflate to its length and checksum"), "%s", err.message);
    } else {
      cr_expect_eq(rc, ILCD_ERR_NOMEM, "good file read as %d: %s", rc, err.message);
    }
  }
  free(good);
  free(bad);
  remove_tree(dir);
  free(dir);
}

/* ---- through pcf_data ------------------------------------------------------------------------- */

static double toy_car(const char *cache_dir) {
  pcf_product *p = NULL;
  pcf_data *d = NULL;
  pcf_result *r = NULL;
  pcf_error err = {0};
  pcf_data_options o = {.bundled = 1, .cache_dir = cache_dir};
  cr_assert_eq(pcf_product_read(&p, PCF_SOURCE_DIR "/cases/toy-car/product.ini", &err), 0, "%s", err.message);
  cr_assert_eq(pcf_data_open(&d, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, d, p, &err), 0, "%s", err.message);
  double total = pcf_result_value(r, PCF_TOTAL);
  pcf_result_free(r);
  pcf_data_free(d);
  pcf_product_free(p);
  return total;
}

Test(cache, footprint_with_cache_equals_without) {
  char *dir = temp_dir();
  double plain = toy_car(NULL), miss = toy_car(dir), hit = toy_car(dir);
  cr_expect_float_eq(plain, 0.998551, 1e-6);
  cr_expect(plain == miss && plain == hit, "%.17g %.17g %.17g", plain, miss, hit);
  remove_tree(dir);
  free(dir);
}
