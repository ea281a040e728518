/* test_cache_key_zip.c: the cache key of a zip archive from its central directory, size and
 * modification time (ilcd/src/cache_key_zip.c), and what it does and does not see.
 *
 * The archives are written here, stored (method 0), by a writer that follows APPNOTE.TXT 4.3.7
 * (local header), 4.3.12 (central directory header) and 4.3.16 (end record) with zlib's crc32:
 * so an entry's text can be changed at the same length, giving an archive of the same size whose
 * only differences are the entry's bytes and its CRC-32 in the local and directory headers. The
 * modification time is put back with utimensat where a test needs "same size, same time". */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <ilcd/cache.h>
#include <ilcd/ilcd.h>

static const char SOURCE_FMT[] =
    "<?xml version=\"1.0\"?>\n"
    "<sourceDataSet xmlns=\"http://lca.jrc.it/ILCD/Source\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
    " <sourceInformation><dataSetInformation>\n"
    "  <common:UUID>5d8c535d-4941-4498-b515-46e26185dbef</common:UUID>\n"
    "  <common:shortName xml:lang=\"en\">%s</common:shortName>\n"
    " </dataSetInformation></sourceInformation>\n"
    " <administrativeInformation><publicationAndOwnership>\n"
    "  <common:dataSetVersion>01.00.000</common:dataSetVersion>\n"
    " </publicationAndOwnership></administrativeInformation>\n"
    "</sourceDataSet>\n";
static const char ENTRY[] = "ILCD/sources/a_source.xml";

static void put(uint8_t **p, uint64_t v, int n) {
  for (int i = 0; i < n; i++) *(*p)++ = (uint8_t)(v >> (8 * i));
}

/* A stored zip of one entry holding the source named name, and a comment; its size into *size. */
static uint8_t *stored_zip(const char *name, const char *comment, size_t *size) {
  /* An XML comment after the dataset makes the archive larger than the last 64 KiB where the end
   * records are looked for: the dataset's text lies before them, as in any real archive. */
  enum { PAD = 70000 };
  char *xml = malloc(2048 + PAD);
  cr_assert(xml);
  size_t n = (size_t)snprintf(xml, 2048, SOURCE_FMT, name), nl = strlen(ENTRY), nc = strlen(comment);
  memcpy(xml + n, "<!--", 4);
  memset(xml + n + 4, 'x', PAD);
  memcpy(xml + n + 4 + PAD, "-->\n", 4);
  n += PAD + 8;
  uint32_t crc = (uint32_t)crc32(crc32(0, Z_NULL, 0), (const Bytef *)xml, (uInt)n);
  uint8_t *b = calloc(1, 30 + nl + n + 46 + nl + 22 + nc), *p = b;
  cr_assert(b);
  put(&p, 0x04034b50, 4); /* local header */
  put(&p, 20, 2);         /* version needed */
  put(&p, 0, 2);          /* flags */
  put(&p, 0, 2);          /* method: stored */
  put(&p, 0, 4);          /* DOS time and date */
  put(&p, crc, 4);
  put(&p, n, 4);
  put(&p, n, 4);
  put(&p, nl, 2);
  put(&p, 0, 2);
  memcpy(p, ENTRY, nl), p += nl;
  memcpy(p, xml, n), p += n;
  size_t cd = (size_t)(p - b);
  put(&p, 0x02014b50, 4); /* central directory header */
  put(&p, 20, 2);         /* version made by */
  put(&p, 20, 2);
  put(&p, 0, 2);
  put(&p, 0, 2);
  put(&p, 0, 4);
  put(&p, crc, 4);
  put(&p, n, 4);
  put(&p, n, 4);
  put(&p, nl, 2);
  put(&p, 0, 2); /* extra */
  put(&p, 0, 2); /* comment */
  put(&p, 0, 2); /* disk */
  put(&p, 0, 2); /* internal attributes */
  put(&p, 0, 4); /* external attributes */
  put(&p, 0, 4); /* local header offset */
  memcpy(p, ENTRY, nl), p += nl;
  size_t cd_size = (size_t)(p - b) - cd;
  put(&p, 0x06054b50, 4); /* end record */
  put(&p, 0, 2);
  put(&p, 0, 2);
  put(&p, 1, 2);
  put(&p, 1, 2);
  put(&p, cd_size, 4);
  put(&p, cd, 4);
  put(&p, nc, 2);
  memcpy(p, comment, nc), p += nc;
  *size = (size_t)(p - b);
  free(xml);
  return b;
}

static char dir[] = "/tmp/pcf_zipkey_XXXXXX";
static char path[64];
static struct timespec when[2]; /* the first archive's times */

static void spit(const uint8_t *b, size_t n) {
  FILE *f = fopen(path, "wb");
  cr_assert(f);
  cr_assert_eq(fwrite(b, 1, n, f), n);
  cr_assert_eq(fclose(f), 0);
}
static void write_zip(const char *name, const char *comment, int same_time) {
  size_t n;
  uint8_t *b = stored_zip(name, comment, &n);
  spit(b, n);
  free(b);
  if (same_time) cr_assert_eq(utimensat(AT_FDCWD, path, when, 0), 0);
}

static void key_of(uint8_t key[32]) {
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_assert_eq(ilcd_cache_key(db, path, key, &err), 0, "%s", err.message);
  ilcd_db_free(db);
}

static void setup(void) {
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/a.zip", dir);
  write_zip("first", "", 0);
  struct stat st;
  cr_assert_eq(stat(path, &st), 0);
  /* A time in the past, to the nanosecond, that a rewrite would not give by chance. */
  when[0] = (struct timespec){1700000000, 123456789};
  when[1] = (struct timespec){1700000000, 123456789};
  cr_assert_eq(utimensat(AT_FDCWD, path, when, 0), 0);
}
static void teardown(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}
TestSuite(zip_key, .init = setup, .fini = teardown);

Test(zip_key, same_archive_same_time_same_key) {
  uint8_t a[32], b[32];
  key_of(a);
  write_zip("first", "", 1); /* written again, time put back */
  key_of(b);
  cr_expect_eq(memcmp(a, b, 32), 0);
}

Test(zip_key, changed_entry_of_same_size_and_time_is_a_new_key) {
  /* "first" and "other" have the same length: the archive keeps its size and time, and differs
   * in the entry's bytes and in its CRC-32 in the local and central headers. */
  uint8_t a[32], b[32];
  key_of(a);
  struct stat s1, s2;
  cr_assert_eq(stat(path, &s1), 0);
  write_zip("other", "", 1);
  cr_assert_eq(stat(path, &s2), 0);
  cr_assert_eq(s1.st_size, s2.st_size);
  cr_assert_eq(s1.st_mtim.tv_nsec, s2.st_mtim.tv_nsec);
  key_of(b);
  cr_expect_neq(memcmp(a, b, 32), 0);
}

Test(zip_key, new_modification_time_is_a_new_key) {
  uint8_t a[32], b[32];
  key_of(a);
  struct timespec later[2] = {{1700000000, 123456790}, {1700000000, 123456790}};
  cr_assert_eq(utimensat(AT_FDCWD, path, later, 0), 0);
  key_of(b);
  cr_expect_neq(memcmp(a, b, 32), 0);
}

Test(zip_key, end_record_and_comment_are_in_the_key) {
  uint8_t a[32], b[32], c[32];
  write_zip("first", "comment A", 1);
  key_of(a);
  write_zip("first", "comment B", 1); /* same size and time, one byte of the comment */
  key_of(b);
  cr_expect_neq(memcmp(a, b, 32), 0);
  write_zip("first", "comment BB", 1); /* one byte longer */
  key_of(c);
  cr_expect_neq(memcmp(b, c, 32), 0);
}

Test(zip_key, what_the_key_leaves_out_the_load_refuses) {
  /* A byte of the entry's data changed, its CRC-32 left as it was, size and time put back: the
   * key is the same (it does not read entries), and the load refuses the entry (CRC mismatch).
   * A cache made before answers with the data as it was when its CRC was checked, where a load
   * would stop on the damage: the one thing the key does not see is such damage (or a CRC
   * forged to match) under a size and time kept as they were. */
  uint8_t a[32], b[32];
  key_of(a);
  size_t n;
  uint8_t *z = stored_zip("first", "", &n);
  size_t i = 0;
  while (i + 5 <= n && memcmp(z + i, "first", 5) != 0) i++;
  cr_assert(i + 5 <= n);
  z[i] = 'F';
  spit(z, n);
  free(z);
  cr_assert_eq(utimensat(AT_FDCWD, path, when, 0), 0);
  key_of(b);
  cr_expect_eq(memcmp(a, b, 32), 0);
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load(db, path, &err), ILCD_ERR_ARCHIVE);
  cr_expect(strstr(err.message, "CRC"), "%s", err.message);
  ilcd_db_free(db);
}

Test(zip_key, not_a_zip_is_keyed_by_all_its_bytes) {
  /* A .zip with no end record (a truncated download): every byte counts. */
  uint8_t a[32], b[32];
  static const uint8_t junk1[] = "PK\3\4 not really an archive, no end record 1";
  static const uint8_t junk2[] = "PK\3\4 not really an archive, no end record 2";
  spit(junk1, sizeof junk1);
  cr_assert_eq(utimensat(AT_FDCWD, path, when, 0), 0);
  key_of(a);
  spit(junk2, sizeof junk2);
  cr_assert_eq(utimensat(AT_FDCWD, path, when, 0), 0);
  key_of(b);
  cr_expect_neq(memcmp(a, b, 32), 0);
}

Test(zip_key, cache_hit_then_miss_after_a_same_size_change) {
  char cache[80];
  snprintf(cache, sizeof cache, "%s/cache", dir);
  const char *names[] = {"first", "first", "other"};
  const int hits[] = {0, 1, 0};
  for (int i = 0; i < 3; i++) {
    write_zip(names[i], "", 1);
    ilcd_db *db;
    ilcd_error err = {0};
    int hit = -1;
    cr_assert_eq(ilcd_db_new(&db), 0);
    cr_assert_eq(ilcd_db_load_cached(db, path, cache, &hit, &err), 0, "%s", err.message);
    cr_expect_eq(hit, hits[i], "load %d", i);
    cr_assert_eq(ilcd_db_count(db, ILCD_SOURCE), 1);
    cr_expect_str_eq(ilcd_db_source_at(db, 0)->name, names[i]);
    ilcd_db_free(db);
  }
}
