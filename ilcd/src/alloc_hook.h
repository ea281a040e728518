/* alloc_hook.h: the one allocation hook of ilcd/ and pcf/, so that tests can make the Nth
 * allocation fail (tests/pcf/test_nomem.c) as libexpat's allocation tests do.
 *
 * Built with PCF_ALLOC_HOOKS (CMake option of the same name, on in test builds), every source file
 * of the two libraries gets this header in front of it (compiler option -include): malloc, calloc,
 * realloc, strdup and strndup then go through ilcd_hook_*, which count the allocations and fail
 * the one asked for. Without it nothing is defined and the libraries call the C library directly,
 * at no cost. The tests also route libxml2's, jansson's and KLU's allocators through the same
 * functions, so a failure deep inside them is exercised too, and the environment variable
 * PCF_ALLOC_FAIL=N fails the Nth allocation of a whole process (the pcf command). Memory from the
 * hooks is the C library's: free() releases it. */
#ifndef ILCD_ALLOC_HOOK_H
#define ILCD_ALLOC_HOOK_H

#include <stddef.h>

/* Standard headers first: their declarations of malloc & co. must not see the macros below. */
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

void *ilcd_hook_malloc(size_t n);
void *ilcd_hook_calloc(size_t count, size_t size);
void *ilcd_hook_realloc(void *p, size_t n);
char *ilcd_hook_strdup(const char *s);
char *ilcd_hook_strndup(const char *s, size_t n);
void ilcd_hook_free(void *p); /* free(), for allocator tables that want a function */

/* Arms the hook: allocations are counted from now on (the next is number 1) and number n fails,
 * and with persistent every one after it too (a heap that stays exhausted). n = 0 counts without
 * failing. */
void ilcd_alloc_hook_arm(unsigned long n, int persistent);
/* Disarms it: allocations succeed and are no longer counted. */
void ilcd_alloc_hook_disarm(void);
/* Allocations counted since the last arm, and how many of them were failed. */
unsigned long ilcd_alloc_hook_count(void);
unsigned long ilcd_alloc_hook_failed(void);
/* Called (when not NULL) with the allocation's number each time one is failed: a test prints the
 * stack there to show where a failure went unreported. */
void ilcd_alloc_hook_on_fail(void (*fn)(unsigned long n));
/* 1 when the hook is armed (allocations are numbered): work that would allocate on a second thread
 * runs on the calling one then, so that the numbering is the same every run. */
int ilcd_alloc_hook_armed(void);

#ifdef __cplusplus
}
#endif

#ifdef PCF_ALLOC_HOOKS
#undef malloc
#undef calloc
#undef realloc
#undef strdup
#undef strndup
#define malloc(n) ilcd_hook_malloc(n)
#define calloc(c, s) ilcd_hook_calloc(c, s)
#define realloc(p, n) ilcd_hook_realloc(p, n)
#define strdup(s) ilcd_hook_strdup(s)
#define strndup(s, n) ilcd_hook_strndup(s, n)
#endif

#endif
