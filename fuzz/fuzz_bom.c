/* libFuzzer harness for the BOM reader (and through it the CSV reader and number parser).
 * Build: CC=clang cmake -DPCF_FUZZ=ON -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link,address,undefined
 * Run:   ./fuzz_bom fuzz/corpus/bom  (seeds there are replayed by tests/pcf/test_bom_corpus.c) */
#include <stddef.h>
#include <stdint.h>

#include "pcf/bom.h"
#include "pcf/matmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pcf_bom *bom = NULL;
  pcf_error err;
  if (pcf_bom_read_memory(&bom, "fuzz.csv", (const char *)data, size, &err) == 0) {
    for (size_t i = 0; i < pcf_bom_leaf_count(bom); i++) (void)pcf_bom_leaf(bom, i)->path[0];
    pcf_bom_free(bom);
  }
  /* the same bytes as a material map */
  pcf_matmap *m = pcf_matmap_new();
  if (m && pcf_matmap_load_memory(m, "fuzz.csv", (const char *)data, size, &err) == 0 && pcf_matmap_count(m))
    (void)pcf_matmap_suggest(m, pcf_matmap_get(m, 0)->name);
  pcf_matmap_free(m);
  return 0;
}
