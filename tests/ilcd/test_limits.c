/* test_limits.c: ILCD inputs that cost too much or misread (ilcd/src/xml_scan.c, zip.c, sax.c,
 * uuid.c): a start tag with too many attributes, zip entries sharing compressed bytes, an archive
 * inflating past its size times the ratio limit, data set versions that cannot be compared, and
 * out of memory reported as such. Every input is written here; each test says what it did before.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <minizip/zip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <ilcd/ilcd.h>

#include "../scratch_base.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
static void leak_check(void) {
  cr_expect_eq(__lsan_do_recoverable_leak_check(), 0, "memory leaked (see the LeakSanitizer report)");
}
#else
static void leak_check(void) {}
#endif

#define expect_in(text, needle) cr_expect(strstr((text), (needle)), "\"%s\" not in: %s", (needle), (text))

static char tmpdir[64];

static void setup(void) {
  snprintf(tmpdir, sizeof tmpdir, "%s/pcf-ilcd-limits-XXXXXX", scratch_base());
  cr_assert_not_null(mkdtemp(tmpdir));
}

static void teardown(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  cr_expect_eq(system(cmd), 0);
}

static const char *tmp(const char *name) {
  static char paths[8][256];
  static int next;
  char *p = paths[next++ % 8];
  snprintf(p, 256, "%s/%s", tmpdir, name);
  return p;
}

static void write_file(const char *path, const void *data, size_t size) {
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f, "%s: %s", path, strerror(errno));
  cr_assert_eq(fwrite(data, 1, size, f), size);
  cr_assert_eq(fclose(f), 0);
}

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- attributes ------------------------------------------------------------------------------------ */

/* A process document whose processInformation element carries n attributes. */
static char *with_attributes(size_t n, size_t *size) {
  char *xml = malloc(200 + n * 16);
  cr_assert(xml);
  size_t len = (size_t)sprintf(xml,
                               "<?xml version=\"1.0\"?>\n<processDataSet xmlns=\"http://lca.jrc.it/ILCD/Process\">\n"
                               "<processInformation");
  for (size_t i = 0; i < n; i++) len += (size_t)sprintf(xml + len, " a%zu=\"1\"", i);
  len += (size_t)sprintf(xml + len, "/>\n</processDataSet>\n");
  *size = len;
  return xml;
}

/* Before: 400,000 attributes on one element kept libxml2 2.9 busy for 86 s (quadratic start tag).
 * Now refused by the scan in well under the timeout, naming the line of the element. */
Test(limits, attributes_per_element, .timeout = 20) {
  size_t size;
  char *xml = with_attributes(400000, &size);
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_error err = {0};
  double t0 = seconds();
  cr_expect_eq(ilcd_db_load_memory(db, "attrs.xml", xml, size, &err), ILCD_ERR_XML);
  cr_expect_lt(seconds() - t0, 2.0, "the scan took %.2f s", seconds() - t0);
  expect_in(err.message, "more than 256 attributes");
  cr_expect_eq(err.line, 3);
  ilcd_db_free(db);
  free(xml);
  /* 256 attributes are parsed (the document then lacks a UUID); 257 are refused. '=' inside a
   * quoted value, a comment or CDATA is not an attribute. */
  xml = with_attributes(256, &size);
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load_memory(db, "ok.xml", xml, size, &err), ILCD_ERR_DATA);
  expect_in(err.message, "no UUID");
  ilcd_db_free(db);
  free(xml);
  xml = with_attributes(257, &size);
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load_memory(db, "over.xml", xml, size, &err), ILCD_ERR_XML);
  ilcd_db_free(db);
  free(xml);
  /* A '<' inside a value ends what the scan counts (the tag cannot go on past it), and libxml2
   * stops at that '<' as well: the attributes after it are never compared. */
  for (int variant = 0; variant < 2; variant++) {
    char *many = with_attributes(400000, &size);
    char *tag = strstr(many, "<processInformation") + strlen("<processInformation");
    char *big = malloc(size + 32);
    cr_assert(big);
    size_t head = (size_t)(tag - many);
    const char *inject = variant ? " x=\"<\"" : " x=\">\" y=\"<\"";
    memcpy(big, many, head);
    strcpy(big + head, inject);
    memcpy(big + head + strlen(inject), tag, size - head);
    size_t big_size = size + strlen(inject);
    cr_assert_eq(ilcd_db_new(&db), 0);
    t0 = seconds();
    cr_expect_eq(ilcd_db_load_memory(db, "lt.xml", big, big_size, &err), ILCD_ERR_XML);
    cr_expect_lt(seconds() - t0, 2.0, "%.2f s", seconds() - t0);
    ilcd_db_free(db);
    free(big);
    free(many);
  }
  static const char quoted[] =
      "<?xml version=\"1.0\"?>\n<!-- a=1 b=2 -->\n<contactDataSet a=\"x=1=2=3\">"
      "<![CDATA[ = = = ]]></contactDataSet>\n";
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load_memory(db, "quoted.xml", quoted, sizeof quoted - 1, &err), ILCD_ERR_DATA, "%s",
               err.message); /* parsed: a contact without a UUID */
  ilcd_db_free(db);
  leak_check();
}

/* ---- zip archives ------------------------------------------------------------------------------------ */

static void write_zip(const char *path, const char *const *names, const void *const *data, const size_t *sizes,
                      size_t n) {
  zipFile zf = zipOpen64(path, APPEND_STATUS_CREATE);
  cr_assert_not_null(zf);
  for (size_t i = 0; i < n; i++) {
    zip_fileinfo zi = {0};
    cr_assert_eq(zipOpenNewFileInZip64(zf, names[i], &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, 9, 0), ZIP_OK);
    cr_assert_eq(zipWriteInFileInZip(zf, data[i], (unsigned)sizes[i]), ZIP_OK);
    cr_assert_eq(zipCloseFileInZip(zf), ZIP_OK);
  }
  cr_assert_eq(zipClose(zf, NULL), ZIP_OK);
}

static unsigned char *read_whole(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc((size_t)n);
  cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  *size = (size_t)n;
  return buf;
}

static size_t padding(char *buf, size_t size) {
  memset(buf, ' ', size);
  memcpy(buf, "<padding>", 9);
  memcpy(buf + size - 10, "</padding>", 10);
  return size;
}

/* Two directory records pointing at one stream: the second record's local-header offset (byte 42
 * of a central record, APPNOTE 4.3.12) is set to the first's. Before: each record inflated the
 * stream again (16 of them, 4,000 MB from a 266 KB file); now the first is read (an entry within
 * every limit by itself) and the second refused before it is inflated. */
Test(limits, overlapping_entries, .init = setup, .fini = teardown) {
  static char a[64 << 10], b[64 << 10];
  const char *names[] = {"ILCD/a.xml", "ILCD/b.xml"};
  const void *data[] = {a, b};
  size_t sizes[] = {padding(a, sizeof a), padding(b, sizeof b)};
  write_zip(tmp("two.zip"), names, data, sizes, 2);
  size_t size;
  unsigned char *zip = read_whole(tmp("two.zip"), &size);
  /* The second central record: the second "PK\1\2" in the file. */
  unsigned char *second = NULL;
  for (size_t i = 0, found = 0; i + 46 <= size && !second; i++)
    if (memcmp(zip + i, "PK\1\2", 4) == 0 && ++found == 2) second = zip + i;
  cr_assert_not_null(second);
  memset(second + 42, 0, 4); /* local header at offset 0: entry a's */
  write_file(tmp("overlap.zip"), zip, size);
  free(zip);
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_error err = {0};
  cr_expect_eq(ilcd_db_load(db, tmp("overlap.zip"), &err), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "shares its compressed bytes with entry \"ILCD/a.xml\"");
  expect_in(err.path, "overlap.zip:ILCD/b.xml");
  cr_expect_eq(ilcd_db_xml_bytes(db), sizeof a);
  ilcd_db_free(db);
  /* The archive as written loads; so does one whose directory lists b before a (b's bytes come
   * after a's: out of order, checked whole, no overlap). */
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load(db, tmp("two.zip"), &err), 0, "%s", err.message);
  cr_expect_eq(ilcd_db_xml_bytes(db), sizeof a + sizeof b);
  ilcd_db_free(db);
  zip = read_whole(tmp("two.zip"), &size);
  unsigned char *first = NULL;
  second = NULL;
  for (size_t i = 0; i + 46 <= size; i++)
    if (memcmp(zip + i, "PK\1\2", 4) == 0) {
      if (!first)
        first = zip + i;
      else
        second = zip + i;
    }
  cr_assert(first && second);
  size_t record = (size_t)(second - first); /* same name length, no extra field: same size */
  unsigned char swap[128];
  cr_assert_leq(record, sizeof swap);
  memcpy(swap, first, record);
  memmove(first, second, record);
  memcpy(second, swap, record);
  write_file(tmp("swapped.zip"), zip, size);
  free(zip);
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load(db, tmp("swapped.zip"), &err), 0, "%s", err.message);
  cr_expect_eq(ilcd_db_xml_bytes(db), sizeof a + sizeof b);
  ilcd_db_free(db);
  leak_check();
}

/* Forty entries of 1,024 blanks each (small enough to be spared the per-entry ratio check) make an
 * archive of a few kilobytes that inflates to 40,960 bytes. With max_ratio 4, the whole archive
 * may inflate to 4 x its size only: refused past it, at the entry that goes over. */
Test(limits, total_inflation_proportionate_to_the_archive, .init = setup, .fini = teardown) {
  static char pad[40][1024];
  const char *names[40];
  const void *data[40];
  size_t sizes[40];
  static char name_buf[40][32];
  for (int i = 0; i < 40; i++) {
    snprintf(name_buf[i], sizeof name_buf[i], "ILCD/p%02d.xml", i);
    names[i] = name_buf[i];
    data[i] = pad[i];
    sizes[i] = padding(pad[i], sizeof pad[i]);
  }
  write_zip(tmp("many.zip"), names, data, sizes, 40);
  struct stat st;
  cr_assert_eq(stat(tmp("many.zip"), &st), 0);
  uint64_t budget = 4 * (uint64_t)st.st_size;
  cr_assert_lt(budget, 40 * 1024, "archive of %lld bytes", (long long)st.st_size);
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_options o = {.max_ratio = 4};
  ilcd_db_set_options(db, &o);
  ilcd_error err = {0};
  cr_expect_eq(ilcd_db_load(db, tmp("many.zip"), &err), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "its size times the ratio limit");
  /* Every entry parsed before the refusal fits the budget; the next one would not. */
  uint64_t read = ilcd_db_xml_bytes(db);
  cr_expect_leq(read, budget);
  cr_expect_gt(read + 1024, budget);
  ilcd_db_free(db);
  /* The default ratio (1000) takes it whole. */
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load(db, tmp("many.zip"), &err), 0, "%s", err.message);
  cr_expect_eq(ilcd_db_xml_bytes(db), 40 * 1024);
  ilcd_db_free(db);
  leak_check();
}

/* ---- data set versions --------------------------------------------------------------------------------- */

static size_t contact(char *buf, size_t size, const char *name, const char *version) {
  int n = snprintf(buf, size,
                   "<?xml version=\"1.0\"?>\n"
                   "<contactDataSet xmlns=\"http://lca.jrc.it/ILCD/Contact\" "
                   "xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
                   "<contactInformation><dataSetInformation>\n"
                   "<common:UUID>11111111-2222-4333-8444-000000000009</common:UUID>\n"
                   "<common:shortName xml:lang=\"en\">%s</common:shortName>\n"
                   "</dataSetInformation></contactInformation>\n"
                   "<administrativeInformation><publicationAndOwnership>\n"
                   "<common:dataSetVersion>%s</common:dataSetVersion>\n"
                   "</publicationAndOwnership></administrativeInformation></contactDataSet>\n",
                   name, version);
  cr_assert_lt(n, (int)size);
  return (size_t)n;
}

/* Before: "99999999999999999999.x.-1" saturated strtol and won over 01.00.000 and every valid version
 * of the UUID: lookups answered with the garbage data set. */
Test(limits, garbage_versions_refused, .init = setup, .fini = teardown) {
  char xml[1024];
  cr_assert_eq(mkdir(tmp("ILCD"), 0755), 0);
  write_file(tmp("ILCD/a.xml"), xml, contact(xml, sizeof xml, "valid", "01.00.000"));
  write_file(tmp("ILCD/b.xml"), xml, contact(xml, sizeof xml, "garbage", "99999999999999999999.x.-1"));
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_error err = {0};
  cr_expect_eq(ilcd_db_load(db, tmp("ILCD"), &err), ILCD_ERR_DATA);
  expect_in(err.message, "dataSetVersion \"99999999999999999999.x.-1\" is not a version number");
  expect_in(err.path, "ILCD/b.xml");
  cr_expect_str_eq(err.uuid, "11111111-2222-4333-8444-000000000009");
  ilcd_db_free(db);
  /* Skipped under keep_going: the valid one answers. */
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_options keep = {.keep_going = 1};
  ilcd_db_set_options(db, &keep);
  cr_expect_eq(ilcd_db_load(db, tmp("ILCD"), &err), 0, "%s", err.message);
  cr_expect_eq(ilcd_db_file_error_count(db), 1);
  ilcd_uuid u;
  cr_assert_eq(ilcd_uuid_parse(&u, "11111111-2222-4333-8444-000000000009"), 0);
  cr_assert_not_null(ilcd_db_contact(db, &u));
  cr_expect_str_eq(ilcd_db_contact(db, &u)->name, "valid");
  ilcd_db_free(db);
  /* Other garbage; and the forms real data use (ILCD's 01.00.000, TianGong's 00.01.05) load, the
   * newer version answering. */
  static const char *bad[] = {"1..2", "01.00.000.", "-1.0", "1.2.3.4.5", "01.00.000 beta", "123456.0", "x"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    cr_assert_eq(ilcd_db_new(&db), 0);
    size_t n = contact(xml, sizeof xml, "bad", bad[i]);
    cr_expect_eq(ilcd_db_load_memory(db, "bad.xml", xml, n, &err), ILCD_ERR_DATA, "%s", bad[i]);
    ilcd_db_free(db);
  }
  cr_assert_eq(ilcd_db_new(&db), 0);
  size_t n = contact(xml, sizeof xml, "older", "00.01.05");
  cr_expect_eq(ilcd_db_load_memory(db, "older.xml", xml, n, &err), 0, "%s", err.message);
  n = contact(xml, sizeof xml, "newer", "01.00.000");
  cr_expect_eq(ilcd_db_load_memory(db, "newer.xml", xml, n, &err), 0, "%s", err.message);
  cr_expect_str_eq(ilcd_db_contact(db, &u)->name, "newer");
  ilcd_db_free(db);
  leak_check();
}

/* ---- out of memory ------------------------------------------------------------------------------------ */

#if !defined(__SANITIZE_ADDRESS__)
static long data_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  cr_assert_not_null(f);
  char line[256];
  long kib = -1;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "VmData: %ld kB", &kib) == 1) break;
  fclose(f);
  cr_assert_gt(kib, 0);
  return kib;
}

static size_t total(const ilcd_db *db) {
  size_t n = 0;
  for (int k = 0; k < ILCD_KIND_COUNT; k++) n += ilcd_db_count(db, k);
  return n;
}
#endif

/* The bundled data sets loaded with keep_going under a data-segment limit a little above what the
 * process holds, for growing margins: a load either completes (every data set there) or fails with
 * ILCD_ERR_NOMEM, "out of memory". Before, the readers reported their allocation failures as data
 * errors (ILCD_ERR_DATA), which keep_going records and skips: the load "succeeded" without them.
 * Margins grow by 128 KiB until four loads in a row complete: the load needs about 1.7 MiB over
 * what the process holds, and every margin above that completed too (48 margins up to 12 MiB, 6 of
 * them short, when each was tried), so those loads tested nothing. */
Test(limits, out_of_memory_is_never_a_data_error, .timeout = 240) {
#if defined(__SANITIZE_ADDRESS__)
  cr_skip_test("RLIMIT_DATA and AddressSanitizer do not mix");
#else
  const char *path = PCF_SOURCE_DIR "/datasets/ILCD";
  ilcd_options keep = {.keep_going = 1};
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_db_set_options(db, &keep);
  cr_assert_eq(ilcd_db_load(db, path, &err), 0, "%s", err.message);
  size_t all = total(db);
  cr_assert_eq(ilcd_db_file_error_count(db), 0);
  ilcd_db_free(db);
  struct rlimit saved;
  cr_assert_eq(getrlimit(RLIMIT_DATA, &saved), 0);
  int nomem = 0, completed = 0;
  for (long margin = 128; margin <= 12288 && completed < 4; margin += 128) {
    cr_assert_eq(ilcd_db_new(&db), 0);
    ilcd_db_set_options(db, &keep);
    memset(&err, 0, sizeof err);
    struct rlimit tight = {(rlim_t)(data_kib() + margin) * 1024, saved.rlim_max};
    cr_assert_eq(setrlimit(RLIMIT_DATA, &tight), 0);
    int rc = ilcd_db_load(db, path, &err);
    size_t n = total(db), skipped = ilcd_db_file_error_count(db);
    cr_assert_eq(setrlimit(RLIMIT_DATA, &saved), 0);
    completed = rc == 0 ? completed + 1 : 0;
    if (rc == 0) {
      cr_expect_eq(skipped, 0, "margin %ld KiB: %zu files skipped, the first: %s", margin, skipped,
                   ilcd_db_file_error(db, 0)->message);
      cr_expect_eq(n, all, "margin %ld KiB: %zu of %zu data sets", margin, n, all);
    } else {
      nomem++;
      cr_expect_eq(rc, ILCD_ERR_NOMEM, "margin %ld KiB: %d: %s: %s", margin, rc, err.path, err.message);
      cr_expect_eq(err.code, ILCD_ERR_NOMEM);
      expect_in(err.message, "out of memory");
    }
    ilcd_db_free(db);
  }
  cr_expect_gt(nomem, 0, "no margin ran out of memory: the test no longer tests anything");
  cr_expect_eq(completed, 4, "no four loads in a row completed, even with 12 MiB to spare");
#endif
}
