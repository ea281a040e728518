/* fuzz_ilcd_zip.c: libFuzzer harness for the zip archive reader (ilcd/src/zip.c): the input is a
 * zip archive read from memory with ilcd__read_zip_memory, every .xml entry parsed as ILCD. Limits are
 * lowered (16 MiB per entry, 64 MiB in all) so an input cannot make one run slow; the ratio limit
 * and the compressed-size bound keep their defaults. Seeds: fuzz/corpus/zip/. Run: fuzz/run.sh. */
#include "internal.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ilcd_db *db;
  if (ilcd_db_new(&db)) return 0;
  ilcd_options o = {
      .max_entry_bytes = 16u << 20, .max_total_bytes = 64u << 20, .keep_going = size > 0 && (data[size - 1] & 1)};
  ilcd_db_set_options(db, &o);
  ilcd_error err;
  (void)ilcd__read_zip_memory(db, "fuzz.zip", data, size, &err);
  ilcd_db_check(db);
  ilcd_db_free(db);
  return 0;
}
