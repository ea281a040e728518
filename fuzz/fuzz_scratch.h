/* fuzz_scratch.h: a private scratch folder for harnesses whose reader takes a path (the product
 * file, the PACT reader, the cache): each input is written to a file there and read back. */
#ifndef PCF_FUZZ_SCRATCH_H
#define PCF_FUZZ_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The scratch folder, made on first use (a fresh one per process) and removed at exit. */
static char scratch_dir[64];
static void scratch_remove(void);

static const char *scratch(void) {
  if (!scratch_dir[0]) {
    snprintf(scratch_dir, sizeof scratch_dir, "%s/pcf-fuzz-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(scratch_dir)) abort();
    atexit(scratch_remove);
  }
  return scratch_dir;
}

/* path of name in the scratch folder (static buffer per call site's use). */
static const char *scratch_path(char *buf, size_t size, const char *name) {
  snprintf(buf, size, "%s/%s", scratch(), name);
  return buf;
}

/* Writes size bytes to name in the scratch folder; returns its path in buf. */
static const char *scratch_write(char *buf, size_t size, const char *name, const void *data, size_t n) {
  scratch_path(buf, size, name);
  FILE *f = fopen(buf, "wb");
  if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) abort();
  return buf;
}

static const char *const scratch_names[] = {"product.ini", "bom.csv", "supplier.json", "data.ilcdc", NULL};

static void scratch_remove(void) {
  char buf[128];
  for (int i = 0; scratch_names[i]; i++) unlink(scratch_path(buf, sizeof buf, scratch_names[i]));
  rmdir(scratch_dir);
}

#endif
