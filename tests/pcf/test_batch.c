/* test_batch.c: pcf batch against the library's own footprints. The catalogue in
 * tests/fixtures/batch/ (see its README) holds toy-car variants and three products broken on
 * purpose; every computed row must equal pcf_footprint_product of the same product (which
 * restricts and solves per product, while the batch solves the whole database once), failures
 * must carry their file, line and reason, and the output must not depend on the threads. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_test.h"
#include "pcf/batch.h"

#define FIX PCF_SOURCE_DIR "/tests/fixtures/batch"

static void close_to(const char *what, double got, double want) {
  cr_expect(fabs(got - want) <= 1e-9 * fmax(1.0, fabs(want)), "%s = %.12g, library footprint %.12g", what, got, want);
}

static pcf_batch *open_run(const char *catalogue, unsigned threads) {
  pcf_batch_options o = PCF_BATCH_OPTIONS_INIT;
  o.threads = threads;
  pcf_batch *b = NULL;
  pcf_error err = {0};
  int rc = pcf_batch_open(&b, catalogue, &o, &err);
  cr_assert_eq(rc, 0, "open: %s:%ld: %s", err.path, err.line, err.message);
  rc = pcf_batch_run(b, &err);
  cr_assert_eq(rc, 0, "run: %s", err.message);
  return b;
}

/* The library's footprint of one product file, with its own data as pcf footprint loads it. */
static pcf_result *library_footprint(const char *path) {
  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_result *r = NULL;
  cr_assert_eq(pcf_product_read(&product, path, &err), 0, "%s", err.message);
  pcf_data_options o = {.bundled = 1, .method = pcf_product_method(product)};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, data, product, &err), 0, "%s", err.message);
  pcf_data_free(data);
  pcf_product_free(product);
  return r;
}

Test(batch, rows_equal_the_library_footprint_of_the_same_product) {
  pcf_batch *b = open_run(FIX "/catalogue.csv", 2);
  cr_assert_eq(pcf_batch_count(b), 7);
  for (size_t i = 0; i < pcf_batch_count(b); i++) {
    const pcf_batch_row *row = pcf_batch_row_at(b, i);
    if (!row->ok) continue;
    const pcf_catalogue_entry *e = pcf_batch_entry(b, i);
    pcf_result *r = library_footprint(e->product);
    double scale = e->scale;
    char what[128];
    for (int k = 0; k < PCF_INDICATOR_COUNT; k++) {
      snprintf(what, sizeof what, "%s %s", pcf_batch_id(b, i), pcf_indicator_key(k));
      close_to(what, row->value[k], scale * pcf_result_value(r, k));
    }
    for (int s = 0; s < PCF_STAGE_COUNT; s++) {
      snprintf(what, sizeof what, "%s %s", pcf_batch_id(b, i), pcf_stage_key(s));
      close_to(what, row->stage[s], scale * pcf_result_stage(r, s, PCF_TOTAL));
    }
    cr_expect_eq(row->lines, pcf_result_line_count(r));
    pcf_result_free(r);
  }
  /* The toy car agrees with its worked case too (cases/toy-car/expected.json: 0.8147). */
  cr_expect(fabs(pcf_batch_row_at(b, 0)->value[PCF_TOTAL] - 0.8147) < 5e-4);
  cr_expect_str_eq(pcf_batch_row_at(b, 4)->declared_unit, "pack of 12 pieces");
  cr_expect_str_eq(pcf_batch_name(b, 4), "Toy car, pack of 12");
  pcf_batch_free(b);
}

Test(batch, variants_differ_where_they_should) {
  pcf_batch *b = open_run(FIX "/catalogue.csv", 1);
  const pcf_batch_row *base = pcf_batch_row_at(b, 0), *heavy = pcf_batch_row_at(b, 1), *far = pcf_batch_row_at(b, 3);
  cr_assert(base->ok && heavy->ok && far->ok);
  cr_expect_gt(heavy->stage[PCF_STAGE_RAW_MATERIALS], base->stage[PCF_STAGE_RAW_MATERIALS]);
  cr_expect_gt(heavy->stage[PCF_STAGE_PRODUCTION], base->stage[PCF_STAGE_PRODUCTION]);
  close_to("far raw materials", far->stage[PCF_STAGE_RAW_MATERIALS], base->stage[PCF_STAGE_RAW_MATERIALS]);
  cr_expect_gt(far->stage[PCF_STAGE_DISTRIBUTION], base->stage[PCF_STAGE_DISTRIBUTION]);
  close_to("pack of 12", pcf_batch_row_at(b, 4)->value[PCF_TOTAL], 12 * base->value[PCF_TOTAL]);
  pcf_batch_free(b);
}

Test(batch, failures_carry_file_line_and_reason) {
  pcf_batch *b = open_run(FIX "/catalogue.csv", 2);
  cr_expect_eq(pcf_batch_failed(b), 3);
  const pcf_error *e = pcf_batch_error(b, 2);
  cr_assert(e && !pcf_batch_row_at(b, 2)->ok);
  cr_expect_eq(e->code, PCF_ERR_NOT_FOUND);
  cr_expect(strstr(e->path, "bom-broken.csv"), "%s", e->path);
  cr_expect_eq(e->line, 3);
  cr_expect(strstr(e->message, "unobtainium"), "%s", e->message);
  e = pcf_batch_error(b, 5);
  cr_assert(e);
  cr_expect_eq(e->code, PCF_ERR_UNIT);
  cr_expect(strstr(e->message, "kg"), "%s", e->message);
  e = pcf_batch_error(b, 6);
  cr_assert(e);
  cr_expect_eq(e->code, PCF_ERR_IO);
  cr_expect(strstr(e->path, "missing.ini"), "%s", e->path);
  cr_expect_null(pcf_batch_error(b, 0));
  char *text = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  cr_assert_eq(pcf_batch_write_errors(b, f), 0);
  fclose(f);
  cr_expect(strstr(text, "TC-900,") && strstr(text, "TC-901,") && strstr(text, "TC-404,"), "%s", text);
  cr_expect(!strstr(text, "TC-100,"), "%s", text);
  free(text);
  pcf_batch_free(b);
}

static char *csv_of(const char *catalogue, unsigned threads) {
  pcf_batch *b = open_run(catalogue, threads);
  char *text = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  cr_assert_eq(pcf_batch_write_csv(b, f), 0);
  fclose(f);
  pcf_batch_free(b);
  return text;
}

Test(batch, output_does_not_depend_on_threads) {
  /* 300 rows cycling over the fixtures with varied scales, so that the threads interleave. */
  char dir[] = "/tmp/pcf-batch-XXXXXX", path[256];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/catalogue.csv", dir);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  static const char *files[] = {"toy-car", "heavy-car", "far-car", "broken-material", "bad-unit"};
  fputs("id,product,scale\n", f);
  for (int i = 0; i < 300; i++) fprintf(f, "P%03d,%s/%s.ini,%d\n", i, FIX, files[i % 5], 1 + i % 7);
  fclose(f);
  char *one = csv_of(path, 1), *two = csv_of(path, 2), *four = csv_of(path, 4);
  cr_expect_str_eq(one, two);
  cr_expect_str_eq(one, four);
  cr_expect(strstr(one, "\nP000,") < strstr(one, "\nP001,") && strstr(one, "\nP298,") < strstr(one, "\nP299,"));
  free(one);
  free(two);
  free(four);
  unlink(path);
  rmdir(dir);
}

Test(batch, a_folder_is_a_catalogue_in_path_order) {
  pcf_error err = {0};
  pcf_catalogue *c = NULL;
  cr_assert_eq(pcf_catalogue_read(&c, FIX, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_catalogue_count(c), 5);
  for (size_t i = 1; i < pcf_catalogue_count(c); i++)
    cr_expect_lt(strcmp(pcf_catalogue_entry_at(c, i - 1)->product, pcf_catalogue_entry_at(c, i)->product), 0);
  cr_expect(strstr(pcf_catalogue_entry_at(c, 0)->product, "bad-unit.ini"));
  pcf_catalogue_free(c);
}

static int catalogue_error(const char *text, pcf_error *err) {
  char path[] = "/tmp/pcf-catalogue-XXXXXX";
  int fd = mkstemp(path);
  cr_assert(fd >= 0);
  cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  pcf_catalogue *c = NULL;
  int rc = pcf_catalogue_read(&c, path, err);
  pcf_catalogue_free(c);
  unlink(path);
  return rc;
}

Test(batch, bad_catalogues_are_refused_with_the_line) {
  pcf_error err = {0};
  cr_expect_eq(catalogue_error("id,prodcut\nA,a.ini\n", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "prodcut"), "%s", err.message);
  cr_expect_eq(catalogue_error("id,name\nA,a\n", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "product"), "%s", err.message);
  cr_expect_eq(catalogue_error("id,product,scale\nA,a.ini,2\nB,b.ini,-1\n", &err), PCF_ERR_INPUT);
  cr_expect_eq(err.line, 3);
  cr_expect_eq(catalogue_error("id,product\nA,\n", &err), PCF_ERR_INPUT);
  cr_expect_eq(err.line, 2);
  cr_expect_eq(catalogue_error("Product File;ID;Scale\na.ini;A;1,5\n", &err), 0, "%s", err.message);
}

Test(batch, the_command_writes_atomically_and_exits_1_on_failures) {
  char dir[] = "/tmp/pcf-batch-cli-XXXXXX", cmd[2048], path[300];
  cr_assert(mkdtemp(dir));
  snprintf(cmd, sizeof cmd,
           "%s batch %s/catalogue.csv -q --threads 2 -o %s/out.csv --errors %s/errors.csv "
           "--json-dir %s/json",
           PCF_BINARY, FIX, dir, dir, dir);
  int status = system(cmd);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %d", status);
  struct stat st;
  const char *expect[] = {"out.csv", "errors.csv", "json/TC-100.json", "json/TC-100-12.json"};
  for (size_t i = 0; i < 4; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, expect[i]);
    cr_expect_eq(stat(path, &st), 0, "%s missing", path);
    unlink(path);
  }
  snprintf(path, sizeof path, "%s/json/TC-900.json", dir);
  cr_expect_neq(stat(path, &st), 0, "a failed product has no JSON document");
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}

/* --hotspots: each product's JSON document carries the same process and flow contributions as
 * pcf footprint gives for the product alone (there its own supply chains, here the whole
 * database solved once: the same activities, so the same numbers to round-off). Run on two
 * threads, so the scaling solves of the two products take turns on one factorisation. */
static json_t *contributions_by_name(json_t *doc, const char *key) {
  json_t *by = json_object();
  size_t i;
  json_t *c;
  json_array_foreach(json_object_get(doc, key), i, c)
      json_object_set(by, json_string_value(json_object_get(c, "name")), json_object_get(c, "value"));
  return by;
}

Test(batch, hotspots_equal_the_single_product_ones) {
  char dir[] = "/tmp/pcf-batch-hot-XXXXXX", cmd[2048], path[512];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/catalogue.csv", dir);
  write_file(path, "id,product\nTC-1," PCF_SOURCE_DIR "/cases/toy-car/product.ini\nEK-1," PCF_SOURCE_DIR
                   "/cases/electric-kettle/product.ini\n");
  snprintf(cmd, sizeof cmd, "%s batch %s -q --threads 2 --hotspots --json-dir %s/json -o %s/out.csv", PCF_BINARY, path,
           dir, dir);
  int status = system(cmd);
  cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
  static const char *ids[] = {"TC-1", "EK-1"}, *cases[] = {"toy-car", "electric-kettle"};
  for (int k = 0; k < 2; k++) {
    snprintf(path, sizeof path, "%s/json/%s.json", dir, ids[k]);
    json_error_t je;
    json_t *batch = json_load_file(path, 0, &je);
    cr_assert(batch, "%s: %s", path, je.text);
    snprintf(cmd, sizeof cmd, "%s footprint %s/cases/%s/product.ini --format json", PCF_BINARY, PCF_SOURCE_DIR,
             cases[k]);
    json_t *single = command_json(cmd);
    static const char *keys[] = {"hotspots", "flows"};
    for (int q = 0; q < 2; q++) {
      json_t *a = contributions_by_name(batch, keys[q]), *b = contributions_by_name(single, keys[q]);
      cr_expect_gt(json_object_size(b), 0, "%s: no %s", ids[k], keys[q]);
      cr_expect_eq(json_object_size(a), json_object_size(b), "%s %s: %zu vs %zu", ids[k], keys[q], json_object_size(a),
                   json_object_size(b));
      const char *name;
      json_t *v;
      json_object_foreach(b, name, v) {
        json_t *w = json_object_get(a, name);
        cr_expect(w, "%s %s: \"%s\" missing in batch", ids[k], keys[q], name);
        if (w)
          cr_expect(fabs(json_number_value(w) - json_number_value(v)) <= 1e-9 * fmax(1e-12, fabs(json_number_value(v))),
                    "%s %s \"%s\": %.12g vs %.12g", ids[k], keys[q], name, json_number_value(w), json_number_value(v));
      }
      json_decref(a);
      json_decref(b);
    }
    json_decref(batch);
    json_decref(single);
  }
  snprintf(cmd, sizeof cmd, "%s batch %s/catalogue.csv -q --hotspots >/dev/null 2>&1", PCF_BINARY, dir);
  status = system(cmd);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 64, "--hotspots without --json-dir: status %d", status);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}

/* Streaming: when row i's result is handed to on_result, row i's product is there and no other
 * row's is (one thread): the rows before were freed once computed, the rows after are not read
 * yet. Before products streamed, every product was held from pcf_batch_open to its turn. */
typedef struct held_check {
  pcf_batch *b;
  size_t calls, others_held;
} held_check;

static int count_held(void *ctx, size_t i, const pcf_result *r, pcf_error *err) {
  (void)r, (void)err;
  held_check *h = ctx;
  h->calls++;
  cr_expect(pcf_batch_product(h->b, i), "row %zu: its own product is not there", i);
  for (size_t k = 0; k < pcf_batch_count(h->b); k++) h->others_held += k != i && pcf_batch_product(h->b, k);
  return 0;
}

Test(batch, a_worker_holds_one_product_at_a_time) {
  held_check h = {0};
  pcf_batch_options o = PCF_BATCH_OPTIONS_INIT;
  o.threads = 1;
  o.on_result = count_held;
  o.result_ctx = &h;
  pcf_error err = {0};
  cr_assert_eq(pcf_batch_open(&h.b, FIX "/catalogue.csv", &o, &err), 0, "%s", err.message);
  for (size_t k = 0; k < pcf_batch_count(h.b); k++) cr_expect_null(pcf_batch_product(h.b, k), "row %zu held", k);
  cr_assert_eq(pcf_batch_run(h.b, &err), 0, "%s", err.message);
  /* The fixture's rows 0, 1, 3 and 4 are computed (README: 2, 5 and 6 fail). */
  cr_expect_eq(h.calls, 4);
  cr_expect_eq(h.others_held, 0);
  pcf_batch_free(h.b);
}

/* A product file whose head reads but whose BOM is missing fails when its turn comes, as an
 * unreadable row: labelled by its file name (not the id its head gives), the error naming the BOM;
 * the other rows are computed. */
Test(batch, a_row_whose_bom_is_missing_fails_alone_under_its_file_name) {
  char tmp[] = "/tmp/pcf-batch-XXXXXX", path[256];
  cr_assert(mkdtemp(tmp));
  snprintf(path, sizeof path, "%s/nobom.ini", tmp);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs("[product]\nname = Without its BOM\nid = NB-1\nbom = missing-bom.csv\n", f);
  fclose(f);
  snprintf(path, sizeof path, "%s/catalogue.csv", tmp);
  f = fopen(path, "w");
  cr_assert(f);
  fprintf(f, "product\n%s/toy-car.ini\nnobom.ini\n", FIX);
  fclose(f);
  pcf_batch *b = open_run(path, 2);
  cr_assert_eq(pcf_batch_count(b), 2);
  cr_expect(pcf_batch_row_at(b, 0)->ok);
  cr_expect_str_eq(pcf_batch_id(b, 0), "TC-100");
  cr_expect(!pcf_batch_row_at(b, 1)->ok);
  cr_expect_str_eq(pcf_batch_id(b, 1), "nobom");
  cr_expect_str_eq(pcf_batch_name(b, 1), "");
  const pcf_error *e = pcf_batch_error(b, 1);
  cr_assert(e);
  cr_expect_eq(e->code, PCF_ERR_IO);
  cr_expect(strstr(e->path, "missing-bom.csv") || strstr(e->message, "missing-bom.csv"), "%s: %s", e->path, e->message);
  cr_expect_eq(pcf_batch_failed(b), 1);
  pcf_batch_free(b);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
  cr_expect_eq(system(cmd), 0);
}
