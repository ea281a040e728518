/* scratch_dir.h: a fresh folder under /tmp for each test (scratch_setup in a suite's .init,
 * scratch_teardown in its .fini), paths in it, and the expectation that a message says something. */
#ifndef PCF_TESTS_SCRATCH_DIR_H
#define PCF_TESTS_SCRATCH_DIR_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../scratch_base.h"

static char dir[64];

/* /tmp/pcf-<name>-XXXXXX */
static void scratch_setup(const char *name) {
  snprintf(dir, sizeof dir, "%s/pcf-%s-XXXXXX", scratch_base(), name);
  cr_assert(mkdtemp(dir));
}

static void scratch_teardown(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}

/* dir/name; four may be in use at once. */
static const char *in_dir(const char *name) {
  static char paths[4][256];
  static int next;
  char *p = paths[next++ % 4];
  snprintf(p, 256, "%s/%s", dir, name);
  return p;
}

#define expect_in(text, needle) cr_expect(strstr((text), (needle)), "\"%s\" not in: %s", (needle), (text))

#endif
