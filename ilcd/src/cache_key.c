/* cache_key.c: the cache key of a source (what makes a cache stale), merging a database loaded on
 * its own into another, and ilcd_db_load_cached, which ties key, cache file and XML loading. */
#include "cache_format.h"
#include "cache_last.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void hash_u64(sha256_ctx *c, uint64_t v) {
  uint8_t b[8];
  le_put(b, v, 8);
  ilcd__sha256_update(c, b, 8);
}

/* Every byte of the file from where f stands. */
static int hash_stream(sha256_ctx *c, FILE *f, const char *path, ilcd_error *err) {
  enum { CHUNK = 1 << 20 };
  uint8_t *b = malloc(CHUNK);
  if (!b) return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
  size_t n;
  while ((n = fread(b, 1, CHUNK, f)) > 0) ilcd__sha256_update(c, b, n);
  int bad = ferror(f);
  free(b);
  return bad ? ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "read error") : 0;
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

/* A file: read as a zip archive where ilcd_db_load reads one (a .zip name, or contents starting
 * with a local header), keyed by its central directory (cache_key_zip.c); an XML file, or an
 * archive whose directory is not found, by all its bytes. */
static int hash_file(sha256_ctx *c, const char *path, ilcd_error *err) {
  FILE *f;
  struct stat st;
  int rc = ilcd__file_fopen_regular(&f, path, 0, &st, err); /* a FIFO would block the read */
  if (rc) return rc;
  uint8_t head[4] = {0};
  size_t got = fread(head, 1, sizeof head, f);
  rc = ferror(f) ? ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "read error") : 0;
  if (!rc && (ends_with(path, ".zip") || (got == 4 && memcmp(head, "PK\3\4", 4) == 0))) {
    /* The first bytes decide how a file without the .zip name is read: they are in the key too. */
    ilcd__sha256_update(c, head, got);
    rc = ilcd__cache_key_zip(c, f, &st, path, err);
    if (rc == 1)
      rc = 0; /* no directory found: keyed by its bytes as any file */
    else
      goto done;
  }
  if (!rc) {
    ilcd__sha256_update(c, "file", 5);
    hash_u64(c, (uint64_t)st.st_size);
    rc = fseeko(f, 0, SEEK_SET) ? ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "read error") : 0;
  }
  if (!rc) rc = hash_stream(c, f, path, err);
done:
  fclose(f);
  return rc;
}

/* A folder: the files ilcd_db_load reads (ilcd__folder_walk, the same walk), each as relative path,
 * size and modification time. Hashing the contents would cost as much as parsing them. */
static int hash_entry(void *ctx, const char *path, const char *relative, const struct stat *st, ilcd_error *err) {
  (void)path, (void)err;
  sha256_ctx *c = ctx;
  ilcd__sha256_update(c, relative, strlen(relative) + 1);
  hash_u64(c, (uint64_t)st->st_size);
  hash_u64(c, (uint64_t)st->st_mtim.tv_sec);
  hash_u64(c, (uint64_t)st->st_mtim.tv_nsec);
  return 0;
}

/* The format and the options that decide what a load keeps are part of the key. */
void ilcd__cache_key_options(sha256_ctx *c, const ilcd_db *db) {
  ilcd__sha256_update(c, CACHE_MAGIC, 8);
  hash_u64(c, ILCD_CACHE_FORMAT);
  hash_u64(c, db->options.max_entry_bytes);
  hash_u64(c, db->options.max_total_bytes);
  hash_u64(c, db->options.max_ratio);
  hash_u64(c, db->options.max_depth);
  hash_u64(c, (uint64_t)(db->options.keep_going != 0));
}

int ilcd_cache_key(const ilcd_db *db, const char *source_path, uint8_t key[32], ilcd_error *err) {
  sha256_ctx c;
  ilcd__sha256_init(&c);
  ilcd__cache_key_options(&c, db);
  struct stat st;
  if (stat(source_path, &st) != 0)
    return ilcd_error_set(err, ILCD_ERR_IO, source_path, 0, "", "cannot open: %s", strerror(errno));
  int rc;
  if (S_ISDIR(st.st_mode)) {
    ilcd__sha256_update(&c, "dir", 4);
    rc = ilcd__folder_walk(source_path, hash_entry, &c, err);
  } else {
    rc = hash_file(&c, source_path, err);
  }
  ilcd__sha256_final(&c, key);
  return rc;
}

int ilcd__db_merge(ilcd_db *db, ilcd_db *from) {
  ilcd__arena_absorb(&db->mem, &from->mem);
  for (int k = 0; k < ILCD_KIND_COUNT; k++)
    for (size_t i = 0; i < from->items[k].len; i++)
      if (ilcd__db_add(db, (ilcd_kind)k, ((dataset_head **)from->items[k].data)[i])) return ILCD_ERR_NOMEM;
  for (size_t i = 0; i < from->problems.len; i++) {
    ilcd_problem *p = ilcd__vec_push(&db->problems);
    if (!p) return ILCD_ERR_NOMEM;
    *p = ((ilcd_problem *)from->problems.data)[i];
  }
  for (size_t i = 0; i < from->file_errors.len; i++) {
    ilcd_error *e = ilcd__vec_push(&db->file_errors);
    if (!e) return ILCD_ERR_NOMEM;
    *e = ((ilcd_error *)from->file_errors.data)[i];
  }
  db->xml_bytes += from->xml_bytes;
  return 0;
}

/* The cache folder, created private (0700) when missing, is refused when another user owns it or
 * anyone else may write to it (as ssh refuses such a ~/.ssh): a cache file answers for data
 * without the data being read, so whoever can write one decides what is loaded. */
int ilcd_cache_dir_check(const char *dir, ilcd_error *err) {
  if (mkdir(dir, 0700) != 0 && errno != EEXIST)
    return ilcd_error_set(err, ILCD_ERR_IO, dir, 0, "", "cannot create the cache folder: %s", strerror(errno));
  struct stat st;
  if (stat(dir, &st) != 0)
    return ilcd_error_set(err, ILCD_ERR_IO, dir, 0, "", "cannot open the cache folder: %s", strerror(errno));
  if (!S_ISDIR(st.st_mode)) return ilcd_error_set(err, ILCD_ERR_IO, dir, 0, "", "the cache folder is not a folder");
  if (st.st_uid != geteuid() && st.st_uid != 0)
    return ilcd_error_set(err, ILCD_ERR_IO, dir, 0, "",
                          "the cache folder belongs to another user (uid %lu): refused, its caches could be "
                          "anyone's (use a folder of your own)",
                          (unsigned long)st.st_uid);
  if (st.st_mode & (S_IWGRP | S_IWOTH))
    return ilcd_error_set(err, ILCD_ERR_IO, dir, 0, "",
                          "the cache folder is writable by %s (mode %04o): refused, its caches could be anyone's "
                          "(chmod go-w it, or use a folder of your own)",
                          st.st_mode & S_IWOTH ? "everyone" : "its group", (unsigned)(st.st_mode & 07777));
  return 0;
}

int ilcd_db_load_cached(ilcd_db *db, const char *source_path, const char *cache_dir, int *hit, ilcd_error *err) {
  int dummy;
  if (!hit) hit = &dummy;
  *hit = 0;
  if (!cache_dir) return ilcd_db_load(db, source_path, err);
  int rc = ilcd_cache_dir_check(cache_dir, err);
  if (rc) return rc;
  /* The last cache of this source is read while its key is computed (cache_last.c). */
  char *last = NULL, *file = NULL;
  cache_guess guess;
  ilcd__cache_last_path(db, source_path, cache_dir, &last);
  ilcd__cache_guess_start(&guess, db, last, cache_dir, source_path);
  uint8_t key[32];
  rc = ilcd_cache_key(db, source_path, key, err);
  ilcd_db *guessed = ilcd__cache_guess_take(&guess, rc ? NULL : key);
  if (rc) goto cleanup;
  if (guessed) {
    if ((rc = ilcd__db_merge(db, guessed))) ilcd_error_set(err, rc, source_path, 0, "", "out of memory");
    ilcd_db_free(guessed);
    *hit = !rc;
    goto cleanup;
  }
  char name[65];
  ilcd__cache_name(key, name);
  if (!(file = ilcd__cache_path(cache_dir, name, ILCD_CACHE_SUFFIX))) {
    rc = ilcd_error_set(err, ILCD_ERR_NOMEM, cache_dir, 0, "", "out of memory");
    goto cleanup;
  }
  ilcd_error cerr = {0};
  rc = ilcd_db_read_cache(db, file, key, source_path, &cerr);
  if (rc == 0) {
    *hit = 1;
    ilcd__cache_last_write(&guess, name);
    goto cleanup;
  }
  if (rc == ILCD_ERR_NOMEM) {
    *err = cerr;
    goto cleanup;
  }
  /* Missing or corrupt: load the XML on its own, keep it as the cache, then add it to db. */
  ilcd_db *fresh;
  if (ilcd_db_new(&fresh)) {
    rc = ilcd_error_set(err, ILCD_ERR_NOMEM, source_path, 0, "", "out of memory");
    goto cleanup;
  }
  ilcd_db_set_options(fresh, &db->options);
  rc = ilcd_db_load(fresh, source_path, err);
  /* Not written: slower next time. */
  if (rc == 0 && ilcd_db_save_cache(fresh, file, key, source_path, &cerr) == 0) {
    ilcd__cache_last_write(&guess, name);
    ilcd__cache_last_forget(&guess, name); /* the source's cache before it changed */
  }
  /* What was loaded before a failure stays, as with ilcd_db_load. */
  int mrc = ilcd__db_merge(db, fresh);
  if (!rc && mrc) rc = ilcd_error_set(err, mrc, source_path, 0, "", "out of memory");
  ilcd_db_free(fresh);
cleanup:
  free(file);
  free(last);
  return rc;
}
