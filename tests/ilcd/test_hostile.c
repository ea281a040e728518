/* Hostile and broken input (ilcd/src/sax.c, zip.c, db.c): each class gives a clear error (code,
 * file, line where it applies) and never a crash, nothing external is ever read or fetched, and
 * keep_going skips a bad file, records it and loads the rest.
 *
 * Every input is written here, in memory or in a temporary folder: zip archives with minizip's
 * writing API (zip.h), then patched byte by byte where the test needs a lie in a header. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <minizip/zip.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ilcd/ilcd.h>

#include "../scratch_base.h"

/* Criterion runs each test in a child that leaves without LeakSanitizer's exit-time check (and a
 * failure in .fini is only a warning): under ASan (PCF_SANITIZE) the tests call it themselves,
 * after each hostile document and at the end of each folder and archive test. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
static void leak_check(void) {
  cr_expect_eq(__lsan_do_recoverable_leak_check(), 0, "memory leaked (see the LeakSanitizer report)");
}
#else
static void leak_check(void) {}
#endif

#define FIXTURES PCF_SOURCE_DIR "/tests/fixtures/ilcd/"

/* ---- helpers ------------------------------------------------------------------------------------ */

static char tmpdir[64];

static void make_tmpdir(void) {
  snprintf(tmpdir, sizeof tmpdir, "%s/pcf-ilcd-hostile-XXXXXX", scratch_base());
  cr_assert_not_null(mkdtemp(tmpdir));
}

static void remove_tmpdir(void) {
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

static char *read_whole(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "%s", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  buf[n] = '\0';
  *size = (size_t)n;
  return buf;
}

static size_t total_datasets(const ilcd_db *db) {
  size_t n = 0;
  for (int k = 0; k < ILCD_KIND_COUNT; k++) n += ilcd_db_count(db, k);
  return n;
}

/* Loads xml into a fresh database and asserts it fails with code and loads nothing. */
static ilcd_error fails(const char *xml, size_t size, int code) {
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  int rc = ilcd_db_load_memory(db, "hostile.xml", xml, size, &err);
  cr_expect_eq(rc, code, "rc %d, expected %d: %s", rc, code, err.message);
  cr_expect_eq(err.code, code);
  cr_expect_str_eq(err.path, "hostile.xml");
  cr_expect_neq(err.message[0], '\0');
  cr_expect_eq(total_datasets(db), 0);
  ilcd_db_free(db);
  leak_check();
  return err;
}

#define FAILS(xml, code) fails((xml), sizeof(xml) - 1, (code))

#define expect_in(haystack, needle)                                                                                    \
  cr_expect_not_null(strstr((haystack), (needle)), "\"%s\" not in: %s", (needle), (haystack))

/* A minimal contact data set: the "good" file of the keep_going tests. */
static const char CONTACT_FMT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<contactDataSet xmlns=\"http://lca.jrc.it/ILCD/Contact\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
    "<contactInformation><dataSetInformation>\n"
    "<common:UUID>%s</common:UUID>\n"
    "<common:shortName xml:lang=\"en\">%s</common:shortName>\n"
    "</dataSetInformation></contactInformation></contactDataSet>\n";

static size_t contact(char *buf, size_t size, const char *uuid, const char *name) {
  int n = snprintf(buf, size, CONTACT_FMT, uuid, name);
  cr_assert_lt(n, (int)size);
  return (size_t)n;
}

/* A process with one exchange whose meanAmount is amount (line 8 of the document). */
static size_t process_with_amount(char *buf, size_t size, const char *amount) {
  int n = snprintf(
      buf, size,
      "<?xml version=\"1.0\"?>\n"
      "<processDataSet xmlns=\"http://lca.jrc.it/ILCD/Process\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
      "<processInformation><dataSetInformation>\n"
      "<common:UUID>11111111-2222-4333-8444-555555555555</common:UUID>\n"
      "</dataSetInformation></processInformation>\n"
      "<exchanges><exchange dataSetInternalID=\"0\">\n"
      "<exchangeDirection>Output</exchangeDirection>\n"
      "<meanAmount>%s</meanAmount>\n"
      "</exchange></exchanges></processDataSet>\n",
      amount);
  cr_assert_lt(n, (int)size);
  return (size_t)n;
}

/* ---- malformed XML ---------------------------------------------------------------------------- */

Test(hostile_xml, unclosed_tag) {
  ilcd_error e = FAILS(
      "<?xml version=\"1.0\"?>\n"
      "<flowDataSet xmlns=\"http://lca.jrc.it/ILCD/Flow\">\n"
      "<flowInformation>\n"
      "<dataSetInformation>\n"
      "</flowInformation>\n",
      ILCD_ERR_XML);
  expect_in(e.message, "malformed XML");
  /* libxml2 reports the mismatch where </flowInformation> closes <dataSetInformation>. */
  cr_expect_eq(e.line, 5, "line %ld", e.line);
}

Test(hostile_xml, bad_encoding) {
  /* Latin-1 bytes in a document that declares UTF-8. */
  ilcd_error e = FAILS(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<contactDataSet xmlns=\"http://lca.jrc.it/ILCD/Contact\">\n"
      "<name>M\xfcller \xe9t\xe9</name>\n"
      "</contactDataSet>\n",
      ILCD_ERR_XML);
  cr_expect_eq(e.line, 3, "line %ld", e.line);
  /* An encoding nobody knows. */
  FAILS("<?xml version=\"1.0\" encoding=\"X-NO-SUCH-ENCODING\"?>\n<contactDataSet/>\n", ILCD_ERR_XML);
  /* A NUL byte inside the document. */
  static const char nul[] = "<?xml version=\"1.0\"?>\n<contactDataSet>\0</contactDataSet>\n";
  fails(nul, sizeof nul - 1, ILCD_ERR_XML);
}

Test(hostile_xml, encoding_errors_reported_not_printed) {
  /* UTF-8 bytes (电力) in a document declared EUC-JP: iconv fails. libxml2 raised that through its
   * global handler, which printed "encoding error : input conversion failed..." on stderr (seen
   * while fuzzing) and left the reader with a misleading "Premature end of data". Now the message
   * is in the error, and a library prints nothing. */
  char path[] = "/tmp/pcf-ilcd-stderr-XXXXXX";
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0);
  fflush(stderr);
  int saved = dup(2);
  cr_assert_geq(saved, 0);
  cr_assert_eq(dup2(fd, 2), 2);
  ilcd_error e = FAILS(
      "<?xml version=\"1.0\" encoding=\"EUC-JP\"?>\n<contactDataSet>\n"
      "\xe7\x94\xb5\xe5\x8a\x9b</contactDataSet>\n",
      ILCD_ERR_XML);
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  struct stat st;
  cr_assert_eq(fstat(fd, &st), 0);
  close(fd);
  unlink(path);
  cr_expect_eq(st.st_size, 0, "%ld bytes written to stderr", (long)st.st_size);
  expect_in(e.message, "conversion failed");
  cr_expect_gt(e.line, 0);
}

Test(hostile_xml, empty_and_blank_documents) {
  /* An empty file is malformed XML, not "out of memory" (that would stop a keep_going load). */
  ilcd_error e = fails("", 0, ILCD_ERR_XML);
  expect_in(e.message, "empty");
  FAILS("   \n\t\n", ILCD_ERR_XML);
  FAILS("\xef\xbb\xbf", ILCD_ERR_XML); /* a byte-order mark and nothing else */
}

Test(hostile_xml, truncated_real_dataset) {
  size_t size;
  char *xml = read_whole(FIXTURES "tiangong/processes/aef876a0-dd1f-4e00-97c5-3e59a0cfb6ac.xml", &size);
  /* Cut in the middle (inside the exchanges), and one byte short of the end. */
  /* The error is at the end of the input: the line of byte size / 2 (88, counting newlines). */
  ilcd_error e = fails(xml, size / 2, ILCD_ERR_XML);
  cr_expect_eq(e.line, 88, "line %ld", e.line);
  cr_expect_str_eq(e.uuid, "aef876a0-dd1f-4e00-97c5-3e59a0cfb6ac");
  fails(xml, size - 3, ILCD_ERR_XML);
  free(xml);
}

Test(hostile_xml, undeclared_entity) {
  ilcd_error e = FAILS("<?xml version=\"1.0\"?>\n<contactDataSet>&nope;</contactDataSet>\n", ILCD_ERR_XML);
  expect_in(e.message, "nope");
}

/* ---- DTDs and entities: refused before anything is declared ------------------------------------ */

Test(hostile_xml, billion_laughs, .timeout = 10) {
  ilcd_error e = FAILS(
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE lolz [\n"
      " <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
      " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
      " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
      " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
      " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
      " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
      " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
      " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
      "]>\n"
      "<contactDataSet xmlns=\"http://lca.jrc.it/ILCD/Contact\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
      "<contactInformation><dataSetInformation>\n"
      "<common:UUID>11111111-2222-4333-8444-555555555555</common:UUID>\n"
      "<common:shortName>&lol9;</common:shortName>\n"
      "</dataSetInformation></contactInformation></contactDataSet>\n",
      ILCD_ERR_XML);
  expect_in(e.message, "document type declaration refused");
  cr_expect_eq(e.line, 2, "line %ld", e.line);
}

Test(hostile_xml, doctype_after_an_error) {
  /* Found by fuzz_ilcd_xml (fuzz/corpus/xml/regress_doctype_after_error.xml, minimised here): a
   * DOCTYPE without a name is an error that silences the SAX callbacks, so on_dtd never refuses
   * it; libxml2 then records the (unterminated) entity declaration in a document of its own, which
   * leaked (the leak check of this suite catches it under ASan). */
  ilcd_error e = FAILS("<?xml version=\"1.0\"?>\n<!DOCTYPE[<!ENTITY lol \"lol", ILCD_ERR_XML);
  cr_expect_eq(e.line, 2);
  expect_in(e.message, "no DOCTYPE name");
  /* The same with the fuzzer's declarations and a reference in content: never expanded. */
  e = FAILS(
      "<?pi?>\n<!DOCTYPE[<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;\">]>\n"
      "<contactDataSet>&lol1;</contactDataSet>\n",
      ILCD_ERR_XML);
  cr_expect_null(strstr(e.message, "lollol"));
}

Test(hostile_xml, external_file_entity_not_read) {
  make_tmpdir();
  const char *secret = tmp("secret.txt");
  write_file(secret, "PCF-SECRET-1234", 15);
  char xml[1024];
  int n = snprintf(
      xml, sizeof xml,
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE contactDataSet [ <!ENTITY xxe SYSTEM \"file://%s\"> ]>\n"
      "<contactDataSet xmlns=\"http://lca.jrc.it/ILCD/Contact\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
      "<contactInformation><dataSetInformation>\n"
      "<common:UUID>11111111-2222-4333-8444-555555555555</common:UUID>\n"
      "<common:shortName>&xxe;</common:shortName>\n"
      "</dataSetInformation></contactInformation></contactDataSet>\n",
      secret);
  ilcd_error e = fails(xml, (size_t)n, ILCD_ERR_XML);
  expect_in(e.message, "document type declaration refused");
  cr_expect_null(strstr(e.message, "PCF-SECRET"));
  /* The classic form too, naming /etc/passwd as the external subset. */
  e = FAILS(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE contactDataSet SYSTEM \"file:///etc/passwd\">\n"
      "<contactDataSet/>\n",
      ILCD_ERR_XML);
  expect_in(e.message, "document type declaration refused");
  cr_expect_null(strstr(e.message, "root:"));
  remove_tmpdir();
  leak_check();
}

Test(hostile_xml, external_http_entity_not_fetched, .timeout = 10) {
  /* A listening socket on the loopback: if the parser fetched the DTD or the entity, a connection
   * would be waiting in its backlog afterwards. */
  int s = socket(AF_INET, SOCK_STREAM, 0);
  cr_assert_geq(s, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  cr_assert_eq(bind(s, (struct sockaddr *)&a, sizeof a), 0);
  cr_assert_eq(listen(s, 4), 0);
  socklen_t len = sizeof a;
  cr_assert_eq(getsockname(s, (struct sockaddr *)&a, &len), 0);
  int port = ntohs(a.sin_port);
  char xml[3][1024];
  int n[3];
  n[0] = snprintf(xml[0], sizeof xml[0],
                  "<?xml version=\"1.0\"?>\n<!DOCTYPE contactDataSet SYSTEM \"http://127.0.0.1:%d/x.dtd\">\n"
                  "<contactDataSet/>\n",
                  port);
  n[1] = snprintf(xml[1], sizeof xml[1],
                  "<?xml version=\"1.0\"?>\n<!DOCTYPE c [ <!ENTITY %% ext SYSTEM \"http://127.0.0.1:%d/e\"> %%ext; ]>\n"
                  "<contactDataSet/>\n",
                  port);
  n[2] = snprintf(xml[2], sizeof xml[2],
                  "<?xml version=\"1.0\"?>\n<!DOCTYPE c [ <!ENTITY e SYSTEM \"http://127.0.0.1:%d/e\"> ]>\n"
                  "<contactDataSet>&e;</contactDataSet>\n",
                  port);
  for (int i = 0; i < 3; i++) {
    ilcd_error e = fails(xml[i], (size_t)n[i], ILCD_ERR_XML);
    expect_in(e.message, "document type declaration refused");
  }
  cr_assert_eq(fcntl(s, F_SETFL, O_NONBLOCK), 0);
  int c = accept(s, NULL, NULL);
  cr_expect_lt(c, 0, "the parser connected to the entity's URL");
  cr_expect(errno == EAGAIN || errno == EWOULDBLOCK);
  if (c >= 0) close(c);
  close(s);
}

/* ---- absurd content ----------------------------------------------------------------------------- */

Test(hostile_xml, absurd_numbers) {
  static const char *bad[] = {"1e400", "-1e400", "NaN", "nan", "inf", "-Infinity", "12abc", "1e31",
                              "-2e30", "0x1p3",  "1,5", "",    "  ",  "1.2.3",     "--1",   "1e"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char xml[1024];
    size_t n = process_with_amount(xml, sizeof xml, bad[i]);
    ilcd_error e = fails(xml, n, ILCD_ERR_DATA);
    cr_expect_eq(e.line, 8, "\"%s\": line %ld", bad[i], e.line);
    cr_expect_str_eq(e.uuid, "11111111-2222-4333-8444-555555555555", "\"%s\"", bad[i]);
    expect_in(e.message, "meanAmount");
  }
  /* The limits themselves, and forms xs:double allows, are fine. */
  static const char *good[] = {"1e30", "-1e30", " 3.5 ", "1E-5", "+2", "1e-400" /* underflows to 0 */};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    char xml[1024];
    size_t n = process_with_amount(xml, sizeof xml, good[i]);
    ilcd_db *db;
    ilcd_error err = {0};
    cr_assert_eq(ilcd_db_new(&db), 0);
    cr_expect_eq(ilcd_db_load_memory(db, "ok.xml", xml, n, &err), 0, "\"%s\": %s", good[i], err.message);
    ilcd_db_free(db);
  }
}

Test(hostile_xml, missing_or_bad_uuid) {
  ilcd_error e = FAILS(
      "<?xml version=\"1.0\"?>\n"
      "<contactDataSet xmlns=\"http://lca.jrc.it/ILCD/Contact\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
      "<contactInformation><dataSetInformation>\n"
      "<common:shortName>nobody</common:shortName>\n"
      "</dataSetInformation></contactInformation></contactDataSet>\n",
      ILCD_ERR_DATA);
  expect_in(e.message, "no UUID");
  e = FAILS(
      "<contactDataSet xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><contactInformation><dataSetInformation>\n"
      "<common:UUID>#REF!</common:UUID></dataSetInformation></contactInformation></contactDataSet>",
      ILCD_ERR_DATA);
  expect_in(e.message, "#REF!");
  cr_expect_eq(e.line, 2);
  e = FAILS(
      "<contactDataSet xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><contactInformation><dataSetInformation>"
      "<common:UUID>11111111-2222-4333-8444-555555555555</common:UUID>"
      "<common:UUID>11111111-2222-4333-8444-555555555556</common:UUID>"
      "</dataSetInformation></contactInformation></contactDataSet>",
      ILCD_ERR_DATA);
  expect_in(e.message, "two UUIDs");
}

Test(hostile_xml, empty_first_captured_element) {
  /* The first element whose text a fresh database captures is empty: <common:UUID/> and
   * <common:UUID></common:UUID> (no text buffer exists yet). */
  ilcd_error e = FAILS(
      "<contactDataSet xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><contactInformation>"
      "<dataSetInformation><common:UUID/></dataSetInformation></contactInformation></contactDataSet>",
      ILCD_ERR_DATA);
  expect_in(e.message, "not a UUID");
  FAILS(
      "<contactDataSet xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><contactInformation>"
      "<dataSetInformation><common:UUID></common:UUID></dataSetInformation></contactInformation></contactDataSet>",
      ILCD_ERR_DATA);
}

Test(hostile_xml, bad_direction_and_internal_id) {
  ilcd_error e = FAILS(
      "<processDataSet xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><processInformation><dataSetInformation>\n"
      "<common:UUID>11111111-2222-4333-8444-555555555555</common:UUID></dataSetInformation></processInformation>\n"
      "<exchanges><exchange dataSetInternalID=\"3\"><exchangeDirection>Sideways</exchangeDirection>\n"
      "<meanAmount>1</meanAmount></exchange></exchanges></processDataSet>",
      ILCD_ERR_DATA);
  expect_in(e.message, "Sideways");
  cr_expect_eq(e.line, 3);
  e = FAILS(
      "<processDataSet xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><processInformation><dataSetInformation>\n"
      "<common:UUID>11111111-2222-4333-8444-555555555555</common:UUID></dataSetInformation></processInformation>\n"
      "<exchanges><exchange dataSetInternalID=\"99999999999999999999\"><exchangeDirection>Input</exchangeDirection>\n"
      "<meanAmount>1</meanAmount></exchange></exchanges></processDataSet>",
      ILCD_ERR_DATA);
  expect_in(e.message, "dataSetInternalID");
}

Test(hostile_xml, stray_short_description_in_a_factor) {
  /* A shortDescription directly inside the 42nd factor (not in its referenceToFlowDataSet) was
   * stored through a pointer to the first factor's reference, into the array that 41 more factors
   * had since moved: a heap-use-after-free under ASan (found by review, then reproduced; input in
   * fuzz/corpus/xml/regress_factor_stale_ref.xml). Now it is ignored and the method loads. */
  size_t size;
  char *xml = NULL;
  {
    char head[] =
        "<LCIAMethodDataSet xmlns=\"http://lca.jrc.it/ILCD/LCIAMethod\" "
        "xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><LCIAMethodInformation><dataSetInformation>"
        "<common:UUID>11111111-2222-4333-8444-555555555555</common:UUID></dataSetInformation>"
        "</LCIAMethodInformation><characterisationFactors>\n"
        "<factor><referenceToFlowDataSet refObjectId=\"11111111-2222-4333-8444-000000000000\">"
        "<common:shortDescription>first</common:shortDescription></referenceToFlowDataSet>"
        "<exchangeDirection>Output</exchangeDirection><meanValue>1</meanValue></factor>\n";
    char plain[] = "<factor><exchangeDirection>Output</exchangeDirection><meanValue>2</meanValue></factor>\n";
    char stray[] =
        "<factor><common:shortDescription>stray</common:shortDescription>"
        "<exchangeDirection>Output</exchangeDirection><meanValue>3</meanValue></factor>\n"
        "</characterisationFactors></LCIAMethodDataSet>\n";
    xml = malloc(sizeof head + 40 * sizeof plain + sizeof stray);
    size = (size_t)sprintf(xml, "%s", head);
    for (int i = 0; i < 40; i++) size += (size_t)sprintf(xml + size, "%s", plain);
    size += (size_t)sprintf(xml + size, "%s", stray);
  }
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_assert_eq(ilcd_db_load_memory(db, "stray.xml", xml, size, &err), 0, "%s", err.message);
  const ilcd_lcia_method *m = ilcd_db_lcia_method_at(db, 0);
  cr_assert_eq(m->n_factors, 42);
  cr_expect_str_eq(m->factors[0].flow.text, "first");
  cr_expect_str_eq(m->factors[41].flow.text, "");
  cr_expect_eq(m->factors[41].mean_value, 3);
  ilcd_db_free(db);
  free(xml);
  leak_check();
}

static char *nested(int depth, size_t *size) {
  size_t cap = (size_t)depth * 8 + 256;
  char *xml = malloc(cap);
  size_t n = (size_t)sprintf(xml, "<?xml version=\"1.0\"?>\n<flowDataSet>\n");
  for (int i = 0; i < depth; i++) n += (size_t)sprintf(xml + n, "<a>");
  for (int i = 0; i < depth; i++) n += (size_t)sprintf(xml + n, "</a>");
  n += (size_t)sprintf(xml + n, "</flowDataSet>\n");
  *size = n;
  return xml;
}

Test(hostile_xml, nesting_deeper_than_limit) {
  size_t size;
  char *xml = nested(5000, &size);
  ilcd_error e = fails(xml, size, ILCD_ERR_XML);
  cr_expect_eq(e.line, 3);
  free(xml);
  /* A lower limit set by the caller: 40 levels pass the default, fail a limit of 32. */
  xml = nested(40, &size);
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_options o = {.max_depth = 32};
  ilcd_db_set_options(db, &o);
  cr_expect_eq(ilcd_db_load_memory(db, "deep.xml", xml, size, &err), ILCD_ERR_XML);
  expect_in(err.message, "nested deeper than 32");
  cr_expect_eq(err.line, 3);
  ilcd_db_free(db);
  cr_assert_eq(ilcd_db_new(&db), 0);
  /* Default limit: the document parses (no UUID then, so a data error, not an XML one). */
  cr_expect_eq(ilcd_db_load_memory(db, "deep.xml", xml, size, &err), ILCD_ERR_DATA, "%s", err.message);
  ilcd_db_free(db);
  free(xml);
}

Test(hostile_xml, huge_text_is_bounded) {
  /* 4 MiB of text in a captured element: kept up to the 1 MiB bound, no error, no blow-up. */
  size_t big = 4u << 20;
  char *xml = malloc(big + 1024);
  int n = sprintf(xml,
                  "<contactDataSet xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><contactInformation>"
                  "<dataSetInformation><common:UUID>11111111-2222-4333-8444-555555555555</common:UUID>"
                  "<common:shortName>");
  memset(xml + n, 'x', big);
  n += (int)big;
  n += sprintf(xml + n, "</common:shortName></dataSetInformation></contactInformation></contactDataSet>");
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_assert_eq(ilcd_db_load_memory(db, "big.xml", xml, (size_t)n, &err), 0, "%s", err.message);
  cr_expect_eq(strlen(ilcd_db_contact_at(db, 0)->name), 1u << 20);
  ilcd_db_free(db);
  free(xml);
}

Test(hostile_xml, non_dataset_root_is_skipped) {
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  static const char xml[] = "<?xml version=\"1.0\"?>\n<CategorySystem><categories/></CategorySystem>\n";
  cr_expect_eq(ilcd_db_load_memory(db, "cats.xml", xml, sizeof xml - 1, &err), 0, "%s", err.message);
  cr_expect_eq(total_datasets(db), 0);
  ilcd_db_free(db);
}

/* ---- folders ------------------------------------------------------------------------------------ */

Test(hostile_folder, keep_going_records_and_goes_on) {
  make_tmpdir();
  char xml[1024];
  cr_assert_eq(mkdir(tmp("ILCD"), 0755), 0);
  cr_assert_eq(mkdir(tmp("ILCD/contacts"), 0755), 0);
  size_t n = contact(xml, sizeof xml, "11111111-2222-4333-8444-000000000001", "first");
  write_file(tmp("ILCD/contacts/a.xml"), xml, n);
  write_file(tmp("ILCD/contacts/b.xml"), "<contactDataSet>\n<oops>\n</contactDataSet>\n", 42);
  write_file(tmp("ILCD/contacts/c.xml"), "", 0); /* empty */
  n = contact(xml, sizeof xml, "11111111-2222-4333-8444-000000000002", "second");
  write_file(tmp("ILCD/contacts/d.xml"), xml, n);

  /* Default: loading stops at b.xml, naming it and the line; a.xml stays loaded. */
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load(db, tmp("ILCD"), &err), ILCD_ERR_XML);
  cr_expect_str_eq(err.path, tmp("ILCD/contacts/b.xml"));
  cr_expect_eq(err.line, 3);
  cr_expect_eq(ilcd_db_count(db, ILCD_CONTACT), 1);
  ilcd_db_free(db);

  /* keep_going: both bad files recorded, both good ones loaded. */
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_options o = {.keep_going = 1};
  ilcd_db_set_options(db, &o);
  memset(&err, 0, sizeof err);
  cr_expect_eq(ilcd_db_load(db, tmp("ILCD"), &err), 0, "%s: %s", err.path, err.message);
  cr_expect_eq(ilcd_db_count(db, ILCD_CONTACT), 2);
  cr_assert_eq(ilcd_db_file_error_count(db), 2);
  const ilcd_error *e1 = ilcd_db_file_error(db, 0), *e2 = ilcd_db_file_error(db, 1);
  cr_expect_str_eq(e1->path, tmp("ILCD/contacts/b.xml"));
  cr_expect_eq(e1->code, ILCD_ERR_XML);
  cr_expect_eq(e1->line, 3);
  cr_expect_str_eq(e2->path, tmp("ILCD/contacts/c.xml"));
  cr_expect_eq(e2->code, ILCD_ERR_XML);
  cr_expect_null(ilcd_db_file_error(db, 2));
  ilcd_db_free(db);
  remove_tmpdir();
  leak_check();
}

Test(hostile_folder, symlink_loop_and_oversized_file) {
  make_tmpdir();
  cr_assert_eq(mkdir(tmp("d"), 0755), 0);
  cr_assert_eq(symlink(tmpdir, tmp("d/loop")), 0); /* points back up: never followed */
  char xml[1024];
  size_t n = contact(xml, sizeof xml, "11111111-2222-4333-8444-000000000001", "a contact with a long name");
  write_file(tmp("d/big.xml"), xml, n);
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load(db, tmp("d"), &err), 0, "%s", err.message);
  cr_expect_eq(ilcd_db_count(db, ILCD_CONTACT), 1);
  ilcd_db_free(db);
  /* A file over max_entry_bytes is an I/O error naming it, before any byte is parsed. */
  cr_assert_eq(ilcd_db_new(&db), 0);
  ilcd_options o = {.max_entry_bytes = 100};
  ilcd_db_set_options(db, &o);
  cr_expect_eq(ilcd_db_load(db, tmp("d"), &err), ILCD_ERR_IO);
  cr_expect_str_eq(err.path, tmp("d/big.xml"));
  expect_in(err.message, "limit");
  cr_expect_eq(ilcd_db_xml_bytes(db), 0);
  ilcd_db_free(db);
  /* A path that does not exist. */
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load(db, tmp("nowhere"), &err), ILCD_ERR_IO);
  cr_expect_str_eq(err.path, tmp("nowhere"));
  ilcd_db_free(db);
  remove_tmpdir();
  leak_check();
}

/* ---- zip archives ------------------------------------------------------------------------------- */

typedef struct entry {
  const char *name;
  const void *data;
  size_t size;
  int stored; /* 1: no compression (method 0), so data bytes can be found and patched */
} entry;

static void write_zip(const char *path, const entry *entries, size_t n) {
  zipFile zf = zipOpen64(path, APPEND_STATUS_CREATE);
  cr_assert_not_null(zf, "zipOpen64 %s", path);
  for (size_t i = 0; i < n; i++) {
    zip_fileinfo zi = {0};
    int method = entries[i].stored ? 0 : Z_DEFLATED;
    int level = entries[i].stored ? 0 : Z_BEST_COMPRESSION;
    cr_assert_eq(zipOpenNewFileInZip64(zf, entries[i].name, &zi, NULL, 0, NULL, 0, NULL, method, level, 0), ZIP_OK);
    cr_assert_eq(zipWriteInFileInZip(zf, entries[i].data, (unsigned)entries[i].size), ZIP_OK);
    cr_assert_eq(zipCloseFileInZip(zf), ZIP_OK);
  }
  cr_assert_eq(zipClose(zf, NULL), ZIP_OK);
}

static int load_zip(const char *path, const ilcd_options *o, ilcd_error *err, ilcd_db **out) {
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  if (o) ilcd_db_set_options(db, o);
  memset(err, 0, sizeof *err);
  int rc = ilcd_db_load(db, path, err);
  if (out)
    *out = db;
  else
    ilcd_db_free(db);
  return rc;
}

/* Offsets of every local (PK\3\4) or central (PK\1\2) header in a zip image. */
static size_t find_headers(const unsigned char *zip, size_t size, const char sig[4], size_t *at, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i + 4 <= size && n < max; i++)
    if (memcmp(zip + i, sig, 4) == 0) at[n++] = i;
  return n;
}

static void put32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8), p[2] = (unsigned char)(v >> 16),
  p[3] = (unsigned char)(v >> 24);
}

Test(hostile_zip, entry_names_escaping_the_folder) {
  make_tmpdir();
  char xml[1024];
  size_t n = contact(xml, sizeof xml, "11111111-2222-4333-8444-000000000001", "x");
  static const char *names[] = {"../evil.xml",  "/abs.xml",    "ILCD/../../evil.xml",
                                "..\\evil.xml", "C:/evil.xml", "ILCD/contacts/.."};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    entry e[2] = {{"ILCD/contacts/ok.xml", xml, n, 0}, {names[i], xml, n, 0}};
    write_zip(tmp("evil.zip"), e, 2);
    ilcd_error err;
    ilcd_options keep = {.keep_going = 1};
    /* Hostile archives are errors even under keep_going. */
    cr_expect_eq(load_zip(tmp("evil.zip"), &keep, &err, NULL), ILCD_ERR_ARCHIVE, "%s", names[i]);
    char where[512];
    snprintf(where, sizeof where, "%s:%s", tmp("evil.zip"), names[i]);
    cr_expect_str_eq(err.path, where);
    expect_in(err.message, "escapes");
  }
  /* Names that merely contain dots are fine. */
  entry ok[1] = {{"ILCD/contacts/..hidden..xml", xml, n, 0}};
  write_zip(tmp("ok.zip"), ok, 1);
  ilcd_error err;
  cr_expect_eq(load_zip(tmp("ok.zip"), NULL, &err, NULL), 0, "%s", err.message);
  remove_tmpdir();
  leak_check();
}

Test(hostile_zip, bomb_ratio_and_size_limits) {
  make_tmpdir();
  /* 8 MiB of blanks inside a valid document deflates about 1000:1. */
  size_t size = 8u << 20;
  char *bomb = malloc(size);
  memset(bomb, ' ', size);
  /* The root is no dataset kind: parsed, then skipped without error. */
  static const char head[] = "<padding>", tail[] = "</padding>";
  memcpy(bomb, head, sizeof head - 1);
  memcpy(bomb + size - (sizeof tail - 1), tail, sizeof tail - 1);
  entry e[1] = {{"ILCD/contacts/bomb.xml", bomb, size, 0}};
  write_zip(tmp("bomb.zip"), e, 1);
  struct stat st;
  cr_assert_eq(stat(tmp("bomb.zip"), &st), 0);
  cr_assert_lt(st.st_size, 20000, "the bomb compressed to %ld bytes", (long)st.st_size);
  ilcd_error err;
  ilcd_db *db;
  /* Ratio limit 100: refused before inflating a byte. */
  ilcd_options ratio = {.max_ratio = 100};
  cr_expect_eq(load_zip(tmp("bomb.zip"), &ratio, &err, &db), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "ratio");
  expect_in(err.path, "bomb.zip:ILCD/contacts/bomb.xml");
  cr_expect_eq(ilcd_db_xml_bytes(db), 0);
  ilcd_db_free(db);
  /* Entry size limit 1 MiB. */
  ilcd_options entry_limit = {.max_entry_bytes = 1u << 20, .max_ratio = 100000};
  cr_expect_eq(load_zip(tmp("bomb.zip"), &entry_limit, &err, NULL), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "limit");
  /* Total limit 20 MiB over three copies of the 8 MiB entry. */
  entry three[3] = {{"a.xml", bomb, size, 0}, {"b.xml", bomb, size, 0}, {"c.xml", bomb, size, 0}};
  write_zip(tmp("three.zip"), three, 3);
  ilcd_options total = {.max_total_bytes = 20u << 20, .max_ratio = 100000};
  cr_expect_eq(load_zip(tmp("three.zip"), &total, &err, &db), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "archive inflates past");
  expect_in(err.path, "three.zip:c.xml");
  cr_expect_eq(ilcd_db_xml_bytes(db), 2 * size); /* a and b were parsed (not datasets: no UUID) */
  ilcd_db_free(db);
  free(bomb);
  remove_tmpdir();
  leak_check();
}

Test(hostile_zip, header_lying_about_size) {
  /* The central and local headers declare 100 bytes for an entry that inflates to much more: the
   * reader stops at the declared size and the CRC no longer matches. Then the same entry declaring
   * a ratio bomb's size with a tiny compressed size. */
  make_tmpdir();
  char xml[1024];
  size_t n = contact(xml, sizeof xml, "11111111-2222-4333-8444-000000000001", "liar");
  entry e[1] = {{"c.xml", xml, n, 0}};
  write_zip(tmp("liar.zip"), e, 1);
  size_t size;
  unsigned char *zip = (unsigned char *)read_whole(tmp("liar.zip"), &size);
  size_t local[4], central[4];
  cr_assert_eq(find_headers(zip, size, "PK\3\4", local, 4), 1);
  cr_assert_eq(find_headers(zip, size, "PK\1\2", central, 4), 1);
  put32(zip + local[0] + 22, 100);
  put32(zip + central[0] + 24, 100);
  write_file(tmp("liar.zip"), zip, size);
  ilcd_error err;
  cr_expect_eq(load_zip(tmp("liar.zip"), NULL, &err, NULL), ILCD_ERR_ARCHIVE, "%s", err.message);
  expect_in(err.path, "liar.zip:c.xml");
  /* Declared 512 MiB: over the default 256 MiB entry limit, refused before any allocation. */
  put32(zip + local[0] + 22, 512u << 20);
  put32(zip + central[0] + 24, 512u << 20);
  write_file(tmp("liar.zip"), zip, size);
  cr_expect_eq(load_zip(tmp("liar.zip"), NULL, &err, NULL), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "limit");
  /* Declared 200 MiB from 1 MiB compressed (a ratio of 200, within limits) in a 299-byte archive:
   * the compressed size cannot be, so nothing is allocated for the 200 MiB. */
  put32(zip + local[0] + 22, 200u << 20);
  put32(zip + central[0] + 24, 200u << 20);
  put32(zip + local[0] + 18, 1u << 20);
  put32(zip + central[0] + 20, 1u << 20);
  write_file(tmp("liar.zip"), zip, size);
  cr_expect_eq(load_zip(tmp("liar.zip"), NULL, &err, NULL), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "more than the archive");
  free(zip);
  remove_tmpdir();
  leak_check();
}

Test(hostile_zip, truncated_archive) {
  make_tmpdir();
  size_t size;
  char *xml = read_whole(FIXTURES "tiangong/processes/aef876a0-dd1f-4e00-97c5-3e59a0cfb6ac.xml", &size);
  entry e[2] = {{"ILCD/processes/p.xml", xml, size, 0}, {"ILCD/processes/q.xml", xml, size, 0}};
  write_zip(tmp("full.zip"), e, 2);
  size_t zsize;
  char *zip = read_whole(tmp("full.zip"), &zsize);
  /* Without its end: no central directory. */
  size_t cuts[] = {zsize / 2, zsize - 10, 30, 4};
  for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
    write_file(tmp("cut.zip"), zip, cuts[i]);
    ilcd_error err;
    cr_expect_eq(load_zip(tmp("cut.zip"), NULL, &err, NULL), ILCD_ERR_ARCHIVE, "cut at %zu", cuts[i]);
    cr_expect_str_eq(err.path, tmp("cut.zip"));
  }
  /* With its central directory but an entry's data cut out from the middle. */
  char *holed = malloc(zsize);
  memcpy(holed, zip, zsize);
  memset(holed + 200, 0, 2000);
  write_file(tmp("holed.zip"), holed, zsize);
  ilcd_error err;
  cr_expect_eq(load_zip(tmp("holed.zip"), NULL, &err, NULL), ILCD_ERR_ARCHIVE, "%s", err.message);
  expect_in(err.path, "holed.zip:ILCD/processes/p.xml");
  free(holed);
  /* A file named .zip that is not one. */
  write_file(tmp("not.zip"), xml, size);
  cr_expect_eq(load_zip(tmp("not.zip"), NULL, &err, NULL), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "not a readable zip");
  free(zip);
  free(xml);
  remove_tmpdir();
  leak_check();
}

Test(hostile_zip, corrupted_crc) {
  make_tmpdir();
  char xml[1024];
  size_t n = contact(xml, sizeof xml, "11111111-2222-4333-8444-000000000001", "crc victim");
  entry e[1] = {{"ILCD/contacts/c.xml", xml, n, 1}}; /* stored: the XML bytes are in the file */
  write_zip(tmp("crc.zip"), e, 1);
  size_t size;
  char *zip = read_whole(tmp("crc.zip"), &size);
  char *victim = NULL;
  for (size_t i = 0; i + 10 <= size && !victim; i++)
    if (memcmp(zip + i, "crc victim", 10) == 0) victim = zip + i;
  cr_assert_not_null(victim);
  victim[0] = 'C'; /* still well-formed XML: only the CRC can tell */
  write_file(tmp("crc.zip"), zip, size);
  ilcd_error err;
  ilcd_db *db;
  cr_expect_eq(load_zip(tmp("crc.zip"), NULL, &err, &db), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "CRC");
  expect_in(err.path, "crc.zip:ILCD/contacts/c.xml");
  cr_expect_eq(total_datasets(db), 0);
  ilcd_db_free(db);
  free(zip);
  remove_tmpdir();
  leak_check();
}

Test(hostile_zip, keep_going_skips_bad_entries) {
  make_tmpdir();
  char a[1024], d[1024];
  size_t na = contact(a, sizeof a, "11111111-2222-4333-8444-000000000001", "first");
  size_t nd = contact(d, sizeof d, "11111111-2222-4333-8444-000000000002", "second");
  static const char bad[] = "<contactDataSet>\n<unclosed>\n</contactDataSet>\n";
  static const char nan[] =
      "<processDataSet xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><processInformation><dataSetInformation>"
      "<common:UUID>11111111-2222-4333-8444-000000000003</common:UUID></dataSetInformation></processInformation>\n"
      "<exchanges><exchange><exchangeDirection>Input</exchangeDirection><meanAmount>NaN</meanAmount>"
      "</exchange></exchanges></processDataSet>";
  entry e[4] = {{"ILCD/contacts/a.xml", a, na, 0},
                {"ILCD/contacts/b.xml", bad, sizeof bad - 1, 0},
                {"ILCD/processes/p.xml", nan, sizeof nan - 1, 0},
                {"ILCD/contacts/d.xml", d, nd, 0}};
  write_zip(tmp("mixed.zip"), e, 4);
  ilcd_error err;
  ilcd_db *db;
  ilcd_options keep = {.keep_going = 1};
  cr_expect_eq(load_zip(tmp("mixed.zip"), &keep, &err, &db), 0, "%s", err.message);
  cr_expect_eq(ilcd_db_count(db, ILCD_CONTACT), 2);
  cr_expect_eq(ilcd_db_count(db, ILCD_PROCESS), 0);
  cr_assert_eq(ilcd_db_file_error_count(db), 2);
  const ilcd_error *e1 = ilcd_db_file_error(db, 0), *e2 = ilcd_db_file_error(db, 1);
  expect_in(e1->path, "mixed.zip:ILCD/contacts/b.xml");
  cr_expect_eq(e1->code, ILCD_ERR_XML);
  cr_expect_eq(e1->line, 3);
  expect_in(e2->path, "mixed.zip:ILCD/processes/p.xml");
  cr_expect_eq(e2->code, ILCD_ERR_DATA);
  cr_expect_eq(e2->line, 2);
  cr_expect_str_eq(e2->uuid, "11111111-2222-4333-8444-000000000003");
  ilcd_db_free(db);
  /* Without keep_going the first bad entry stops the load. */
  cr_expect_eq(load_zip(tmp("mixed.zip"), NULL, &err, &db), ILCD_ERR_XML);
  expect_in(err.path, "mixed.zip:ILCD/contacts/b.xml");
  cr_expect_eq(ilcd_db_count(db, ILCD_CONTACT), 1);
  ilcd_db_free(db);
  remove_tmpdir();
  leak_check();
}

Test(hostile_zip, zip_by_content_without_extension) {
  /* ilcd_db_load recognises an archive by its PK\3\4 signature whatever its name. */
  make_tmpdir();
  char a[1024];
  size_t na = contact(a, sizeof a, "11111111-2222-4333-8444-000000000001", "first");
  entry e[1] = {{"ILCD/contacts/a.xml", a, na, 0}};
  write_zip(tmp("package.ilcd"), e, 1);
  ilcd_error err;
  ilcd_db *db;
  cr_expect_eq(load_zip(tmp("package.ilcd"), NULL, &err, &db), 0, "%s", err.message);
  cr_expect_eq(ilcd_db_count(db, ILCD_CONTACT), 1);
  ilcd_db_free(db);
  remove_tmpdir();
  leak_check();
}

Test(hostile_zip, long_entry_names) {
  /* Entry names of 1,023 bytes and more: a fixed 1,024-byte name buffer once overflowed (minizip
   * does not terminate a name that fills its buffer) and, without ASan, silently skipped the
   * entry. The zip format allows 65,535 bytes; every such entry must load like a short one. */
  make_tmpdir();
  char xml[1024];
  size_t n = contact(xml, sizeof xml, "11111111-2222-4333-8444-000000000001", "long");
  static const size_t lengths[] = {1023, 1024, 1025, 4096, 65535};
  for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
    size_t len = lengths[i];
    char *name = malloc(len + 1);
    memcpy(name, "ILCD/contacts/", 14);
    memset(name + 14, 'a', len - 14 - 4);
    memcpy(name + len - 4, ".xml", 5);
    cr_assert_eq(strlen(name), len);
    entry e[1] = {{name, xml, n, 0}};
    write_zip(tmp("long.zip"), e, 1);
    ilcd_error err;
    ilcd_db *db;
    cr_expect_eq(load_zip(tmp("long.zip"), NULL, &err, &db), 0, "%zu bytes: %s", len, err.message);
    cr_expect_eq(ilcd_db_count(db, ILCD_CONTACT), 1, "a %zu-byte entry name: the entry was skipped", len);
    ilcd_db_free(db);
    free(name);
  }
  remove_tmpdir();
  leak_check();
}

Test(hostile_zip, nul_byte_in_entry_name) {
  /* "ILCD/a.xml\0/../../x.xml" would read as "ILCD/a.xml" to C string functions while the archive
   * names something else: refused. The NUL is patched into both headers of a stored archive. */
  make_tmpdir();
  char xml[1024];
  size_t n = contact(xml, sizeof xml, "11111111-2222-4333-8444-000000000001", "nul");
  entry e[1] = {{"ILCD/contacts/a.xml#/../../x.xml", xml, n, 1}};
  write_zip(tmp("nul.zip"), e, 1);
  size_t size;
  char *zip = read_whole(tmp("nul.zip"), &size);
  int patched = 0;
  for (size_t i = 0; i + 5 <= size; i++)
    if (memcmp(zip + i, ".xml#", 5) == 0) zip[i + 4] = '\0', patched++;
  cr_assert_eq(patched, 2, "the name is in the local and the central header");
  write_file(tmp("nul.zip"), zip, size);
  ilcd_error err;
  ilcd_options keep = {.keep_going = 1};
  cr_expect_eq(load_zip(tmp("nul.zip"), &keep, &err, NULL), ILCD_ERR_ARCHIVE);
  expect_in(err.message, "NUL");
  expect_in(err.path, "nul.zip:ILCD/contacts/a.xml");
  free(zip);
  remove_tmpdir();
  leak_check();
}
