/* folder_walk.c: the XML files of a folder, in the one order and by the one rule that both a load
 * (db.c) and the cache key (cache_key.c) follow, so that the key can never describe other files
 * than the load reads. */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_xml(const char *name) {
  size_t n = strlen(name);
  return n >= 4 && strcasecmp(name + n - 4, ".xml") == 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The folder name (under the open folder parent) whose path is path[0..len), relative part from
 * root_len on, with room for cap bytes. Each folder is opened once and its entries looked up
 * from it (fstatat), not by a walk from the root for every file: on the bundled package's 1,385
 * files those path walks were most of a cache hit's key. Names sort by strcmp (alphasort in the
 * C locale, whatever locale the process runs in). */
static int walk(int parent, const char *name, char *path, size_t len, size_t cap, size_t root_len, int depth,
                folder_walk_fn fn, void *ctx, ilcd_error *err) {
  /* ILCD/processes/x.xml is depth 2; deeper trees are not packages. */
  if (depth > FOLDER_WALK_MAX_DEPTH) return 0;
  /* The root may be a link to a folder; below it, folders are entered only when fstatat (not
   * following links) says they are, and O_NOFOLLOW keeps it so if one is swapped meanwhile. */
  int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (depth ? O_NOFOLLOW : 0));
  DIR *d = fd < 0 ? NULL : fdopendir(fd);
  if (!d) {
    int e = errno;
    if (fd >= 0) close(fd);
    if (e == ENOMEM) return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory listing the folder");
    return ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "cannot read folder: %s", strerror(e));
  }
  /* The names in one pool, then pointers into it: three allocations a folder, not one a file. */
  char *pool = NULL, **names = NULL;
  size_t *at = NULL, n = 0, cap_at = 0, used = 0, cap_pool = 0;
  int rc = 0;
  for (struct dirent *e; !rc && (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    size_t nl = strlen(e->d_name) + 1;
    if (n == cap_at) {
      size_t c = cap_at ? 2 * cap_at : 64;
      size_t *v = realloc(at, c * sizeof *v);
      if (!v) {
        rc = ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory listing the folder");
        break;
      }
      at = v;
      cap_at = c;
    }
    if (used + nl > cap_pool) {
      size_t c = cap_pool ? 2 * cap_pool : 4096;
      while (c < used + nl) c *= 2;
      char *v = realloc(pool, c);
      if (!v) {
        rc = ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory listing the folder");
        break;
      }
      pool = v;
      cap_pool = c;
    }
    memcpy(pool + used, e->d_name, nl);
    at[n++] = used;
    used += nl;
  }
  if (!rc && n && !(names = malloc(n * sizeof *names)))
    rc = ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory listing the folder");
  for (size_t i = 0; !rc && i < n; i++) names[i] = pool + at[i];
  free(at);
  if (!rc && n) qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; !rc && i < n; i++) {
    size_t nl = strlen(names[i]);
    if (len + 1 + nl + 1 > cap) {
      rc = ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "a path under this folder is too long");
      break;
    }
    path[len] = '/';
    memcpy(path + len + 1, names[i], nl + 1);
    struct stat st;
    /* Not following symbolic links, so a link cannot loop or leave the tree. */
    if (fstatat(fd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0) {
      if (S_ISDIR(st.st_mode))
        rc = walk(fd, names[i], path, len + 1 + nl, cap, root_len, depth + 1, fn, ctx, err);
      else if (S_ISREG(st.st_mode) && is_xml(names[i]))
        rc = fn(ctx, path, path + root_len, &st, err);
    }
    path[len] = '\0';
  }
  free(names);
  free(pool);
  closedir(d);
  return rc;
}

int ilcd__folder_walk(const char *root, folder_walk_fn fn, void *ctx, ilcd_error *err) {
  enum { PATH_CAP = 4096 }; /* PATH_MAX on Linux */
  size_t len = strlen(root);
  if (len >= PATH_CAP) return ilcd_error_set(err, ILCD_ERR_IO, root, 0, "", "path too long");
  char *path = malloc(PATH_CAP);
  if (!path) return ilcd_error_set(err, ILCD_ERR_NOMEM, root, 0, "", "out of memory");
  memcpy(path, root, len + 1);
  int rc = walk(AT_FDCWD, root, path, len, PATH_CAP, len, 0, fn, ctx, err);
  free(path);
  return rc;
}
