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
  rewind(f);
  char *buf = malloc((size_t)n + 1);
  cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  buf[n] = '\0';
  *size = (size_t)n;
  return buf;
}

Test(pact_corpus, every_input_runs_clean) {
  DIR *d = opendir(CORPUS);
  cr_assert_not_null(d);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CORPUS, e->d_name);
    size_t size;
    char *data = slurp(path, &size);
    LLVMFuzzerTestOneInput((const uint8_t *)data, size);
    free(data);
    leak_check(e->d_name);
    n++;
  }
  closedir(d);
  cr_expect_geq(n, 3);
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
