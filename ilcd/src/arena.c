/* arena.c: chunked bump allocator. One per database: datasets never move once allocated, so the
 * pointers the API hands out stay valid until ilcd_db_free(). */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct arena_chunk {
  arena_chunk *next;
  size_t size;
  max_align_t data[];
};

/* Chunks grow with the arena, from 16 KiB to 1 MiB: a database of one supplier EPD (or a fuzz
 * input) does not pay for a megabyte it never touches, and a large one still makes few chunks. */
enum { CHUNK_MIN = 1 << 14, CHUNK_MAX = 1 << 20 };

/* Chunks from this size on have their pages populated in one call. A database's arena is filled
 * front to back, so every page of a chunk is touched anyway, and one fault per fresh page is dear on
 * a virtual machine: a cache load of the 20,000-process synthetic database (pcf ilcd info --cache,
 * 2-core VM) took 0.39-0.40 s so (0.19-0.26 s of it system time), 0.31-0.32 s populated (0.11-0.15
 * s). Memory the C library hands out again is present already, so a process that loads data again
 * and again (pcf studio, the allocation tests) keeps reusing it: the call then finds nothing to do.
 * A kernel without MADV_POPULATE_WRITE (before Linux 5.14) says EINVAL, and the pages come one fault
 * at a time as before. */
enum { POPULATE_FROM = 1 << 18 };

static void populate(void *p, size_t n) {
#ifdef MADV_POPULATE_WRITE
  long size = sysconf(_SC_PAGESIZE);
  uintptr_t page = size > 0 ? (uintptr_t)size : 4096, from = ((uintptr_t)p + page - 1) & ~(page - 1),
            to = ((uintptr_t)p + n) & ~(page - 1);
  if (n >= POPULATE_FROM && to > from) (void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
  (void)p, (void)n;
#endif
}

void ilcd__arena_init(arena *a) { memset(a, 0, sizeof *a); }

void ilcd__arena_free(arena *a) {
  arena_chunk *c = a->head;
  while (c) {
    arena_chunk *next = c->next;
    free(c);
    c = next;
  }
  memset(a, 0, sizeof *a);
}

void *ilcd__arena_alloc(arena *a, size_t n) {
  if (n > SIZE_MAX - 7u) return NULL; /* rounded up, it would wrap to 0 */
  n = (n + 7u) & ~(size_t)7u;
  if (n == 0) n = 8;
  if (!a->head || a->cap - a->used < n) {
    size_t chunk = a->total < CHUNK_MIN ? CHUNK_MIN : a->total < CHUNK_MAX ? a->total : CHUNK_MAX;
    bool big = n > chunk / 4;
    size_t size = big ? n : chunk;
    if (size > SIZE_MAX - sizeof(arena_chunk)) return NULL;
    /* Zeroed once here, not per allocation: an arena never hands out memory twice, so what it
     * hands out is still zero (and a fresh mmap'd chunk costs calloc no memset at all). */
    arena_chunk *c = calloc(1, sizeof(arena_chunk) + size);
    if (!c) return NULL;
    populate(c, sizeof(arena_chunk) + size);
    c->size = size;
    if (big && a->head) {
      /* A big block gets its own chunk behind the current one, so the current keeps filling. */
      c->next = a->head->next;
      a->head->next = c;
      a->total += size;
      return c->data;
    }
    c->next = a->head;
    a->head = c;
    a->used = 0;
    a->cap = size;
    a->total += size;
  }
  void *p = (char *)a->head->data + a->used;
  a->used += n;
  return p;
}

void *ilcd__arena_array(arena *a, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  return ilcd__arena_alloc(a, count * size);
}

char *ilcd__arena_strndup(arena *a, const char *s, size_t n) {
  if (n == SIZE_MAX) return NULL;
  char *p = ilcd__arena_alloc(a, n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *ilcd__arena_strdup(arena *a, const char *s) { return ilcd__arena_strndup(a, s, strlen(s)); }

void ilcd__vec_init(vec *v, size_t elem_size) {
  memset(v, 0, sizeof *v);
  v->size = elem_size;
}

void ilcd__vec_free(vec *v) {
  free(v->data);
  v->data = NULL;
  v->len = v->cap = 0;
}

void ilcd__vec_clear(vec *v) { v->len = 0; }

void *ilcd__vec_push(vec *v) {
  if (v->len == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 16;
    if (cap > SIZE_MAX / v->size) return NULL;
    void *d = realloc(v->data, cap * v->size);
    if (!d) return NULL;
    v->data = d;
    v->cap = cap;
  }
  void *p = (char *)v->data + v->len * v->size;
  memset(p, 0, v->size);
  v->len++;
  return p;
}

void ilcd__arena_absorb(arena *a, arena *from) {
  if (!from->head) return;
  if (!a->head) {
    *a = *from;
  } else {
    /* from's chunks go behind a's current one, which keeps filling. */
    arena_chunk *tail = from->head;
    while (tail->next) tail = tail->next;
    tail->next = a->head->next;
    a->head->next = from->head;
    a->total += from->total;
  }
  memset(from, 0, sizeof *from);
}
