/* fuzz_pact.c: libFuzzer harness for the PACT ProductFootprint reader (pcf/src/pact_read.c, JSON
 * through jansson): the input is the JSON document, written to a scratch file and read back with
 * pcf_pact_read. Errors are expected; crashes, sanitizer reports and leaks are findings. Seeds:
 * fuzz/corpus/pact/. Run: fuzz/run.sh. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_scratch.h"
#include "pcf/pact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[128];
  scratch_write(path, sizeof path, "supplier.json", data, size);
  pcf_pact_footprint f;
  pcf_error err;
  if (pcf_pact_read(&f, path, &err) == 0) {
    /* What a BOM line takes from it: a unit pcf knows and finite values. */
    if (!f.unit || !isfinite(f.kg_co2e_per_unit)) abort();
    (void)strlen(f.id), (void)strlen(f.product_name), (void)strlen(f.declared_unit);
  }
  return 0;
}
