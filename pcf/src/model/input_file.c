/* input_file.c: opening the files users hand pcf, by one rule (input_file.h): regular files
 * only, opened without blocking, of bounded size, read whole; and the text check shared by the
 * CSV and INI readers (UTF-8, no NUL byte). */
#include "input_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a file that is not a regular one is, for the message. */
static const char *file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

static int refuse(const char *path, const char *what, mode_t mode, pcf_error *err) {
  return pcf_error_set(err, PCF_ERR_IO, path, 0, "the %s is %s, not a regular file: give the %s as a file", what,
                       file_kind(mode), what);
}

static int too_large(const char *path, const char *what, size_t max_bytes, pcf_error *err) {
  if (max_bytes >= (size_t)1 << 20)
    return pcf_error_set(err, PCF_ERR_IO, path, 0, "the %s is larger than the %zu MiB limit", what, max_bytes >> 20);
  return pcf_error_set(err, PCF_ERR_IO, path, 0, "the %s is larger than the %zu-byte limit", what, max_bytes);
}

int pcf_input_read(const char *path, const char *what, size_t max_bytes, char **data, size_t *size, pcf_error *err) {
  *data = NULL;
  *size = 0;
  /* O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever. It changes
   * nothing for the regular files that are read. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot open the %s: %s", what, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot read the %s: %s", what, strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return refuse(path, what, st.st_mode, err);
  }
  if (st.st_size < 0 || (uint64_t)st.st_size > max_bytes) {
    close(fd);
    return too_large(path, what, max_bytes, err);
  }
  /* One byte more than fstat says, so that a file growing meanwhile is seen to. */
  size_t cap = (size_t)st.st_size + 1, len = 0;
  char *buf = malloc(cap + 1);
  if (!buf) {
    close(fd);
    return pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory reading the %s", what);
  }
  int rc = 0;
  for (;;) {
    if (len == cap) {
      if (len > max_bytes) {
        rc = too_large(path, what, max_bytes, err);
        break;
      }
      size_t grown = cap * 2 < max_bytes + 1 ? cap * 2 : max_bytes + 1;
      char *b = realloc(buf, grown + 1);
      if (!b) {
        rc = pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory reading the %s", what);
        break;
      }
      buf = b;
      cap = grown;
    }
    ssize_t got = read(fd, buf + len, cap - len);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      rc = pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot read the %s: %s", what, strerror(errno));
      break;
    }
    if (got == 0) break;
    len += (size_t)got;
  }
  close(fd);
  if (!rc && len > max_bytes) rc = too_large(path, what, max_bytes, err);
  if (rc) {
    free(buf);
    return rc;
  }
  buf[len] = '\0';
  *data = buf;
  *size = len;
  return 0;
}

int pcf_input_is_folder(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Length of the UTF-8 sequence at s (at most n bytes), 0 when invalid (overlong, surrogate,
 * beyond U+10FFFF, truncated). */
static size_t utf8_len(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if (c >= 0xc2 && c <= 0xdf) {
    len = 2;
    cp = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3;
    cp = c & 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return len;
}

/* A NUL byte or bytes that are not UTF-8 mean the file is not the text the user thinks (a
 * binary, a UTF-16 or Latin-1 export): every reader would mangle it further on, and a C string
 * would silently end at the NUL. */
int pcf_input_check_text(const char *name, const char *data, size_t n, const char *save_as, pcf_error *err) {
  const unsigned char *s = (const unsigned char *)data;
  long line = 1;
  for (size_t i = 0; i < n;) {
    if (s[i] == 0)
      return pcf_error_set(err, PCF_ERR_PARSE, name, line,
                           "NUL byte: this is not a text file (or it is UTF-16; save it as %s)", save_as);
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'))) line++;
    size_t len = utf8_len(s + i, n - i);
    if (!len)
      return pcf_error_set(err, PCF_ERR_PARSE, name, line,
                           "byte 0x%02X is not UTF-8 (a Latin-1/Windows-1252 export?); save the file as %s", s[i],
                           save_as);
    i += len;
  }
  return 0;
}
