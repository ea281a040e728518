/* Replays every committed fuzz seed (fuzz/corpus/xml/, fuzz/corpus/zip/) through the entry points
 * the fuzz harnesses use, as an ordinary test on every build: no crash, no sanitizer report, no
 * leak (under the ASan build). Errors are fine; what each real seed loads is checked too, so that a
 * reader that silently loads nothing cannot pass. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CORPUS PCF_SOURCE_DIR "/fuzz/corpus/"

/* Criterion's test children skip LeakSanitizer's exit-time check: under ASan (PCF_SANITIZE) each
 * replayed input is checked for leaks right away (as the fuzzers do). */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
static void leak_check(const char *name) {
  cr_expect_eq(__lsan_do_recoverable_leak_check(), 0, "%s leaked memory (see the LeakSanitizer report)", name);
}
#else
static void leak_check(const char *name) { (void)name; }
#endif

static char *slurp(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "%s", path);
  cr_assert_eq(fseek(f, 0, SEEK_END), 0);
  long n = ftell(f);
  cr_assert_geq(n, 0);
  rewind(f);
  char *buf = malloc((size_t)n + 1);
  cr_assert_not_null(buf);
  cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  *size = (size_t)n;
  return buf;
}

/* Same splitting as fuzz/fuzz_ilcd_xml.c: documents separated by "\n--8<--\n". */
static void load_xml_input(ilcd_db *db, const char *data, size_t size) {
  static const char sep[] = "\n--8<--\n";
  const char *p = data, *end = data + size;
  for (;;) {
    const char *next = NULL;
    for (const char *q = p; q + sizeof sep - 1 <= end; q++)
      if (memcmp(q, sep, sizeof sep - 1) == 0) {
        next = q;
        break;
      }
    ilcd_error err;
    (void)ilcd_db_load_memory(db, "corpus.xml", p, (size_t)((next ? next : end) - p), &err);
    if (!next) break;
    p = next + sizeof sep - 1;
  }
}

typedef void (*replay_fn)(const char *name, const char *data, size_t size);

/* Calls fn on every file of the corpus folder; returns how many. */
static int replay_dir(const char *dir, replay_fn fn) {
  DIR *d = opendir(dir);
  cr_assert_not_null(d, "%s", dir);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    size_t size;
    char *data = slurp(path, &size);
    fn(e->d_name, data, size);
    free(data);
    n++;
  }
  closedir(d);
  return n;
}

static size_t total(const ilcd_db *db) {
  size_t n = 0;
  for (int k = 0; k < ILCD_KIND_COUNT; k++) n += ilcd_db_count(db, k);
  return n;
}

static void replay_xml(const char *name, const char *data, size_t size) {
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_options o = {.keep_going = 1};
  ilcd_db_set_options(db, &o);
  load_xml_input(db, data, size);
  ilcd_db_check(db);
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_FLOW); i++) {
    const char *unit;
    ilcd_error err;
    double out;
    const ilcd_flow *f = ilcd_db_flow_at(db, i);
    if (ilcd_flow_reference_unit(db, f, &unit, &err) == 0)
      cr_expect_eq(ilcd_flow_convert(db, f, 1.0, unit, unit, &out, &err), 0, "%s: %s", name, err.message);
  }
  /* The real datasets (every seed but the hostile ones) load; the bundle links up completely. */
  if (strncmp(name, "regress_", 8) != 0 && strncmp(name, "doctype_", 8) != 0)
    cr_expect_gt(total(db), 0, "%s loaded nothing", name);
  if (strcmp(name, "bundle_hard_coal_units.xml") == 0) {
    cr_expect_eq(total(db), 6);
    cr_expect_eq(ilcd_db_problem_count(db), 0);
  }
  ilcd_db_free(db);
  leak_check(name);
}

static void replay_zip(const char *name, const char *data, size_t size) {
  for (int keep = 0; keep <= 1; keep++) {
    ilcd_db *db;
    cr_assert_eq(ilcd_db_new(&db), 0);
    ilcd_options o = {.max_entry_bytes = 16u << 20, .max_total_bytes = 64u << 20, .keep_going = keep};
    ilcd_db_set_options(db, &o);
    ilcd_error err = {0};
    int rc = ilcd__read_zip_memory(db, "corpus.zip", data, size, &err);
    ilcd_db_check(db);
    /* Seeds made by make_zip_seeds.py all load but the one with an escaping entry name;
     * regress_* inputs (fuzzer findings) only must not crash. */
    if (strcmp(name, "escaping_name.zip") == 0)
      cr_expect_eq(rc, ILCD_ERR_ARCHIVE, "%s", name);
    else if (strncmp(name, "regress_", 8) != 0)
      cr_expect_eq(rc, 0, "%s: %s %s", name, err.path, err.message);
    if (strcmp(name, "deflated_with_dirs.zip") == 0) cr_expect_eq(total(db), 5);
    if (strcmp(name, "hard_coal_units.zip") == 0) {
      cr_expect_eq(total(db), 6);
      cr_expect_eq(ilcd_db_problem_count(db), 0);
    }
    ilcd_db_free(db);
    leak_check(name);
  }
}

Test(corpus, xml_seeds) { cr_expect_geq(replay_dir(CORPUS "xml", replay_xml), 10); }

Test(corpus, zip_seeds) { cr_expect_geq(replay_dir(CORPUS "zip", replay_zip), 5); }
