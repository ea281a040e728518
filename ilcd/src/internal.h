/* internal.h: what the ilcd/ sources share and users of the library never see: the arena, growable
 * arrays, the UUID index and the database layout. */
#ifndef ILCD_INTERNAL_H
#define ILCD_INTERNAL_H

#include "ilcd/ilcd.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- arena: every dataset of a database lives in one, freed in one call ---------------------- */
typedef struct arena_chunk arena_chunk;
typedef struct arena {
  arena_chunk *head;
  size_t used, cap;
  uint64_t total;
} arena;

void ilcd__arena_init(arena *a);
void ilcd__arena_free(arena *a);
/* 8-byte aligned, zeroed; NULL when out of memory or when n overflows. */
void *ilcd__arena_alloc(arena *a, size_t n);
void *ilcd__arena_array(arena *a, size_t count, size_t size);
char *ilcd__arena_strdup(arena *a, const char *s);
char *ilcd__arena_strndup(arena *a, const char *s, size_t n);

/* ---- growable array of fixed-size elements (scratch space while parsing) --------------------- */
typedef struct vec {
  void *data;
  size_t len, cap, size;
} vec;
void ilcd__vec_init(vec *v, size_t elem_size);
void ilcd__vec_free(vec *v);
/* Appends a zeroed element and returns it, NULL when out of memory. */
void *ilcd__vec_push(vec *v);
void ilcd__vec_clear(vec *v);

/* ---- UUID index: open addressing, one table per dataset kind --------------------------------- */
typedef struct index_slot {
  ilcd_uuid key;
  void *value; /* NULL = empty */
} index_slot;
typedef struct uuid_index {
  index_slot *slots;
  size_t count, cap; /* cap a power of two */
} uuid_index;
void *ilcd__index_get(const uuid_index *ix, const ilcd_uuid *key);
/* Inserts or replaces; returns 0 or ILCD_ERR_NOMEM. */
int ilcd__index_put(uuid_index *ix, const ilcd_uuid *key, void *value);
void ilcd__index_free(uuid_index *ix);

/* Moves every chunk of from into a (from is left empty); what was allocated in either stays valid
 * until a is freed. */
void ilcd__arena_absorb(arena *a, arena *from);

/* ---- SHA-256 (sha256.c), for cache keys --------------------------------------------------------- */
typedef struct sha256_ctx {
  uint32_t h[8];
  uint64_t bytes;
  uint8_t buf[64];
  size_t fill;
} sha256_ctx;
void ilcd__sha256_init(sha256_ctx *c);
void ilcd__sha256_update(sha256_ctx *c, const void *data, size_t n);
void ilcd__sha256_final(sha256_ctx *c, uint8_t digest[32]);

/* Version strings "03.00.004": compared component by component as numbers. */
int ilcd__version_compare(const char *a, const char *b);
/* Whether a dataSetVersion can be compared: one to four dot-separated groups of one to five digits.
 * ILCD's pattern is NN.NN(.NNN)? (ILCD_Common_DataTypes.xsd, Version); real data also write
 * 00.01.05 (TianGong), so the groups' widths are not enforced, only that they are numbers small
 * enough to compare: "99999999999999999999.x.-1" saturated strtol and won over every valid one. */
bool ilcd__version_valid(const char *v);

/* ---- the database ------------------------------------------------------------------------------ */
struct ilcd_db {
  arena mem;
  ilcd_options options;
  vec items[ILCD_KIND_COUNT]; /* of pointers to the dataset structs, in load order */
  uuid_index index[ILCD_KIND_COUNT];
  vec problems;    /* ilcd_problem */
  vec file_errors; /* ilcd_error */
  uint64_t xml_bytes;
  uint64_t archive_bytes; /* inflated so far from the archive being read */
  /* Scratch buffers reused from file to file: allocating and freeing them per file made the heap
   * top grow and shrink (brk) hundreds of thousands of times on a 10,000-file archive. */
  char *file_buf, *text_buf;
  size_t file_cap, text_cap;
  bool problems_lost; /* a problem could not be recorded (out of memory) */
};
/* Returns db->file_buf grown to at least n bytes, or NULL. */
char *ilcd__db_file_buffer(ilcd_db *db, size_t n);

/* Common header every dataset struct starts with, in the same order as the public structs. */
typedef struct dataset_head {
  ilcd_uuid uuid;
  const char *version;
  const char *name;
  const char *path;
} dataset_head;

/* The database handles every dataset through its head (index, lookups, cache): a public struct
 * whose first fields drifted from it in ilcd.h fails the build here, not a load at run time. */
#define DATASET_HEAD_FIELD(type, field)                                                                                \
  _Static_assert(offsetof(type, field) == offsetof(dataset_head, field) &&                                             \
                     sizeof(((type *)0)->field) == sizeof(((dataset_head *)0)->field),                                 \
                 #type " does not start with the dataset head (" #field ")")
#define DATASET_HEAD_MATCHES(type)                                                                                     \
  DATASET_HEAD_FIELD(type, uuid);                                                                                      \
  DATASET_HEAD_FIELD(type, version);                                                                                   \
  DATASET_HEAD_FIELD(type, name);                                                                                      \
  DATASET_HEAD_FIELD(type, path)
DATASET_HEAD_MATCHES(ilcd_process);
DATASET_HEAD_MATCHES(ilcd_flow);
DATASET_HEAD_MATCHES(ilcd_flow_property);
DATASET_HEAD_MATCHES(ilcd_unit_group);
DATASET_HEAD_MATCHES(ilcd_lcia_method);
DATASET_HEAD_MATCHES(ilcd_named);

/* Adds a parsed dataset (allocated in db->mem) to the database and index. Duplicates (same UUID and
 * version) are recorded as problems and dropped. Returns 0 or ILCD_ERR_NOMEM. */
int ilcd__db_add(ilcd_db *db, ilcd_kind kind, dataset_head *dataset);
/* Records a problem. Returns 0, or ILCD_ERR_NOMEM (and ilcd_db_check will say so). */
int ilcd__db_problem(ilcd_db *db, ilcd_kind from_kind, const ilcd_uuid *from, ilcd_kind to_kind, const char *target,
                     const char *what);

/* ---- XML pre-scan (xml_scan.c) ----------------------------------------------------------------- */
/* Attributes (namespace declarations included) one start tag may carry: libxml2 2.9 handles a
 * start tag in time quadratic in its attributes. */
#define XML_MAX_ATTRIBUTES 256
/* 0 when no start tag of xml has more than XML_MAX_ATTRIBUTES attributes; otherwise -1 and *line
 * is the line of the first that has. Linear in size. */
int ilcd__xml_check_attributes(const char *xml, size_t size, long *line);

/* Parses one XML document (any supported kind) from memory into db. */
int ilcd__read_xml(ilcd_db *db, const char *name, const void *xml, size_t size, ilcd_error *err);
/* Loads every .xml entry of a zip archive file. */
int ilcd__read_zip(ilcd_db *db, const char *path, ilcd_error *err);
/* Same from memory (fuzzing, tests). */
int ilcd__read_zip_memory(ilcd_db *db, const char *name, const void *data, size_t size, ilcd_error *err);
/* Records or returns a per-file failure depending on options.keep_going. */
int ilcd__db_file_failed(ilcd_db *db, int code, const ilcd_error *file_err, ilcd_error *err);

/* Opens path to read, refusing anything but a regular file (file.c: a FIFO or device would block
 * or never end) and, when nofollow, a symbolic link; *st is the open file's (st_mode 0 when
 * the path could not be opened at all). Returns the descriptor, or a negative ilcd status with
 * err set (ILCD_ERR_IO). */
struct stat;
int ilcd__file_open_regular(const char *path, int nofollow, struct stat *st, ilcd_error *err);
/* The same as a stdio stream ("rb") into *out (NULL on failure). Returns 0 or the status. */
int ilcd__file_fopen_regular(FILE **out, const char *path, int nofollow, struct stat *st, ilcd_error *err);

/* The XML files of a folder as a load reads them (folder_walk.c): sorted names, no dot files,
 * symbolic links not followed, FOLDER_WALK_MAX_DEPTH folders deep at most. fn gets each file's
 * path, its path relative to root (with the leading '/') and its lstat; a non-zero return stops
 * the walk and is returned. */
#define FOLDER_WALK_MAX_DEPTH 8
typedef int (*folder_walk_fn)(void *ctx, const char *path, const char *relative, const struct stat *st,
                              ilcd_error *err);
int ilcd__folder_walk(const char *root, folder_walk_fn fn, void *ctx, ilcd_error *err);

/* Strict number parsing: the whole text (white space around allowed) must be a finite number
 * within +-1e30. Returns 0 or -1. */
int ilcd__parse_double(const char *text, double *out);

#endif
