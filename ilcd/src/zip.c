/* zip.c: ILCD packages inside zip archives (minizip over zlib), read entry by entry into memory and
 * parsed; nothing is ever written to disk.
 *
 * Hostile archives are refused with a message naming the entry: names that would escape a folder
 * (absolute, "..", backslashes, drive letters), entries that declare or inflate beyond the size
 * limits or beyond the compression-ratio limit (zip bombs), an entry whose compressed bytes
 * overlap those of an entry before it, refused before it is inflated (many directory records
 * pointing at one stream: 16 entries sharing one 250 MB stream inflated 4 GB from a 266 KB file),
 * an archive inflating past max_ratio times its own size in total, CRC mismatches and truncation. */
#include "internal.h"

#include <minizip/ioapi.h>
#include <minizip/unzip.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- reading an archive held in memory (fuzzing, nested use) ------------------------------------ */
typedef struct membuf {
  const unsigned char *data;
  uint64_t size, pos;
} membuf;

static voidpf mem_open(voidpf opaque, const void *filename, int mode) { return opaque; }
static uLong mem_read(voidpf opaque, voidpf stream, void *buf, uLong size) {
  membuf *m = stream;
  uint64_t left = m->size - m->pos;
  if (size > left) size = (uLong)left;
  memcpy(buf, m->data + m->pos, size);
  m->pos += size;
  return size;
}
static uLong mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size) { return 0; }
static ZPOS64_T mem_tell(voidpf opaque, voidpf stream) { return ((membuf *)stream)->pos; }
static long mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin) {
  membuf *m = stream;
  uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos : m->size;
  if (offset > m->size || base + offset > m->size) return -1;
  m->pos = base + offset;
  return 0;
}
static int mem_close(voidpf opaque, voidpf stream) { return 0; }
static int mem_error(voidpf opaque, voidpf stream) { return 0; }

/* ---- entries ------------------------------------------------------------------------------------ */

static bool ends_with_xml(const char *name) {
  size_t n = strlen(name);
  return n >= 4 && strcasecmp(name + n - 4, ".xml") == 0;
}

static bool hostile_name(const char *name) {
  if (name[0] == '/' || name[0] == '\\' || strchr(name, '\\')) return true;
  if (((name[0] | 32) >= 'a' && (name[0] | 32) <= 'z') && name[1] == ':') return true;
  for (const char *p = name; *p;) {
    const char *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : strlen(p);
    if (n == 2 && p[0] == '.' && p[1] == '.') return true;
    if (!slash) break;
    p = slash + 1;
  }
  return false;
}

/* Where the entries read so far lie: while each starts past the end of all before it (as every
 * writer lays them out), none can overlap; the first that does not sends the whole archive through
 * check_overlaps once, before it is inflated. */
typedef struct layout {
  uint64_t end; /* the furthest end of compressed bytes read so far */
  bool checked; /* check_overlaps has passed the whole archive */
} layout;

enum { ENTRY_OUT_OF_ORDER = 1 }; /* read_entry: nothing read, check the archive first */

static int read_entry(ilcd_db *db, unzFile zf, const char *where, const unz_file_info64 *info, uint64_t archive_size,
                      layout *lay, ilcd_error *err) {
  const ilcd_options *o = &db->options;
  /* The ratio limit trusts the declared compressed size; bounding that by the archive's own size
   * bounds what a header can make us allocate: at most max_ratio times the archive. */
  if (info->compressed_size > archive_size)
    return ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "",
                          "entry declares %llu compressed bytes, more than the archive's %llu",
                          (unsigned long long)info->compressed_size, (unsigned long long)archive_size);
  if (info->uncompressed_size > o->max_entry_bytes)
    return ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "", "entry declares %llu bytes, over the %llu-byte limit",
                          (unsigned long long)info->uncompressed_size, (unsigned long long)o->max_entry_bytes);
  if (info->uncompressed_size > 1024 &&
      info->uncompressed_size / (info->compressed_size ? info->compressed_size : 1) > o->max_ratio)
    return ilcd_error_set(
        err, ILCD_ERR_ARCHIVE, where, 0, "", "entry inflates %llu to %llu bytes, a ratio over %u (zip bomb?)",
        (unsigned long long)info->compressed_size, (unsigned long long)info->uncompressed_size, o->max_ratio);
  if (unzOpenCurrentFile(zf) != UNZ_OK)
    return ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "", "cannot open entry (corrupt archive?)");
  uint64_t start = unzGetCurrentFileZStreamPos64(zf);
  if (start < lay->end && !lay->checked) {
    unzCloseCurrentFile(zf);
    return ENTRY_OUT_OF_ORDER;
  }
  if (start + info->compressed_size > lay->end) lay->end = start + info->compressed_size;
  /* The whole archive gets what its entries could honestly inflate to: entries that do not overlap
   * share its bytes, each within the ratio limit. */
  uint64_t budget = o->max_total_bytes;
  if (archive_size <= budget / o->max_ratio && archive_size * o->max_ratio < budget)
    budget = archive_size * o->max_ratio;
  if (db->archive_bytes + info->uncompressed_size > budget) {
    unzCloseCurrentFile(zf);
    return ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "", "archive inflates past the %llu-byte limit (%s)",
                          (unsigned long long)budget,
                          budget < o->max_total_bytes ? "its size times the ratio limit" : "the total limit");
  }
  /* Read one byte more than declared: a header that lies about the size is caught here. */
  size_t size = (size_t)info->uncompressed_size;
  char *buf = ilcd__db_file_buffer(db, size + 1);
  if (!buf) {
    unzCloseCurrentFile(zf);
    return ilcd_error_set(err, ILCD_ERR_NOMEM, where, 0, "", "out of memory");
  }
  size_t got = 0;
  int n;
  while ((n = unzReadCurrentFile(zf, buf + got, (unsigned)(size + 1 - got))) > 0) {
    got += (size_t)n;
    if (got > size) break;
  }
  int close_rc = unzCloseCurrentFile(zf);
  int rc = 0;
  if (n < 0)
    rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "", "corrupt entry (inflate error %d)", n);
  else if (got != size)
    rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "", "entry holds %s bytes than its header declares (%zu)",
                        got > size ? "more" : "fewer", size);
  else if (close_rc == UNZ_CRCERROR)
    rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "", "CRC mismatch: the entry is corrupt");
  if (!rc) {
    db->archive_bytes += size;
    ilcd_error local = {0};
    rc = ilcd__read_xml(db, where, buf, size, &local);
    if (rc) rc = ilcd__db_file_failed(db, rc, &local, err);
  }
  return rc;
}

/* The current entry's header and its name, NUL-terminated in a buffer the caller frees. The name
 * is sized from the header (up to 65,535 bytes in the zip format): minizip does not terminate a
 * name that fills the buffer it is given, so no fixed buffer is safe. */
static int entry_name(unzFile zf, const char *path, unz_file_info64 *info, char **out, ilcd_error *err) {
  *out = NULL;
  if (unzGetCurrentFileInfo64(zf, info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
    return ilcd_error_set(err, ILCD_ERR_ARCHIVE, path, 0, "", "corrupt zip entry header");
  char *name = malloc((size_t)info->size_filename + 1);
  if (!name) return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
  if (unzGetCurrentFileInfo64(zf, info, name, info->size_filename + 1, NULL, 0, NULL, 0) != UNZ_OK) {
    free(name);
    return ilcd_error_set(err, ILCD_ERR_ARCHIVE, path, 0, "", "corrupt zip entry header");
  }
  name[info->size_filename] = '\0';
  *out = name;
  return 0;
}

/* Whether an entry is read (the walk in read_archive skips the others). */
static bool read_entry_kind(const char *name, const unz_file_info64 *info) {
  return ends_with_xml(name) && info->uncompressed_size + info->compressed_size > 0;
}

/* The compressed bytes of one entry that is read, and its place in the central directory. */
typedef struct span {
  uint64_t start, end, ordinal;
} span;

static int by_start(const void *a, const void *b) {
  const span *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* The name of the entry at ordinal (its place in the directory) into a new string, or NULL. */
static char *name_at(unzFile zf, uint64_t ordinal) {
  int s = unzGoToFirstFile(zf);
  for (uint64_t k = 0; s == UNZ_OK && k < ordinal; k++) s = unzGoToNextFile(zf);
  unz_file_info64 info;
  char *name = NULL;
  if (s == UNZ_OK) entry_name(zf, "", &info, &name, NULL);
  return name;
}

/* Refuses an archive in which two entries that would be read share compressed bytes: the zip format
 * gives each entry its own bytes, and directory records pointing into one stream multiply what a
 * small file inflates to. One walk over the directory and the local headers, sorted spans. An entry
 * minizip cannot open is left to the reading walk, which reports it in its turn. */
static int check_overlaps(unzFile zf, const char *path, uint64_t entries, ilcd_error *err) {
  span *v = malloc((entries ? entries : 1) * sizeof *v);
  if (!v) return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
  size_t n = 0;
  uint64_t ordinal = 0;
  int rc = 0, s;
  for (s = unzGoToFirstFile(zf); s == UNZ_OK && !rc && n < entries; s = unzGoToNextFile(zf), ordinal++) {
    unz_file_info64 info;
    char *name = NULL;
    rc = entry_name(zf, path, &info, &name, err);
    if (!rc && read_entry_kind(name, &info) && unzOpenCurrentFile(zf) == UNZ_OK) {
      uint64_t start = unzGetCurrentFileZStreamPos64(zf);
      unzCloseCurrentFile(zf);
      v[n++] = (span){start, start + info.compressed_size, ordinal};
    }
    free(name);
  }
  if (!rc && n > 1) {
    qsort(v, n, sizeof *v, by_start);
    size_t widest = 0;
    for (size_t i = 1; i < n && !rc; i++) {
      if (v[i].start < v[widest].end) {
        char *a = name_at(zf, v[widest].ordinal), *b = name_at(zf, v[i].ordinal);
        size_t len = strlen(path) + (b ? strlen(b) : 0) + 2;
        char *where = malloc(len);
        if (where) snprintf(where, len, "%s:%s", path, b ? b : "");
        rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, where ? where : path, 0, "",
                            "entry shares its compressed bytes with entry \"%.200s\" (overlapping entries, a zip "
                            "bomb's trick): the archive is refused",
                            a ? a : "?");
        free(where);
        free(a);
        free(b);
      }
      if (v[i].end > v[widest].end) widest = i;
    }
  }
  free(v);
  return rc;
}

static int read_archive(ilcd_db *db, const char *path, unzFile zf, uint64_t archive_size, ilcd_error *err) {
  if (!zf) return ilcd_error_set(err, ILCD_ERR_ARCHIVE, path, 0, "", "not a readable zip archive");
  db->archive_bytes = 0;
  unz_global_info64 gi;
  int rc = 0;
  if (unzGetGlobalInfo64(zf, &gi) != UNZ_OK) {
    rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, path, 0, "", "corrupt zip directory");
    goto done;
  }
  if (gi.number_entry > 1000000) {
    rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, path, 0, "", "archive lists %llu entries, over the limit",
                        (unsigned long long)gi.number_entry);
    goto done;
  }
  layout lay = {0, false};
  int s;
  for (s = unzGoToFirstFile(zf); s == UNZ_OK && !rc; s = unzGoToNextFile(zf)) {
    unz_file_info64 info;
    char *name = NULL;
    rc = entry_name(zf, path, &info, &name, err);
    if (rc) break;
    size_t plen = strlen(path), nlen = strlen(name);
    char *where = malloc(plen + nlen + 2);
    if (!where) {
      free(name);
      rc = ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
      break;
    }
    snprintf(where, plen + nlen + 2, "%s:%s", path, name);
    if (nlen != info.size_filename)
      rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "", "entry name holds a NUL byte");
    else if (hostile_name(name))
      rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "",
                          "entry name escapes the archive folder (absolute or \"..\" path)");
    else if (read_entry_kind(name, &info)) {
      rc = read_entry(db, zf, where, &info, archive_size, &lay, err);
      if (rc == ENTRY_OUT_OF_ORDER) {
        unz64_file_pos here;
        rc = unzGetFilePos64(zf, &here) == UNZ_OK
                 ? check_overlaps(zf, path, gi.number_entry, err)
                 : ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "", "corrupt zip directory");
        lay.checked = true;
        if (!rc && unzGoToFilePos64(zf, &here) != UNZ_OK)
          rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, where, 0, "", "corrupt zip directory");
        if (!rc) rc = read_entry(db, zf, where, &info, archive_size, &lay, err);
      }
    }
    free(where);
    free(name);
  }
  /* The walk ends at the end of the list, or at a directory record minizip cannot read (a
   * truncated or damaged archive): the latter is an error, not an empty archive. */
  if (!rc && s != UNZ_OK && s != UNZ_END_OF_LIST_OF_FILE)
    rc = ilcd_error_set(err, ILCD_ERR_ARCHIVE, path, 0, "", "corrupt zip directory (minizip error %d)", s);
done:
  unzClose(zf);
  return rc;
}

/* ---- reading an archive file opened by ilcd__file_fopen_regular (minizip would fopen any path, and
 * block on a FIFO) -------------------------------------------------------------------------------- */
static voidpf stream_open(voidpf opaque, const void *filename, int mode) { return opaque; }
static uLong stream_read(voidpf opaque, voidpf stream, void *buf, uLong size) {
  return (uLong)fread(buf, 1, size, stream);
}
static uLong stream_write(voidpf opaque, voidpf stream, const void *buf, uLong size) { return 0; }
static ZPOS64_T stream_tell(voidpf opaque, voidpf stream) {
  off_t at = ftello(stream);
  return at < 0 ? (ZPOS64_T)-1 : (ZPOS64_T)at;
}
static long stream_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin) {
  int whence = origin == ZLIB_FILEFUNC_SEEK_SET ? SEEK_SET : origin == ZLIB_FILEFUNC_SEEK_CUR ? SEEK_CUR : SEEK_END;
  return offset > INT64_MAX || fseeko(stream, (off_t)offset, whence) ? -1 : 0;
}
static int stream_close(voidpf opaque, voidpf stream) { return fclose(stream); }
static int stream_error(voidpf opaque, voidpf stream) { return ferror((FILE *)stream); }

int ilcd__read_zip(ilcd_db *db, const char *path, ilcd_error *err) {
  struct stat st;
  FILE *f;
  int rc = ilcd__file_fopen_regular(&f, path, 0, &st, err);
  if (rc) return rc;
  /* minizip closes the stream (stream_close) whether it opens the archive or not. */
  zlib_filefunc64_def io = {stream_open, stream_read,  stream_write, stream_tell,
                            stream_seek, stream_close, stream_error, f};
  return read_archive(db, path, unzOpen2_64(path, &io), (uint64_t)st.st_size, err);
}

int ilcd__read_zip_memory(ilcd_db *db, const char *name, const void *data, size_t size, ilcd_error *err) {
  membuf m = {data, size, 0};
  zlib_filefunc64_def io = {mem_open, mem_read, mem_write, mem_tell, mem_seek, mem_close, mem_error, &m};
  return read_archive(db, name, unzOpen2_64("memory", &io), size, err);
}
