/* Replays the BOM fuzzer's seed corpus (fuzz/corpus/bom, and any crash found since) through
 * the BOM reader and the material map: every file must give 0 or an input error with a
 * message, never a crash (the sanitizer build checks memory) or an internal error. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcf/bom.h"
#include "pcf/matmap.h"

#define CORPUS PCF_SOURCE_DIR "/fuzz/corpus/bom"

static char *slurp(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "%s", path);
  char *data = malloc(1 << 20);
  *size = fread(data, 1, 1 << 20, f);
  fclose(f);
  return data;
}

static void check(int rc, const pcf_error *err, const char *path) {
  cr_assert(rc == 0 || (rc <= PCF_ERR_IO && rc >= PCF_ERR_CYCLE) || rc == PCF_ERR_NOMEM, "%s: status %d: %s", path, rc,
            err->message);
  if (rc) cr_assert(err->message[0], "%s: status %d without a message", path, rc);
}

Test(bom_corpus, replay) {
  DIR *dir = opendir(CORPUS);
  cr_assert_not_null(dir);
  struct dirent *e;
  int files = 0;
  while ((e = readdir(dir))) {
    if (e->d_name[0] == '.') continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CORPUS, e->d_name);
    size_t size;
    char *data = slurp(path, &size);
    pcf_bom *bom = NULL;
    pcf_error err = {0};
    check(pcf_bom_read_memory(&bom, path, data, size, &err), &err, path);
    pcf_bom_free(bom);
    pcf_matmap *m = pcf_matmap_new();
    memset(&err, 0, sizeof err);
    check(pcf_matmap_load_memory(m, path, data, size, &err), &err, path);
    pcf_matmap_free(m);
    free(data);
    files++;
  }
  closedir(dir);
  cr_assert_geq(files, 5);
}
