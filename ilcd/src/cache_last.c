/* cache_last.c: reading a source's cache while its key is still being computed.
 *
 * A cache file is named after its source's key, and the key of a folder costs a stat of every
 * file in it: 20,000 of them take about as long as reading the cache that follows. So each source
 * also has a small "last" file in the cache folder, named after the source's real path and the
 * loading options, holding the name of the cache file last read or written for it. A load reads
 * that cache on a second thread while the key is computed, and keeps it only when the key turns
 * out to name that very file and the file records that very key: what any cache hit requires.
 * Otherwise it is dropped and the load goes on as without it; the "last" file is only a guess. */
#include "cache_last.h"

#include "cache_format.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LAST_SUFFIX ".last"

void ilcd__cache_name(const uint8_t key[32], char out[65]) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++) out[2 * i] = digits[key[i] >> 4], out[2 * i + 1] = digits[key[i] & 15];
  out[64] = '\0';
}

char *ilcd__cache_path(const char *cache_dir, const char name[65], const char *suffix) {
  size_t len = strlen(cache_dir) + 1 + 64 + strlen(suffix) + 1;
  char *path = malloc(len);
  if (path) snprintf(path, len, "%s/%s%s", cache_dir, name, suffix);
  return path;
}

int ilcd__cache_last_path(const ilcd_db *db, const char *source_path, const char *cache_dir, char **out) {
  *out = NULL;
  char *real = realpath(source_path, NULL);
  if (!real) return -1;
  sha256_ctx c;
  uint8_t id[32];
  ilcd__sha256_init(&c);
  ilcd__cache_key_options(&c, db);
  ilcd__sha256_update(&c, real, strlen(real) + 1);
  ilcd__sha256_final(&c, id);
  free(real);
  char name[65];
  ilcd__cache_name(id, name);
  return (*out = ilcd__cache_path(cache_dir, name, LAST_SUFFIX)) ? 0 : -1;
}

/* The cache file name the last file at path holds (64 hex digits) into name; 0 or -1. Only the
 * user's own regular file is read, not through a link, as a cache file is. */
static int read_last(const char *path, char name[65]) {
  struct stat st;
  FILE *f;
  if (ilcd__file_fopen_regular(&f, path, 1, &st, NULL)) return -1;
  char b[66];
  size_t n = st.st_uid == geteuid() ? fread(b, 1, sizeof b, f) : 0;
  fclose(f);
  if (n != 65 || b[64] != '\n') return -1;
  for (int i = 0; i < 64; i++)
    if (!((b[i] >= '0' && b[i] <= '9') || (b[i] >= 'a' && b[i] <= 'f'))) return -1;
  memcpy(name, b, 64);
  name[64] = '\0';
  return 0;
}

void ilcd__cache_last_write(const cache_guess *g, const char name[65]) {
  if (!g->last_path || (g->named && strcmp(g->name, name) == 0)) return; /* no file, or it says so already */
  char b[65];
  memcpy(b, name, 64);
  b[64] = '\n';
  ilcd__cache_write_small(g->last_path, b, sizeof b); /* not written: no guess next time */
}

void ilcd__cache_last_forget(const cache_guess *g, const char name[65]) {
  if (!g->named || strcmp(g->name, name) == 0) return;
  char *file = ilcd__cache_path(g->cache_dir, g->name, ILCD_CACHE_SUFFIX);
  if (!file) return;
  struct stat st;
  /* The user's own regular file only, as a cache file is read (a link is left alone). */
  if (lstat(file, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid()) unlink(file);
  free(file);
}

static void *speculate(void *arg) {
  cache_guess *g = arg;
  char *file = ilcd__cache_path(g->cache_dir, g->name, ILCD_CACHE_SUFFIX);
  if (!file || ilcd_db_new(&g->db)) {
    free(file);
    return NULL;
  }
  ilcd_db_set_options(g->db, &g->options);
  g->rc = ilcd__cache_read(g->db, file, NULL, g->key, g->source_path, NULL);
  free(file);
  return NULL;
}

void ilcd__cache_guess_start(cache_guess *g, const ilcd_db *db, const char *last_path, const char *cache_dir,
                             const char *source_path) {
  *g = (cache_guess){
      .last_path = last_path, .cache_dir = cache_dir, .source_path = source_path, .options = db->options, .rc = -1};
  g->named = last_path && read_last(last_path, g->name) == 0;
#ifdef PCF_ALLOC_HOOKS
  /* Numbered allocations must come in one order every run: no second thread. And not read here
   * first either: the cache would be read twice whenever the failure fell in the first read. */
  if (ilcd_alloc_hook_armed()) return;
#endif
  g->started = g->named && pthread_create(&g->thread, NULL, speculate, g) == 0;
}

ilcd_db *ilcd__cache_guess_take(cache_guess *g, const uint8_t key[32]) {
  if (g->started) pthread_join(g->thread, NULL);
  g->started = false;
  char name[65];
  if (key) ilcd__cache_name(key, name);
  ilcd_db *db = NULL;
  if (key && g->rc == 0 && strcmp(g->name, name) == 0 && memcmp(g->key, key, 32) == 0) {
    db = g->db;
    g->db = NULL;
  }
  ilcd_db_free(g->db);
  g->db = NULL;
  return db;
}
