/* alloc_hook.c: the counting allocator behind alloc_hook.h (test builds, PCF_ALLOC_HOOKS). The
 * counters are atomic because a batch allocates from several threads; a test that wants to fail
 * one particular allocation runs on one thread, so that the numbering is the same every time. */
#include "alloc_hook.h"

/* The build puts alloc_hook.h in front of this file too: here the names are the C library's. */
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#undef strndup

#include <errno.h>
#include <stdio.h>
#include <stdatomic.h>

static atomic_int armed;
static atomic_int persist;
static atomic_ulong fail_at, counted, failed;
static void (*on_fail)(unsigned long n);

void ilcd_alloc_hook_arm(unsigned long n, int persistent) {
  atomic_store(&counted, 0);
  atomic_store(&failed, 0);
  atomic_store(&fail_at, n);
  atomic_store(&persist, persistent);
  atomic_store(&armed, 1);
}

void ilcd_alloc_hook_disarm(void) { atomic_store(&armed, 0); }
unsigned long ilcd_alloc_hook_count(void) { return atomic_load(&counted); }
unsigned long ilcd_alloc_hook_failed(void) { return atomic_load(&failed); }
void ilcd_alloc_hook_on_fail(void (*fn)(unsigned long n)) { on_fail = fn; }

/* 1 when this allocation is to fail. */
static int fails(void) {
  if (!atomic_load_explicit(&armed, memory_order_relaxed)) return 0;
  unsigned long k = atomic_fetch_add(&counted, 1) + 1, n = atomic_load(&fail_at);
  if (n == 0 || k < n || (k > n && !atomic_load(&persist))) return 0;
  atomic_fetch_add(&failed, 1);
  if (on_fail) on_fail(k);
  errno = ENOMEM;
  return 1;
}

int ilcd_alloc_hook_armed(void) { return atomic_load(&armed); }

void *ilcd_hook_malloc(size_t n) { return fails() ? NULL : malloc(n); }
void *ilcd_hook_calloc(size_t count, size_t size) { return fails() ? NULL : calloc(count, size); }
void *ilcd_hook_realloc(void *p, size_t n) { return fails() ? NULL : realloc(p, n); }
char *ilcd_hook_strdup(const char *s) { return fails() ? NULL : strdup(s); }
char *ilcd_hook_strndup(const char *s, size_t n) { return fails() ? NULL : strndup(s, n); }
void ilcd_hook_free(void *p) { free(p); }

#ifdef PCF_ALLOC_HOOKS
/* PCF_ALLOC_FAIL=N (test builds only): the Nth allocation of the process fails (0: none), so that a
 * test can run the pcf command itself out of memory and check what it says and exits with;
 * PCF_ALLOC_REPORT=FILE: at exit, the allocations counted and failed are written to FILE. */
static void report_at_exit(void) {
  FILE *f = fopen(getenv("PCF_ALLOC_REPORT"), "w");
  if (f) fprintf(f, "%lu %lu\n", ilcd_alloc_hook_count(), ilcd_alloc_hook_failed()), fclose(f);
}

__attribute__((constructor)) static void arm_from_environment(void) {
  const char *n = getenv("PCF_ALLOC_FAIL");
  if (!n || !*n) return;
  ilcd_alloc_hook_arm(strtoul(n, NULL, 10), 0);
  if (getenv("PCF_ALLOC_REPORT")) atexit(report_at_exit);
}
#endif
