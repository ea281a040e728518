/* test_pact_corpus.c: replays the PACT reader fuzzer's seeds and findings (fuzz/corpus/pact/)
 * through the harness itself (fuzz/fuzz_pact.c is compiled into this test) on every build: no
 * crash, no sanitizer report, no leak (checked after each input under ASan). The seeds must also
 * read as what they say: the two supplier documents as tests/pcf/test_pact_read.c reads them, the
 * toy car's document (written by pcf footprint --format pact, see fuzz/corpus/README.md) with its
 * own pCfExcludingBiogenic. */
#include <criterion/criterion.h>
#include <dirent.h>

#include "../../fuzz/fuzz_pact.c"

#define CORPUS PCF_SOURCE_DIR "/fuzz/corpus/pact"

#include "../corpus_replay.h"

Test(pact_corpus, every_input_runs_clean) {
  cr_expect_geq(corpus_replay(CORPUS), 3);
}

Test(pact_corpus, seeds_read_as_written) {
  pcf_pact_footprint f;
  pcf_error err = {0};
  cr_assert_eq(pcf_pact_read(&f, CORPUS "/supplier-v2.json", &err), 0, "%s", err.message);
  cr_expect_eq(f.kg_co2e_per_unit, 3.125); /* "pCfExcludingBiogenic": "3.125" per kilogram */
  cr_assert_eq(pcf_pact_read(&f, CORPUS "/supplier-v3.json", &err), 0, "%s", err.message);
  cr_expect_float_eq(f.kg_co2e_per_unit, 2.0, 1e-12); /* 24 kg CO2e for 12 liter */
  size_t size;
  char *doc = slurp(CORPUS "/toy_car_pact_v2.json", &size);
  const char *key = strstr(doc, "\"pCfExcludingBiogenic\": \"");
  cr_assert_not_null(key);
  double written = strtod(key + strlen("\"pCfExcludingBiogenic\": \""), NULL);
  free(doc);
  cr_assert_eq(pcf_pact_read(&f, CORPUS "/toy_car_pact_v2.json", &err), 0, "%s", err.message);
  cr_expect_str_eq(f.unit, "kg");
  cr_expect_eq(f.kg_co2e_per_unit, written, "read %.12g, the document says %.12g", f.kg_co2e_per_unit, written);
  cr_expect_str_eq(f.id, "00000000-0000-4000-8000-000000000001");
}
