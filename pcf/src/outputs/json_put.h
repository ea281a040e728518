/* json_put.h: JSON documents built without losing a node. jansson's json_object_set_new and
 * json_array_append_new take the NULL that a failed allocation gives and return -1, which is easy
 * to drop: a document with a key silently missing must never be written. Every node goes through
 * put or push, which set *oom on a failure, and json_put_write writes the document only when none
 * failed. */
#ifndef PCF_JSON_PUT_H
#define PCF_JSON_PUT_H

#include <jansson.h>
#include <stdio.h>

#include "numfmt.h"
#include "pcf/error.h"

static inline void put(int *oom, json_t *obj, const char *key, json_t *v) {
  if (json_object_set_new(obj, key, v)) *oom = 1; /* v NULL, or obj NULL (v is then released) */
}

static inline void push(int *oom, json_t *arr, json_t *v) {
  if (json_array_append_new(arr, v)) *oom = 1;
}

/* Writes root (then a newline) with pcf__numfmt_json_dump unless oom or root is NULL, and releases it.
 * Returns 0, PCF_ERR_NOMEM (a node was lost, or the dump ran out) or PCF_ERR_IO. */
static inline int json_put_write(json_t *root, int oom, FILE *out, size_t flags) {
  int rc = 0;
  if (oom || !root)
    rc = PCF_ERR_NOMEM;
  else if (pcf__numfmt_json_dump(root, out, flags) || fputc('\n', out) == EOF)
    rc = ferror(out) ? PCF_ERR_IO : PCF_ERR_NOMEM;
  else if (ferror(out))
    rc = PCF_ERR_IO;
  json_decref(root);
  return rc;
}

#endif
