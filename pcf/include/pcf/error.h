/* error.h: status codes and the caller-owned error struct shared by every pcf module, and the
 * rules every public function follows.
 *
 * Errors. Fallible pcf functions return PCF_OK (0) or a negative pcf_status and, when the caller
 * passes a pcf_error, fill it with the code, the file and 1-based line concerned (when known) and
 * a one-line message. Input errors (PCF_ERR_PARSE, _INPUT, _NOT_FOUND, _UNIT, _CYCLE) are the
 * user's to fix; the command maps them to exit code 1 and the others to exit code 2. No status
 * is -1: every code is a named pcf_status.
 *
 * Ownership (as libgit2 writes it down). An object returned through `**out` belongs to the caller,
 * who frees it with the module's `_free` (every `_free` accepts NULL); on error `*out` is NULL and
 * whatever the call made is freed. Pointers returned directly (names, lines, rows) are borrowed
 * from the object that returned them and live as long as it. The exceptions, each said in its
 * header: a footprint's result (pcf_footprint_product and its kin) and an opened batch
 * (pcf_batch_open) are the caller's either way, so that what was computed or read before an
 * error can still be shown.
 *
 * Options. Option structs come with a `_INIT` macro of named fields; fields added later keep the
 * old behaviour at their zero value.
 */
#ifndef PCF_ERROR_H
#define PCF_ERROR_H

#include "pcf/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pcf_status {
  PCF_OK = 0,
  PCF_ERR_IO = -1,        /* a file cannot be read or written */
  PCF_ERR_PARSE = -2,     /* malformed input text (CSV quoting, bad number) */
  PCF_ERR_INPUT = -3,     /* well-formed input with invalid content (negative mass, ...) */
  PCF_ERR_NOT_FOUND = -4, /* a material, dataset or column that is not there */
  PCF_ERR_UNIT = -5,      /* unknown unit or units of different quantities */
  PCF_ERR_CYCLE = -6,     /* a cyclic reference (BOM parent chain) */
  PCF_ERR_SINGULAR = -7,  /* singular or numerically near-singular matrix */
  PCF_ERR_NOMEM = -8,     /* out of memory */
  PCF_ERR_INTERNAL = -9   /* a bug or a library failure */
} pcf_status;

typedef struct pcf_error {
  int code;           /* a pcf_status */
  char path[512];     /* file the error is about, "" if none */
  long line;          /* 1-based line in that file, 0 if unknown */
  char message[4096]; /* one line, no trailing newline (long enough to list every unknown
                         material of a product) */
} pcf_error;

/* Fills *err (when err is not NULL) with code, path (NULL for none), line (0 for unknown) and a
 * printf-style message, truncating what does not fit. Returns code, so that callers can write
 * `return pcf_error_set(err, PCF_ERR_INPUT, path, line, "...")`. */
PCF_EXTERN int pcf_error_set(pcf_error *err, int code, const char *path, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory"): the one message for it. Returns
 * PCF_ERR_NOMEM. */
PCF_EXTERN int pcf_error_nomem(pcf_error *err);

#ifdef __cplusplus
}
#endif

#endif
