/* test_cache_corpus.c: replays the cache fuzzer's seeds and findings (fuzz/corpus/cache/) through
 * the harness itself (fuzz/fuzz_ilcd_cache.c is compiled into this test), as an ordinary test on
 * every build: no crash, no sanitizer report, no leak (checked after each input under ASan). The
 * seeds written by make_cache_seeds.py must also load what their source holds: as many data sets
 * of each kind as the source has files in that kind's folder (one data set per file in the ILCD
 * layout), counted when the seeds were written. */
#include <criterion/criterion.h>
#include <dirent.h>

#include "../../fuzz/fuzz_ilcd_cache.c"

#define CORPUS PCF_SOURCE_DIR "/fuzz/corpus/cache"

#include "../corpus_replay.h"

Test(cache_corpus, every_input_runs_clean) {
  cr_expect_geq(corpus_replay(CORPUS), 10);
}

/* Data sets per kind (process, flow, flow property, unit group, LCIA method, source, contact). */
static const struct {
  const char *name;
  size_t count[ILCD_KIND_COUNT];
} sources[] = {
    {"allocation", {15, 18, 0, 0, 0, 0, 0}}, /* tests/fixtures/allocation/ILCD */
    {"elcd", {1, 1, 1, 1, 1, 1, 1}},         /* tests/fixtures/elcd-sample/ILCD */
    {"epd_zip", {1, 19, 0, 0, 0, 7, 5}},     /* tests/fixtures/epd/environdec_with_dependencies.zip */
    {"ef31_units", {0, 1, 3, 2, 0, 0, 0}},   /* tests/fixtures/ilcd/ef31 */
    {"epd_folder", {10, 10, 0, 0, 0, 0, 0}}, /* tests/fixtures/epd/ILCD */
};

/* Reads a seed's cache as the harness writes it, into a fresh database. */
static ilcd_db *load_seed(const char *file) {
  char path[1024], cache[128];
  snprintf(path, sizeof path, "%s/%s", CORPUS, file);
  size_t size;
  uint8_t *data = (uint8_t *)slurp(path, &size);
  if (data[0] & 1)
    scratch_write(cache, sizeof cache, "data.ilcdc", data + 1, size - 1);
  else
    write_body(cache, sizeof cache, data + 5, size - 5, (size_t)le_get(data + 1, 4));
  free(data);
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_read_cache(db, cache, NULL, NULL, &err), 0, "%s: %s", file, err.message);
  return db;
}

Test(cache_corpus, seeds_hold_their_source) {
  for (size_t s = 0; s < sizeof sources / sizeof *sources; s++)
    for (int form = 0; form < 2; form++) {
      char file[64];
      snprintf(file, sizeof file, "%s_%s", form ? "file" : "body", sources[s].name);
      ilcd_db *db = load_seed(file);
      for (int k = 0; k < ILCD_KIND_COUNT; k++)
        cr_expect_eq(ilcd_db_count(db, k), sources[s].count[k], "%s: %zu %s data sets, %zu in its source", file,
                     ilcd_db_count(db, k), ilcd_kind_name(k), sources[s].count[k]);
      ilcd_db_free(db);
    }
}
