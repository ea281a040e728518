/* scratch_base.h: where tests make their scratch folders. $TMPDIR when set; else /dev/shm when it
 * is a folder anyone may write to (tmpfs): tests that rewrite one file thousands of times
 * (corrupted caches, allocation-failure loops) otherwise wait on the disk's journal, for seconds
 * when the machine is busy; else /tmp. */
#ifndef PCF_TESTS_SCRATCH_BASE_H
#define PCF_TESTS_SCRATCH_BASE_H

#include <stdlib.h>
#include <sys/stat.h>

static inline const char *scratch_base(void) {
  const char *t = getenv("TMPDIR");
  struct stat st;
  if (t && *t) return t;
  return stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 01777) == 01777 ? "/dev/shm" : "/tmp";
}

#endif
