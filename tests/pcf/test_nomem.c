/* test_nomem.c: allocation failures, as libexpat's allocation tests do them. Each operation (ILCD
 * loads from a folder, a zip and the binary cache; a product footprint with its outputs; a batch;
 * a comparison; the PACT reader) is run once counting its allocations, then again with the Nth
 * allocation failing, for N = 1, 2, 3, ... up to that count. Every run must end cleanly: either an
 * error with the out-of-memory code and a message saying "out of memory", or (a failure the
 * operation may absorb, such as a cache it cannot write) success with exactly the output of the
 * undisturbed run; a batch carries on past a product that ran out of memory, whose row must say so.
 * Under AddressSanitizer (build-asan) each run is also checked for leaks, so an error path that
 * forgets to free is found with its N.
 *
 * The hook (ilcd/src/alloc_hook.h) covers every allocation ilcd/ and pcf/ make, and the test routes
 * libxml2's, jansson's and KLU's allocators through it too (what their parsers make of their own
 * failures is below). The load, footprint and comparison also run failing every allocation from
 * the Nth on (a heap that stays exhausted), so that error paths that allocate are exercised too.
 *
 * Every N is tried up to 300 and for operations of up to 400 allocations; above, N advances by a
 * stride that gives about 100 more runs. Those runs go far into the operation and are most of the
 * time (a run that fails at N = 5 ends at once), so 100 keeps the file near 11 s on one core and
 * still reaches every stage (load, solve, each writer) many times over. PCF_NOMEM_STRIDE=1
 * tries every N, PCF_NOMEM_ONLY=N that one alone, PCF_NOMEM_TRACE=1 prints where each failed.
 * Batches run on one thread so that the numbering of allocations is the same from run to run. */
#define _GNU_SOURCE
#include <SuiteSparse_config.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <ilcd/cache.h>
#include <ilcd/ilcd.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc_hook.h"
#include "cli_test.h"
#include "pcf/batch.h"
#include "pcf/compare.h"
#include "pcf/footprint.h"
#include "pcf/pact.h"
#include "pcf/variant.h"

#include "../scratch_base.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define LEAK_CHECK() __lsan_do_recoverable_leak_check()
#else
#define LEAK_CHECK() 0
#endif

#define SRC PCF_SOURCE_DIR

/* What one run of an operation ended with. */
typedef struct outcome {
  int rc;             /* 0, or the status the operation returned */
  int nomem_code;     /* the out-of-memory status of its library */
  char where[4200];   /* the file and line of its error */
  char message[4200]; /* its error message */
  char *output;       /* what it produced (compared with the undisturbed run), malloc'd */
} outcome;

typedef void (*op_fn)(outcome *o);

static char cache_dir[64];

static void set_pcf_error(outcome *o, int rc, const pcf_error *err) {
  o->rc = rc;
  o->nomem_code = PCF_ERR_NOMEM;
  snprintf(o->where, sizeof o->where, "%s:%ld", err->path, err->line);
  snprintf(o->message, sizeof o->message, "%s", err->message);
}

static void set_ilcd_error(outcome *o, int rc, const ilcd_error *err) {
  o->rc = rc;
  o->nomem_code = ILCD_ERR_NOMEM;
  snprintf(o->where, sizeof o->where, "%s:%ld", err->path, err->line);
  snprintf(o->message, sizeof o->message, "%s", err->message);
}

/* The writers report by their code alone (the PACT writer fills err itself). */
static void writer_error(int rc, pcf_error *err) {
  if (rc && !err->message[0])
    pcf_error_set(err, rc, NULL, 0, "%s", rc == PCF_ERR_NOMEM ? "writer: out of memory" : "writer failed");
}

/* ---- the operations ----------------------------------------------------------------------------- */

static void describe_db(outcome *o, const ilcd_db *db) {
  char *buf = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&buf, &size);
  for (int k = 0; k < ILCD_KIND_COUNT; k++) fprintf(f, "%s %zu\n", ilcd_kind_name(k), ilcd_db_count(db, k));
  fprintf(f, "problems %zu, file errors %zu, xml bytes %llu\n", ilcd_db_problem_count(db), ilcd_db_file_error_count(db),
          (unsigned long long)ilcd_db_xml_bytes(db));
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS); i++) {
    const ilcd_process *p = ilcd_db_process_at(db, i);
    fprintf(f, "%s %zu exchanges, %zu results\n", p->name, p->n_exchanges, p->n_lcia_results);
  }
  fclose(f);
  o->output = buf;
}

static void load(outcome *o, const char *path, const char *cache) {
  ilcd_db *db = NULL;
  ilcd_error err = {0};
  int rc = ilcd_db_new(&db);
  if (rc) {
    snprintf(err.message, sizeof err.message, "out of memory");
  } else {
    rc = ilcd_db_load_cached(db, path, cache, NULL, &err);
    if (!rc && (rc = ilcd_db_check(db))) snprintf(err.message, sizeof err.message, "out of memory");
    if (!rc) describe_db(o, db);
  }
  set_ilcd_error(o, rc, &err);
  ilcd_db_free(db);
}

static void op_load_folder(outcome *o) { load(o, SRC "/tests/fixtures/allocation/ILCD", NULL); }
static void op_load_elcd(outcome *o) { load(o, SRC "/tests/fixtures/elcd-sample/ILCD", NULL); }
static void op_load_zip(outcome *o) { load(o, SRC "/tests/fixtures/epd/environdec_with_dependencies.zip", NULL); }

/* The cache written (its folder emptied first) and then read. */
static void op_cache_write(outcome *o) {
  char dir[96], file[400];
  snprintf(dir, sizeof dir, "%s/load", cache_dir);
  DIR *d = opendir(dir); /* emptied without a shell: a fork per run would be most of the time */
  for (struct dirent *e; d && (e = readdir(d));)
    if (e->d_name[0] != '.' && snprintf(file, sizeof file, "%s/%s", dir, e->d_name) < (int)sizeof file) unlink(file);
  if (d) closedir(d);
  load(o, SRC "/tests/fixtures/allocation/ILCD", dir);
}

static void op_cache_read(outcome *o) {
  char dir[96];
  snprintf(dir, sizeof dir, "%s/load", cache_dir);
  load(o, SRC "/tests/fixtures/allocation/ILCD", dir);
}

/* The bundled package comes from a cache written before the loop (the XML load is covered by the
 * operations above on smaller data). */
static void op_footprint(outcome *o) {
  pcf_error err = {0};
  pcf_product *p = NULL;
  pcf_data *d = NULL;
  pcf_result *r = NULL;
  pcf_profile *profile = NULL;
  int rc = pcf_product_read(&p, SRC "/cases/toy-car/product.ini", &err);
  pcf_data_options opt = {.bundled = 1, .cache_dir = cache_dir};
  if (!rc) rc = pcf_data_open_product(&d, p, &opt, &err);
  if (!rc) rc = pcf_footprint_product(&r, d, p, &err);
  if (!rc) rc = pcf_profile_read(&profile, SRC "/cases/profile.ini", &err);
  if (!rc) {
    size_t size = 0;
    FILE *f = open_memstream(&o->output, &size);
    rc = pcf_result_write_json(r, f);
    if (!rc) rc = pcf_result_write_text(r, f);
    if (!rc) rc = pcf_result_write_csv(r, f);
    pcf_pact_options po = {.profile = profile, .product = p, .db = pcf_data_db(d), .method = "AR6"};
    if (!rc) rc = pcf_pact_write(r, &po, f, &err);
    fclose(f);
    writer_error(rc, &err);
  }
  set_pcf_error(o, rc, &err);
  pcf_profile_free(profile);
  pcf_result_free(r);
  pcf_data_free(d);
  pcf_product_free(p);
}

/* A product that fails out of memory inside a batch is that row's failure (the batch carries on):
 * such rows are written as "out of memory" and must say so; the others must not change. */
static void op_batch(outcome *o) {
  pcf_error err = {0};
  pcf_batch *b = NULL;
  pcf_batch_options opt = PCF_BATCH_OPTIONS_INIT;
  opt.threads = 1;
  opt.data.cache_dir = cache_dir;
  int rc = pcf_batch_open(&b, SRC "/tests/fixtures/batch/catalogue.csv", &opt, &err);
  if (!rc) rc = pcf_batch_run(b, &err);
  if (!rc) {
    size_t size = 0;
    FILE *f = open_memstream(&o->output, &size);
    for (size_t i = 0; i < pcf_batch_count(b); i++) {
      const pcf_error *e = pcf_batch_error(b, i);
      const pcf_batch_row *row = pcf_batch_row_at(b, i);
      if (e && e->code == PCF_ERR_NOMEM && strstr(e->message, "out of memory"))
        fprintf(f, "%zu out of memory\n", i);
      else if (e)
        fprintf(f, "%zu %s: %s:%ld: %s\n", i, pcf_batch_id(b, i), e->path, e->line, e->message);
      else
        fprintf(f, "%zu %s %s %.12g %zu lines, %zu warnings\n", i, pcf_batch_id(b, i), pcf_batch_name(b, i),
                row->value[PCF_TOTAL], row->lines, row->warnings);
    }
    fclose(f);
  }
  set_pcf_error(o, rc, &err);
  pcf_batch_free(b);
}

static void op_compare(outcome *o) {
  pcf_error err = {0};
  pcf_variant_set *vs = NULL;
  pcf_product *base = NULL;
  pcf_data *d = NULL;
  pcf_comparison *c = NULL;
  const char *path = SRC "/cases/hk-recycled-plastic/product.ini";
  int rc = pcf_variant_set_read(&vs, path, &err);
  if (!rc) rc = pcf_variant_set_product(&base, vs, 0, 0, NULL, 0, &err);
  pcf_data_options opt = {.bundled = 1, .cache_dir = cache_dir};
  if (!rc) rc = pcf_data_open_product(&d, base, &opt, &err);
  pcf_compare_options co = PCF_COMPARE_OPTIONS_INIT;
  if (!rc) rc = pcf_compare_run(&c, d, vs, &co, &err);
  if (!rc) {
    size_t size = 0;
    FILE *f = open_memstream(&o->output, &size);
    rc = pcf_comparison_write_json(c, f);
    if (!rc) rc = pcf_comparison_write_text(c, f);
    if (!rc) rc = pcf_comparison_write_csv(c, f);
    if (!rc) rc = pcf_comparison_write_html(c, f);
    fclose(f);
    writer_error(rc, &err);
  }
  set_pcf_error(o, rc, &err);
  pcf_comparison_free(c);
  pcf_data_free(d);
  pcf_product_free(base);
  pcf_variant_set_free(vs);
}

static void op_pact_read(outcome *o) {
  pcf_error err = {0};
  pcf_pact_footprint fp;
  int rc = pcf_pact_read(&fp, SRC "/tests/fixtures/pact/supplier-v3.json", &err);
  if (!rc && asprintf(&o->output, "%s %s %.12g %s", fp.id, fp.product_name, fp.kg_co2e_per_unit, fp.unit) < 0)
    o->output = NULL;
  set_pcf_error(o, rc, &err);
}

/* ---- the loop ------------------------------------------------------------------------------------ */

/* The parsers of libxml2 2.9 and jansson 2.14 report some failures of their own allocations as
 * malformed input: an attribute value libxml2 could not copy reads as empty ("Empty XML namespace is
 * not allowed"), a string jansson could not copy is an invalid token ("string or '}' expected").
 * ilcd and pcf cannot tell those from bad input. When the first failed allocation was the parser's,
 * that parse error is accepted (counted and logged); crashes and leaks are not. */
enum { OWN_NONE, OWN_LIBXML2, OWN_JANSSON };
static int first_failure_owner;
static void note(const void *p, int owner) {
  if (!p && ilcd_alloc_hook_failed() == 1) first_failure_owner = owner;
}
static void *xml_malloc(size_t n) {
  void *p = ilcd_hook_malloc(n);
  note(p, OWN_LIBXML2);
  return p;
}
static void *xml_realloc(void *q, size_t n) {
  void *p = ilcd_hook_realloc(q, n);
  note(p, OWN_LIBXML2);
  return p;
}
static char *xml_strdup(const char *s) {
  char *p = ilcd_hook_strdup(s);
  note(p, OWN_LIBXML2);
  return p;
}
static void *json_malloc(size_t n) {
  void *p = ilcd_hook_malloc(n);
  note(p, OWN_JANSSON);
  return p;
}

/* jansson 2.14's lexer also drops a byte when its buffer cannot grow (lex_save ignores
 * strbuffer_append_byte's failure): the document is then read as success with a string one byte
 * short. Nothing outside jansson can see that; for the JSON reader it is accepted and counted. */
static int jansson_reader;

/* A parse error a parser gave for its own allocation failure (see above). */
static int parser_misreport(const outcome *o) {
  if (first_failure_owner == OWN_LIBXML2)
    return (o->rc == ILCD_ERR_XML || o->rc == PCF_ERR_INPUT) && strstr(o->message, "malformed XML");
  if (first_failure_owner == OWN_JANSSON) return o->rc == PCF_ERR_PARSE && strncmp(o->message, "not JSON", 8) == 0;
  return 0;
}

/* PCF_NOMEM_TRACE=1: the stack of every failed allocation on stderr. */
static void print_stack(unsigned long n) {
  void *frames[32];
  int depth = backtrace(frames, 32);
  fprintf(stderr, "-- allocation %lu failed here:\n", n);
  backtrace_symbols_fd(frames, depth, 2);
}

/* PCF_NOMEM_SITES=FILE: the call stack of every failed allocation appended to FILE as module and
 * offset pairs, one stack a line, for counting the allocation sites the loops reached (symbolise
 * with addr2line). */
static FILE *sites;
static void record_site(unsigned long n) {
  void *frames[8];
  int depth = backtrace(frames, 8);
  for (int i = 1; i < depth; i++) {
    Dl_info info;
    if (dladdr(frames[i], &info) && info.dli_fname)
      fprintf(sites, "%s %#lx ", info.dli_fname, (unsigned long)((char *)frames[i] - (char *)info.dli_fbase) - 1);
  }
  fprintf(sites, "\n");
}

static void hook_libraries(void) {
  if (getenv("PCF_NOMEM_TRACE")) ilcd_alloc_hook_on_fail(print_stack);
  if (getenv("PCF_NOMEM_SITES") && (sites = fopen(getenv("PCF_NOMEM_SITES"), "a"))) {
    setvbuf(sites, NULL, _IOLBF, 0);
    ilcd_alloc_hook_on_fail(record_site);
  }
  xmlMemSetup(ilcd_hook_free, xml_malloc, xml_realloc, xml_strdup);
  xmlInitParser(); /* its one-time set-up is not what is tested */
  json_set_alloc_funcs(json_malloc, ilcd_hook_free);
  SuiteSparse_config.malloc_func = ilcd_hook_malloc;
  SuiteSparse_config.calloc_func = ilcd_hook_calloc;
  SuiteSparse_config.realloc_func = ilcd_hook_realloc;
  SuiteSparse_config.free_func = ilcd_hook_free;
  /* The PACT document's id and creation time, fixed: else no two runs would give the same output. */
  setenv("PCF_PACT_ID", "00000000-0000-4000-8000-000000000001", 1);
  setenv("PCF_PACT_CREATED", "2025-01-01T00:00:00Z", 1);
  snprintf(cache_dir, sizeof cache_dir, "%s/pcf-nomem-XXXXXX", scratch_base());
  cr_assert(mkdtemp(cache_dir));
}

/* The bundled package for the footprint, batch and comparison tests, and its cache, read by every
 * run of theirs: made by those tests alone (about a second), not by each test of the file. */
static void bundled_package(void) {
  /* The bundled package with its ILCD folder as a zip archive (PCF_DATA): a folder's cache key is a
   * stat of each of its 1,385 files, which was more than half of every run below; an archive's is
   * its central directory. Keys and cache hits of folders are failed by cache_write and
   * cache_read. */
  char cmd[512];
  snprintf(cmd, sizeof cmd,
           "mkdir %s/bundled && cd " SRC
           "/datasets && python3 -m zipfile -c %s/bundled/ILCD ILCD && "
           "ln -s $PWD/materials.csv $PWD/cff_defaults.csv $PWD/services.csv %s/bundled/",
           cache_dir, cache_dir, cache_dir);
  cr_assert_eq(system(cmd), 0, "%s", cmd);
  snprintf(cmd, sizeof cmd, "%s/bundled", cache_dir);
  setenv("PCF_DATA", cmd, 1);
  /* The bundled package's cache, read by every footprint below. */
  outcome o = {0};
  op_footprint(&o);
  cr_assert_eq(o.rc, 0, "%s: %s", o.where, o.message);
  free(o.output);
}

static void remove_cache(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", cache_dir);
  cr_expect_eq(system(cmd), 0);
}

static unsigned long stride_for(unsigned long total) {
  const char *env = getenv("PCF_NOMEM_STRIDE");
  if (env && *env) return strtoul(env, NULL, 10) ? strtoul(env, NULL, 10) : 1;
  return total > 400 ? (total - 300) / 100 : 1; /* about 100 runs above the first 300 */
}

/* out equals ref, except that a batch row (a line "<row> ...") may read "<row> out of memory": a
 * product that ran out of memory fails alone and the batch carries on. */
static int same_output(const char *out, const char *ref) {
  while (*out && *ref) {
    size_t lo = strcspn(out, "\n"), lr = strcspn(ref, "\n"), id = strspn(out, "0123456789");
    int same = lo == lr && memcmp(out, ref, lo) == 0;
    int nomem_row = id && lo == id + 14 && memcmp(out + id, " out of memory", 14) == 0 &&
                    strspn(ref, "0123456789") == id && memcmp(out, ref, id) == 0 && ref[id] == ' ';
    if (!same && !nomem_row) return 0;
    out += lo + (out[lo] != '\0');
    ref += lr + (ref[lr] != '\0');
  }
  return !*out && !*ref;
}

/* Runs op with the Nth allocation failing (and every later one too when persistent). */
static void fail_each(const char *what, op_fn op, int persistent) {
  outcome ref = {0};
  ilcd_alloc_hook_arm(0, 0);
  op(&ref);
  unsigned long total = ilcd_alloc_hook_count();
  ilcd_alloc_hook_disarm();
  cr_assert_eq(ref.rc, 0, "%s undisturbed: %s: %s", what, ref.where, ref.message);
  cr_assert(ref.output, "%s: no output", what);
  cr_assert_eq(LEAK_CHECK(), 0, "%s undisturbed leaks", what);
  unsigned long stride = stride_for(total), tried = 0, misreported = 0;
  unsigned long first = 1, last = total; /* PCF_NOMEM_ONLY=N: that run alone (with PCF_NOMEM_TRACE) */
  if (getenv("PCF_NOMEM_ONLY")) first = last = strtoul(getenv("PCF_NOMEM_ONLY"), NULL, 10);
  for (unsigned long n = first; n <= last; n += n < 300 ? 1 : stride) {
    outcome o = {0};
    first_failure_owner = OWN_NONE;
    ilcd_alloc_hook_arm(n, persistent);
    op(&o);
    unsigned long failed = ilcd_alloc_hook_failed();
    ilcd_alloc_hook_disarm();
    tried++;
    if (o.rc == 0 && jansson_reader && first_failure_owner == OWN_JANSSON) {
      misreported++;
    } else if (o.rc == 0) {
      /* Absorbed: the result must be the undisturbed one. */
      cr_assert(o.output && same_output(o.output, ref.output),
                "%s, allocation %lu of %lu failed (%lu failed): success with another output:\n%s\n--- expected:\n%s",
                what, n, total, failed, o.output ? o.output : "(none)", ref.output);
    } else if (parser_misreport(&o)) {
      misreported++;
    } else {
      cr_assert(failed > 0, "%s, allocation %lu of %lu: failed without an allocation failing: %s: %s", what, n, total,
                o.where, o.message);
      cr_assert(o.rc == o.nomem_code && strstr(o.message, "out of memory"),
                "%s, allocation %lu of %lu failed: returned %d \"%s: %s\", not out of memory", what, n, total, o.rc,
                o.where, o.message);
    }
    free(o.output);
    cr_assert_eq(LEAK_CHECK(), 0, "%s, allocation %lu of %lu failed: leaks (above)", what, n, total);
  }
  cr_log_info(
      "%s%s: %lu allocations, %lu runs (stride %lu above 300), %lu failures inside a parser read as "
      "malformed input",
      what, persistent ? " (persistent)" : "", total, tried, stride, misreported);
  free(ref.output);
}

TestSuite(nomem, .init = hook_libraries, .fini = remove_cache, .timeout = 600);

Test(nomem, load_folder) { fail_each("load folder", op_load_folder, 0); }
Test(nomem, load_folder_persistent) { fail_each("load folder", op_load_folder, 1); }
Test(nomem, load_elcd_process) { fail_each("load ELCD", op_load_elcd, 0); }
Test(nomem, load_zip) { fail_each("load zip", op_load_zip, 0); }
Test(nomem, load_zip_persistent) { fail_each("load zip", op_load_zip, 1); }
Test(nomem, cache_write) { fail_each("cache write", op_cache_write, 0); }
Test(nomem, cache_read) {
  outcome o = {0};
  op_cache_write(&o);
  free(o.output);
  fail_each("cache read", op_cache_read, 0);
}
Test(nomem, footprint) {
  bundled_package();
  fail_each("footprint", op_footprint, 0);
}
Test(nomem, footprint_persistent) {
  bundled_package();
  fail_each("footprint", op_footprint, 1);
}
Test(nomem, batch) {
  bundled_package();
  fail_each("batch", op_batch, 0);
}
Test(nomem, compare) {
  bundled_package();
  fail_each("compare", op_compare, 0);
}
Test(nomem, compare_persistent) {
  bundled_package();
  fail_each("compare", op_compare, 1);
}
Test(nomem, pact_read) {
  jansson_reader = 1;
  fail_each("PACT read", op_pact_read, 0);
}
