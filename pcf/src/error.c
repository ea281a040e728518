/* error.c: filling the caller-owned pcf_error (see pcf/error.h). */
#include "pcf/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int pcf_error_set(pcf_error *err, int code, const char *path, long line, const char *fmt, ...) {
  if (!err) return code;
  err->code = code;
  err->line = line;
  snprintf(err->path, sizeof err->path, "%s", path ? path : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return code;
}

int pcf_error_nomem(pcf_error *err) { return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory"); }
