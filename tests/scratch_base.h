/* scratch_base.h: where tests make their scratch folders. $TMPDIR when set; else /dev/shm when it
 * is a folder anyone may write to with 1 GiB free (tmpfs; a container's 64 MiB one is left to
 * Chromium): tests that rewrite one file thousands of times (corrupted caches, allocation-failure
 * loops) otherwise wait on the disk's journal, for seconds when the machine is busy; else /tmp. */
#ifndef PCF_TESTS_SCRATCH_BASE_H
#define PCF_TESTS_SCRATCH_BASE_H

#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

static inline const char *scratch_base(void) {
  const char *t = getenv("TMPDIR");
  struct stat st;
  if (t && *t) return t;
  struct statvfs fs;
  int roomy = statvfs("/dev/shm", &fs) == 0 && (unsigned long long)fs.f_bavail * fs.f_frsize >= 1ull << 30;
  return roomy && stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 01777) == 01777 ? "/dev/shm"
                                                                                                     : "/tmp";
}

#endif
