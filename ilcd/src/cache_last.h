/* cache_last.h: a source's cache read on a second thread while its key is computed (cache_last.c
 * says how and why). */
#ifndef ILCD_CACHE_LAST_H
#define ILCD_CACHE_LAST_H

#include "internal.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct cache_guess {
  const char *last_path, *cache_dir, *source_path;
  ilcd_options options;
  pthread_t thread;
  bool started, named; /* named: the last file named a cache file (name) */
  /* The cache file's name the last file holds; what the thread read: its recorded key, and its
   * datasets. */
  char name[65];
  uint8_t key[32];
  ilcd_db *db;
  int rc; /* 0 when db holds the cache file named name */
} cache_guess;

/* The cache file name of a key: its 64 hex digits, into out. */
void ilcd__cache_name(const uint8_t key[32], char out[65]);

/* cache_dir/<name><suffix> (caller frees); NULL when out of memory. */
char *ilcd__cache_path(const char *cache_dir, const char name[65], const char *suffix);

/* cache_dir/<id>.last, id the SHA-256 of db's loading options and source_path's real path, into *out
 * (caller frees). Returns 0, or -1 when the path cannot be resolved or memory is short. */
int ilcd__cache_last_path(const ilcd_db *db, const char *source_path, const char *cache_dir, char **out);

/* Records name (a cache file's, 64 hex digits) as the last for g's source, unless its last file
 * names it already (or there is none: last_path NULL); a failure is ignored. */
void ilcd__cache_last_write(const cache_guess *g, const char name[65]);

/* Removes the cache file g's last file named, when it is not name. Called once a source's new cache
 * is written: the old one is of the source before it changed, which a load asks for again only if
 * the source goes back to exactly those files, sizes and modification times (another source with
 * the very same files would read its XML once more). Cache files would otherwise pile up, one per
 * change of every source. */
void ilcd__cache_last_forget(const cache_guess *g, const char name[65]);

/* Reads the last file at last_path (NULL: none) and starts reading the cache file it names. */
void ilcd__cache_guess_start(cache_guess *g, const ilcd_db *db, const char *last_path, const char *cache_dir,
                             const char *source_path);

/* Waits for the read; returns its database (caller frees) when it is the cache file of key, else
 * NULL (key NULL: the key failed; the read is dropped). */
ilcd_db *ilcd__cache_guess_take(cache_guess *g, const uint8_t key[32]);

#endif
