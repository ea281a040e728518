/* folder_walk.c: the XML files of a folder, in the one order and by the one rule that both a load
 * (db.c) and the cache key (cache_key.c) follow, so that the key can never describe other files
 * than the load reads. */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int is_xml(const char *name) {
  size_t n = strlen(name);
  return n >= 4 && strcasecmp(name + n - 4, ".xml") == 0;
}

static int walk(const char *path, size_t root_len, int depth, folder_walk_fn fn, void *ctx, ilcd_error *err) {
  /* ILCD/processes/x.xml is depth 2; deeper trees are not packages. */
  if (depth > FOLDER_WALK_MAX_DEPTH) return 0;
  struct dirent **names;
  int n = scandir(path, &names, NULL, alphasort);
  if (n < 0 && errno == ENOMEM) return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory listing the folder");
  if (n < 0) return ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "cannot read folder: %s", strerror(errno));
  int rc = 0;
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    if (!rc && name[0] != '.') {
      size_t len = strlen(path) + strlen(name) + 2;
      char *child = malloc(len);
      if (!child) {
        rc = ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
      } else {
        snprintf(child, len, "%s/%s", path, name);
        struct stat st;
        /* lstat: symbolic links are not followed, so a link cannot loop or leave the tree. */
        if (lstat(child, &st) == 0) {
          if (S_ISDIR(st.st_mode)) rc = walk(child, root_len, depth + 1, fn, ctx, err);
          else if (S_ISREG(st.st_mode) && is_xml(name)) rc = fn(ctx, child, child + root_len, &st, err);
        }
        free(child);
      }
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

int folder_walk(const char *root, folder_walk_fn fn, void *ctx, ilcd_error *err) {
  return walk(root, strlen(root), 0, fn, ctx, err);
}
