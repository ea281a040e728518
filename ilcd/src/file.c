/* file.c: opening the files the library reads (ILCD XML files, zip archives, cache files) so that
 * nothing but a regular file is ever read: a FIFO, a device or a socket named as data would block
 * a read for ever (a FIFO without a writer) or never end (/dev/zero). The file is opened
 * non-blocking, so that opening a FIFO returns at once, then checked with fstat on the open
 * descriptor (what was checked is what is read, whatever happens to the path meanwhile). */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m) {
  return S_ISFIFO(m)   ? "a FIFO"
         : S_ISCHR(m)  ? "a character device"
         : S_ISBLK(m)  ? "a block device"
         : S_ISSOCK(m) ? "a socket"
         : S_ISDIR(m)  ? "a folder"
                       : "not a regular file";
}

int ilcd__file_open_regular(const char *path, int nofollow, struct stat *st, ilcd_error *err) {
  memset(st, 0, sizeof *st);
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
  if (fd < 0) {
    int e = errno;
    if (nofollow && e == ELOOP) return ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "a symbolic link: not followed");
    return ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "cannot open: %s", strerror(e));
  }
  if (fstat(fd, st) != 0) {
    int e = errno;
    close(fd);
    memset(st, 0, sizeof *st);
    return ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "cannot open: %s", strerror(e));
  }
  if (!S_ISREG(st->st_mode)) {
    close(fd);
    return ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "%s, not a regular file: not read", kind_of(st->st_mode));
  }
  /* A regular file: reads do not block anyway; blocking mode back for stdio's sake. */
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

int ilcd__file_fopen_regular(FILE **out, const char *path, int nofollow, struct stat *st, ilcd_error *err) {
  *out = NULL;
  int fd = ilcd__file_open_regular(path, nofollow, st, err);
  if (fd < 0) return fd;
  if (!(*out = fdopen(fd, "rb"))) {
    int e = errno;
    close(fd);
    return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "cannot open: %s", strerror(e));
  }
  return 0;
}
