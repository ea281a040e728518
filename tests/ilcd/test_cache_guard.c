/* test_cache_guard.c: the binary cache is not an attack surface, and no data path blocks (issue 14
 * section 4; ilcd/cache.h, ilcd_db_load in ilcd/ilcd.h).
 * - A symbolic link planted at the temporary name the cache writer once used (<file>.tmp<pid>) or
 *   at the cache file itself is never written through: the file it points at stays as it was.
 * - A cache folder writable by its group or others is refused; one created by the loader is 0700.
 * - A cache of source B, copied under source A's name with its key patched to A's, is refused:
 *   the load is a miss and gives A's data (cache.h: the CRC covers the key).
 * - A FIFO in place of a cache file, or given as ILCD data (.zip, .xml or no extension), and a
 *   character device given as data, are refused at once instead of blocking; a FIFO inside a
 *   folder is skipped; also through the pcf command (--data).
 * The sources are one-dataset folders written here (an ILCD source data set whose shortName says
 * which source it is); the expected names are the ones written. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ilcd/cache.h>
#include <ilcd/ilcd.h>

#include "cache_format.h"
#include "../scratch_base.h"

static const char SOURCE_FMT[] =
    "<?xml version=\"1.0\"?>\n"
    "<sourceDataSet xmlns=\"http://lca.jrc.it/ILCD/Source\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
    " <sourceInformation><dataSetInformation>\n"
    "  <common:UUID>%s</common:UUID>\n"
    "  <common:shortName xml:lang=\"en\">%s</common:shortName>\n"
    " </dataSetInformation></sourceInformation>\n"
    " <administrativeInformation><publicationAndOwnership>\n"
    "  <common:dataSetVersion>01.00.000</common:dataSetVersion>\n"
    " </publicationAndOwnership></administrativeInformation>\n"
    "</sourceDataSet>\n";

static char root[64];

static void make_root(void) {
  snprintf(root, sizeof root, "%s/pcf-cache-guard-XXXXXX", scratch_base());
  cr_assert(mkdtemp(root));
}

static void remove_root(void) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", root, root);
  cr_expect_eq(system(cmd), 0);
}

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert(f, "%s", path);
  fputs(text, f);
  cr_assert_eq(fclose(f), 0);
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  cr_assert(f, "%s", path);
  char *text = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&text, &n);
  int c;
  while ((c = fgetc(f)) != EOF) fputc(c, m);
  fclose(f);
  fclose(m);
  return text;
}

/* root/name: a folder holding one source data set named name. */
static void source_folder(const char *name, const char *uuid, char *out, size_t size) {
  snprintf(out, size, "%s/%s", root, name);
  cr_assert_eq(mkdir(out, 0700), 0);
  char path[256], xml[1024];
  snprintf(path, sizeof path, "%s/source.xml", out);
  snprintf(xml, sizeof xml, SOURCE_FMT, uuid, name);
  write_text(path, xml);
}

/* Loads source through the cache in cache_dir; returns the status, the hit flag and the name of
 * the one source data set loaded ("" when none). */
static int load(const char *source, const char *cache_dir, int *hit, char *name, size_t size, ilcd_error *err) {
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  *hit = -1;
  int rc = ilcd_db_load_cached(db, source, cache_dir, hit, err);
  const ilcd_named *s = ilcd_db_count(db, ILCD_SOURCE) == 1 ? ilcd_db_source_at(db, 0) : NULL;
  snprintf(name, size, "%s", s ? s->name : "");
  ilcd_db_free(db);
  return rc;
}

/* cache_dir/<key of source>.ilcdc */
static void cache_path(const char *source, const char *cache_dir, char *out, size_t size, uint8_t key[32]) {
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_assert_eq(ilcd_cache_key(db, source, key, &err), 0, "%s", err.message);
  ilcd_db_free(db);
  int n = snprintf(out, size, "%s/", cache_dir);
  for (int i = 0; i < 32; i++) n += snprintf(out + n, size - (size_t)n, "%02x", key[i]);
  snprintf(out + n, size - (size_t)n, "%s", ILCD_CACHE_SUFFIX);
}

/* ---- planted links ------------------------------------------------------------------------------ */

Test(cache_guard, a_link_planted_at_the_temporary_or_the_cache_name_is_not_written_through) {
  make_root();
  char src[128], cache[128], file[256], link[300], precious[128], name[64];
  source_folder("alpha", "5d8c535d-4941-4498-b515-46e26185dbef", src, sizeof src);
  snprintf(cache, sizeof cache, "%s/cache", root);
  cr_assert_eq(mkdir(cache, 0700), 0);
  snprintf(precious, sizeof precious, "%s/precious.txt", root);
  write_text(precious, "precious\n");
  uint8_t key[32];
  cache_path(src, cache, file, sizeof file, key);
  /* The name the writer used to open with fopen("wb"): <file>.tmp<pid>. */
  snprintf(link, sizeof link, "%s.tmp%ld", file, (long)getpid());
  cr_assert_eq(symlink(precious, link), 0);
  /* And the cache file itself. */
  cr_assert_eq(symlink(precious, file), 0);
  int hit;
  ilcd_error err = {0};
  cr_assert_eq(load(src, cache, &hit, name, sizeof name, &err), 0, "%s", err.message);
  cr_expect_eq(hit, 0, "a link is not a cache");
  cr_expect_str_eq(name, "alpha");
  char *text = slurp(precious);
  cr_expect_str_eq(text, "precious\n", "the link's target was written");
  free(text);
  /* The cache now is a regular file of its own (the link replaced, not followed) and answers. */
  struct stat st;
  cr_assert_eq(lstat(file, &st), 0);
  cr_expect(S_ISREG(st.st_mode));
  cr_expect_eq(st.st_mode & 0777, 0600, "%o", st.st_mode & 0777);
  cr_assert_eq(load(src, cache, &hit, name, sizeof name, &err), 0, "%s", err.message);
  cr_expect_eq(hit, 1);
  cr_expect_str_eq(name, "alpha");
  remove_root();
}

/* A temporary left by a writer that was killed (its process gone) is removed by the next write. */
Test(cache_guard, temporaries_of_a_killed_writer_are_removed) {
  make_root();
  char src[128], cache[128], file[256], stale[300], name[64];
  source_folder("alpha", "5d8c535d-4941-4498-b515-46e26185dbef", src, sizeof src);
  snprintf(cache, sizeof cache, "%s/cache", root);
  cr_assert_eq(mkdir(cache, 0700), 0);
  uint8_t key[32];
  cache_path(src, cache, file, sizeof file, key);
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) _exit(0);
  cr_assert_eq(waitpid(pid, NULL, 0), pid);
  snprintf(stale, sizeof stale, "%s.tmp-%ld-Ab12Cd", file, (long)pid);
  write_text(stale, "half a cache");
  int hit;
  ilcd_error err = {0};
  cr_assert_eq(load(src, cache, &hit, name, sizeof name, &err), 0, "%s", err.message);
  struct stat st;
  cr_expect_neq(lstat(stale, &st), 0, "%s left", stale);
  remove_root();
}

/* ---- the cache folder ---------------------------------------------------------------------------- */

Test(cache_guard, a_cache_folder_others_may_write_is_refused) {
  make_root();
  char src[128], cache[128], name[64];
  source_folder("alpha", "5d8c535d-4941-4498-b515-46e26185dbef", src, sizeof src);
  snprintf(cache, sizeof cache, "%s/cache", root);
  cr_assert_eq(mkdir(cache, 0700), 0);
  static const struct {
    mode_t mode;
    const char *who;
  } bad[] = {{0777, "everyone"}, {01777, "everyone"}, {0775, "its group"}, {0730, "its group"}, {0702, "everyone"}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    cr_assert_eq(chmod(cache, bad[i].mode), 0);
    int hit;
    ilcd_error err = {0};
    cr_expect_eq(load(src, cache, &hit, name, sizeof name, &err), ILCD_ERR_IO, "mode %o accepted", bad[i].mode);
    cr_expect_str_eq(err.path, cache);
    cr_expect(strstr(err.message, "writable by") && strstr(err.message, bad[i].who) && strstr(err.message, "refused"),
              "%o: %s", bad[i].mode, err.message);
    cr_expect_str_eq(name, "", "mode %o: data loaded anyway", bad[i].mode);
  }
  /* Private or readable by others (not writable): used. */
  static const mode_t good[] = {0700, 0755, 0711};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    cr_assert_eq(chmod(cache, good[i]), 0);
    int hit;
    ilcd_error err = {0};
    cr_expect_eq(load(src, cache, &hit, name, sizeof name, &err), 0, "%o: %s", good[i], err.message);
    cr_expect_str_eq(name, "alpha");
  }
  /* A folder the loader creates is private whatever the umask. */
  char fresh[160];
  snprintf(fresh, sizeof fresh, "%s/fresh", root);
  mode_t old = umask(0);
  int hit;
  ilcd_error err = {0};
  cr_expect_eq(load(src, fresh, &hit, name, sizeof name, &err), 0, "%s", err.message);
  umask(old);
  struct stat st;
  cr_assert_eq(stat(fresh, &st), 0);
  cr_expect_eq(st.st_mode & 07777, 0700, "%o", st.st_mode & 07777);
  /* Another user's folder: only root can make one to try. */
  if (geteuid() == 0) {
    cr_assert_eq(chmod(cache, 0755), 0);
    cr_assert_eq(chown(cache, 65534, 65534), 0);
    cr_expect_eq(load(src, cache, &hit, name, sizeof name, &err), ILCD_ERR_IO);
    cr_expect(strstr(err.message, "belongs to another user"), "%s", err.message);
  }
  remove_root();
}

/* ---- a cache bound to its source ------------------------------------------------------------------ */

Test(cache_guard, a_cache_with_a_patched_key_is_refused) {
  make_root();
  char a[128], b[128], cache[128], file_a[256], file_b[256], name[64];
  source_folder("alpha", "5d8c535d-4941-4498-b515-46e26185dbef", a, sizeof a);
  source_folder("beta", "0b2ad9f5-6f4c-4a0e-9d6b-0e5a0a3b6d51", b, sizeof b);
  snprintf(cache, sizeof cache, "%s/cache", root);
  int hit;
  ilcd_error err = {0};
  cr_assert_eq(load(a, cache, &hit, name, sizeof name, &err), 0, "%s", err.message);
  cr_assert_eq(load(b, cache, &hit, name, sizeof name, &err), 0, "%s", err.message);
  uint8_t key_a[32], key_b[32];
  cache_path(a, cache, file_a, sizeof file_a, key_a);
  cache_path(b, cache, file_b, sizeof file_b, key_b);
  /* B's cache under A's name, its key field (bytes 16..47, cache.h) patched to A's key. */
  FILE *in = fopen(file_b, "rb");
  cr_assert(in);
  uint8_t buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf, in);
  fclose(in);
  cr_assert_gt(n, CACHE_HEADER_BYTES);
  cr_assert_eq(memcmp(buf + 16, key_b, 32), 0, "the key is not where cache.h says");
  memcpy(buf + 16, key_a, 32);
  FILE *out = fopen(file_a, "wb");
  cr_assert(out);
  cr_assert_eq(fwrite(buf, 1, n, out), n);
  cr_assert_eq(fclose(out), 0);
  /* Read directly: refused. */
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_read_cache(db, file_a, key_a, a, &err), ILCD_ERR_DATA);
  cr_expect(strstr(err.message, "cache corrupt, ignored"), "%s", err.message);
  cr_expect_eq(ilcd_db_count(db, ILCD_SOURCE), 0);
  ilcd_db_free(db);
  /* Through the loader: a miss, and A's data. */
  cr_assert_eq(load(a, cache, &hit, name, sizeof name, &err), 0, "%s", err.message);
  cr_expect_eq(hit, 0, "the patched cache answered");
  cr_expect_str_eq(name, "alpha");
  cr_assert_eq(load(a, cache, &hit, name, sizeof name, &err), 0, "%s", err.message);
  cr_expect_eq(hit, 1);
  cr_expect_str_eq(name, "alpha");
  remove_root();
}

/* ---- FIFOs and devices ---------------------------------------------------------------------------- */

Test(cache_guard, a_fifo_in_place_of_a_cache_file_is_ignored, .timeout = 30) {
  make_root();
  char src[128], cache[128], file[256], name[64];
  source_folder("alpha", "5d8c535d-4941-4498-b515-46e26185dbef", src, sizeof src);
  snprintf(cache, sizeof cache, "%s/cache", root);
  cr_assert_eq(mkdir(cache, 0700), 0);
  uint8_t key[32];
  cache_path(src, cache, file, sizeof file, key);
  cr_assert_eq(mkfifo(file, 0600), 0);
  int hit;
  ilcd_error err = {0};
  cr_assert_eq(load(src, cache, &hit, name, sizeof name, &err), 0, "%s", err.message);
  cr_expect_eq(hit, 0);
  cr_expect_str_eq(name, "alpha");
  struct stat st;
  cr_assert_eq(lstat(file, &st), 0);
  cr_expect(S_ISREG(st.st_mode), "the FIFO was not replaced by the cache");
  /* Read directly, a FIFO is corrupt, not a hang. */
  cr_assert_eq(unlink(file), 0);
  cr_assert_eq(mkfifo(file, 0600), 0);
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_read_cache(db, file, key, src, &err), ILCD_ERR_DATA);
  cr_expect(strstr(err.message, "a FIFO"), "%s", err.message);
  ilcd_db_free(db);
  remove_root();
}

static void refused(const char *path, const char *what) {
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_expect_eq(ilcd_db_load(db, path, &err), ILCD_ERR_IO, "%s", path);
  cr_expect_str_eq(err.path, path);
  cr_expect(strstr(err.message, what) && strstr(err.message, "not a regular file"), "%s: %s", path, err.message);
  uint8_t key[32];
  cr_expect_eq(ilcd_cache_key(db, path, key, &err), ILCD_ERR_IO, "key of %s", path);
  ilcd_db_free(db);
}

Test(cache_guard, a_fifo_or_device_given_as_data_is_refused_at_once, .timeout = 30) {
  make_root();
  static const char *names[] = {"data.zip", "data.xml", "data"};
  for (size_t i = 0; i < 3; i++) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", root, names[i]);
    cr_assert_eq(mkfifo(path, 0600), 0);
    refused(path, "a FIFO");
  }
  refused("/dev/zero", "a character device");
  /* In a folder, a FIFO named like a data set is skipped, the rest loaded. */
  char src[128], fifo[256], name[64];
  source_folder("alpha", "5d8c535d-4941-4498-b515-46e26185dbef", src, sizeof src);
  snprintf(fifo, sizeof fifo, "%s/zz.xml", src);
  cr_assert_eq(mkfifo(fifo, 0600), 0);
  int hit;
  ilcd_error err = {0};
  cr_expect_eq(load(src, NULL, &hit, name, sizeof name, &err), 0, "%s", err.message);
  cr_expect_str_eq(name, "alpha");
  /* The pcf command: exit 1 naming the FIFO. */
  char cmd[1024], out[128];
  snprintf(out, sizeof out, "%s/err.txt", root);
  snprintf(cmd, sizeof cmd, "%s footprint %s/cases/toy-car/product.ini --data %s/data 2>%s", PCF_BINARY, PCF_SOURCE_DIR,
           root, out);
  int status = system(cmd);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %d", status);
  char *text = slurp(out), want[256];
  snprintf(want, sizeof want, "pcf: %s/data: a FIFO, not a regular file", root);
  cr_expect(strstr(text, want), "%s", text);
  free(text);
  remove_root();
}
