/* uuidmap.h: a small open-addressing map from ILCD UUIDs to int32 indices, for the engine's own
 * indexing (flow → matrix row, process → column), hashed by ilcd_uuid_hash like the library's own index. */
#ifndef PCF_UUIDMAP_H
#define PCF_UUIDMAP_H

#include <ilcd/ilcd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct uuidmap {
  ilcd_uuid *keys;
  int32_t *values; /* -1 = empty */
  size_t count, cap;
} uuidmap;

static inline int32_t uuidmap_get(const uuidmap *m, const ilcd_uuid *k) {
  if (!m->cap) return -1;
  for (size_t i = ilcd_uuid_hash(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (m->values[i] < 0) return -1;
    if (memcmp(&m->keys[i], k, 16) == 0) return m->values[i];
  }
}

/* Room for n keys without growing (the map must be empty). Returns 0 or -1 when out of memory. */
static inline int uuidmap_reserve(uuidmap *m, size_t n) {
  size_t cap = 64;
  while (cap < 2 * (n + 1)) cap *= 2;
  if (m->count || cap <= m->cap) return 0;
  ilcd_uuid *keys = malloc(cap * sizeof *keys);
  int32_t *values = malloc(cap * sizeof *values);
  if (!keys || !values) return free(keys), free(values), -1;
  for (size_t i = 0; i < cap; i++) values[i] = -1;
  free(m->keys);
  free(m->values);
  m->keys = keys;
  m->values = values;
  m->cap = cap;
  return 0;
}

/* Sets k → v (replacing). Returns 0 or -1 when out of memory. */
static inline int uuidmap_put(uuidmap *m, const ilcd_uuid *k, int32_t v) {
  if ((m->count + 1) * 2 > m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    ilcd_uuid *keys = malloc(cap * sizeof *keys);
    int32_t *values = malloc(cap * sizeof *values);
    if (!keys || !values) return free(keys), free(values), -1;
    for (size_t i = 0; i < cap; i++) values[i] = -1;
    for (size_t j = 0; j < m->cap; j++) {
      if (m->values[j] < 0) continue;
      size_t i = ilcd_uuid_hash(&m->keys[j]) & (cap - 1);
      while (values[i] >= 0) i = (i + 1) & (cap - 1);
      keys[i] = m->keys[j];
      values[i] = m->values[j];
    }
    free(m->keys);
    free(m->values);
    m->keys = keys;
    m->values = values;
    m->cap = cap;
  }
  size_t i = ilcd_uuid_hash(k) & (m->cap - 1);
  while (m->values[i] >= 0 && memcmp(&m->keys[i], k, 16) != 0) i = (i + 1) & (m->cap - 1);
  if (m->values[i] < 0) m->count++;
  m->keys[i] = *k;
  m->values[i] = v;
  return 0;
}

static inline void uuidmap_free(uuidmap *m) {
  free(m->keys);
  free(m->values);
  memset(m, 0, sizeof *m);
}

#endif
