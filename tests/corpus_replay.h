/* corpus_replay.h: replays a fuzz corpus (fuzz/corpus/<kind>/) through its harness, which the test
 * includes before this header (LLVMFuzzerTestOneInput): every input must run without a crash or a
 * sanitizer report, and, under ASan, without a leak (checked after each input, so that the report
 * names it). */
#ifndef PCF_TESTS_CORPUS_REPLAY_H
#define PCF_TESTS_CORPUS_REPLAY_H

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
static void leak_check(const char *name) {
  cr_expect_eq(__lsan_do_recoverable_leak_check(), 0, "%s leaked memory (see the LeakSanitizer report)", name);
}
#else
static void leak_check(const char *name) { (void)name; }
#endif

/* The whole file, NUL-terminated (the terminator is not counted in *size). */
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

/* Runs every input of dir (dot files aside) through the harness; returns how many. */
static int corpus_replay(const char *dir) {
  DIR *d = opendir(dir);
  cr_assert_not_null(d, "%s", dir);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    size_t size;
    char *data = slurp(path, &size);
    LLVMFuzzerTestOneInput((const uint8_t *)data, size);
    free(data);
    leak_check(e->d_name);
    n++;
  }
  closedir(d);
  return n;
}

#endif
