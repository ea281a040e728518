/* cache.h: a binary cache of loaded ILCD data, so the second load of the same archive, folder or
 * file skips the XML.
 *
 * A cache file holds what one ilcd_db_load of one source put into a database: every dataset of
 * every kind with all its fields, in load order, the problems recorded while loading (duplicates)
 * and the files skipped under keep_going. It is named after a key, the SHA-256 of the format
 * version, the loading options and the source: for a zip archive its size, modification time and
 * central directory with the end records (whose per-entry CRC-32s and sizes the load checks every
 * entry against: what that guarantees is written in ilcd/src/cache_key_zip.c), for an XML file its
 * bytes, for a folder the sorted relative paths, sizes and modification times of its XML files. A
 * changed source has another key, so a stale cache is simply not found. A cache that is truncated,
 * altered or absurd is rejected (ILCD_ERR_DATA, "cache corrupt, ignored") before anything it
 * declares is allocated.
 * The key is recorded in the file and covered by its CRC with the body: a cache copied under
 * another source's name, its key patched to match, is refused, so a cache never answers for a
 * source (or options) it was not built from. The CRC guards against accidents and tampering
 * that does not recompute it; against other users the cache folder is guarded
 * (ilcd_db_load_cached) and only the user's own regular files are read.
 *
 * File layout (integers little-endian):
 *   magic "ILCDC\r\n\x1a" (8) | format version u32 | header bytes u32 | key (32) |
 *   strings length u64 | records length u64 | compressed length u64 |
 *   CRC-32 of the key then the body u32 | byte-order mark u32 (0x01020304) |
 *   zlib stream of the body = strings then records.
 * The strings section is every distinct string, each NUL-terminated; records refer to strings by
 * offset. The records section is xml bytes, then per kind a count and the datasets, then the
 * problems and file errors. A dataset path that begins with the source path is stored without it
 * and rebuilt from the source path given at load, so a moved archive keeps its cache.
 */
#ifndef ILCD_CACHE_H
#define ILCD_CACHE_H

#include "ilcd/export.h"

#include "ilcd/ilcd.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 2: exchanges carry their allocations (ilcd_allocation), EPD module amounts their scenarios and
 * processes their default scenarios. 3: the CRC covers the key too. */
#define ILCD_CACHE_FORMAT 3
#define ILCD_CACHE_SUFFIX ".ilcdc"

/* SHA-256 (FIPS 180-4) of size bytes at data into digest (32 bytes). */
ILCD_EXTERN void ilcd_sha256(const void *data, size_t size, uint8_t digest[32]);

/* The cache key of source_path (a folder, zip or XML file) loaded with db's options, into key
 * (32 bytes). Returns 0 or ILCD_ERR_IO / ILCD_ERR_NOMEM. */
ILCD_EXTERN int ilcd_cache_key(const ilcd_db *db, const char *source_path, uint8_t key[32], ilcd_error *err);

/* Creates the cache folder dir (mode 0700, its parent must exist) when it is missing, and checks it
 * is safe to read caches from: a folder of the user's (or root's) that neither its group nor
 * anyone else may write to, as ilcd_db_load_cached checks its folder. Returns 0 or ILCD_ERR_IO
 * saying what is wrong. */
ILCD_EXTERN int ilcd_cache_dir_check(const char *dir, ilcd_error *err);

/* Writes everything in db to a cache file at path, atomically: a temporary file path.tmp-PID-XXXXXX
 * in the same folder, created exclusively with mode 0600 (never through a link planted there),
 * renamed over path; temporaries of path left by processes that are gone are removed first.
 * key (32 bytes) is recorded in the header; NULL records zeros. source_path, when not NULL, is the
 * prefix cut from dataset paths (see above). Returns 0, ILCD_ERR_IO or ILCD_ERR_NOMEM. */
ILCD_EXTERN int ilcd_db_save_cache(const ilcd_db *db, const char *path, const uint8_t key[32], const char *source_path,
                                   ilcd_error *err);

/* Reads a cache file written by ilcd_db_save_cache into db, after what db already holds (datasets
 * go through the same version rules as ilcd_db_load). key, when not NULL, must equal the recorded
 * one. The file is opened without following a link and without blocking, and must be a regular
 * file of the user's. Returns 0; ILCD_ERR_IO when the file cannot be opened (missing, a link);
 * ILCD_ERR_DATA when it is corrupt, stale, of another format, not a regular file or another
 * user's (db is then unchanged); ILCD_ERR_NOMEM. */
ILCD_EXTERN int ilcd_db_read_cache(ilcd_db *db, const char *path, const uint8_t key[32], const char *source_path,
                                   ilcd_error *err);

/* ilcd_db_load with a cache: computes source_path's key, reads cache_dir/<key hex>.ilcdc when it
 * is there and valid (*hit = 1), else loads source_path from XML and writes that cache file
 * (*hit = 0). cache_dir is created (mode 0700) when missing; one that belongs to another user
 * (root excepted) or that its group or others may write to is refused (ILCD_ERR_IO, as ssh
 * refuses such a folder), whoever can write a cache there deciding what is loaded. A corrupt
 * cache is ignored (loaded from XML and rewritten); a cache that cannot be written is not an
 * error. cache_dir NULL is plain ilcd_db_load. hit may be NULL. Returns what ilcd_db_load
 * returns, or ILCD_ERR_IO for a refused cache folder.
 * The key of a large folder takes as long as reading its cache, so the cache last read or written
 * for the same source (its name in cache_dir/<id>.last, id the SHA-256 of the options and the
 * source's real path) is read on a second thread meanwhile, and kept only when the key names that
 * file: a guess that never decides what is loaded. When a changed source's new cache is written,
 * the one that file named before (the source's previous content) is removed. */
ILCD_EXTERN int ilcd_db_load_cached(ilcd_db *db, const char *source_path, const char *cache_dir, int *hit,
                                    ilcd_error *err);

#ifdef __cplusplus
}
#endif
#endif
