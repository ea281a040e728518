/* jsonw.h: a JSON document written as it is walked, without building a tree first: the bytes
 * jansson's json_dumpf(..., JSON_INDENT(2)) writes for the same tree, reals as
 * pcf__numfmt_json_dump writes them (numfmt.h). A result document holds two thousand values; a tree
 * of as many nodes, dumped and its reals rewritten, cost more than the footprint itself.
 *
 * The document is gathered in memory and written in one piece by pcf__jsonw_finish, so a document
 * that fails half-way (out of memory, text that is not UTF-8, a figure that is not finite) leaves
 * nothing in the file, as a tree that failed to build did. Calls after a failure do nothing;
 * pcf__jsonw_finish says what failed. */
#ifndef PCF_JSONW_H
#define PCF_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct pcf__jsonw {
  char *buf;
  size_t len, cap;
  int depth;
  bool first;     /* the open object or array has no member yet */
  bool after_key; /* a key was written: its value follows on the same line */
  int status;     /* 0, or the first failure: PCF_ERR_NOMEM, or PCF_ERR_INTERNAL */
  int why;        /* the failure's errno: ENOMEM, EILSEQ (text not UTF-8) or EDOM (figure not finite) */
} pcf__jsonw;

/* An empty writer (no allocation until the first value). */
void pcf__jsonw_init(pcf__jsonw *w);

/* Containers: "{" / "[" ... "}" / "]", "{}" / "[]" when empty. */
void pcf__jsonw_object(pcf__jsonw *w);
void pcf__jsonw_array(pcf__jsonw *w);
void pcf__jsonw_end_object(pcf__jsonw *w);
void pcf__jsonw_end_array(pcf__jsonw *w);

/* A member's key in the open object; its value comes next. */
void pcf__jsonw_key(pcf__jsonw *w, const char *key);

/* Values. A string must be UTF-8 (jansson's rule: no overlong form, no surrogate, nothing above
 * U+10FFFF) and not NULL, a real finite: otherwise the document fails with PCF_ERR_INTERNAL and
 * errno EILSEQ (text) or EDOM (figure). Neither can come from pcf's inputs, which are checked. */
void pcf__jsonw_string(pcf__jsonw *w, const char *s);
void pcf__jsonw_real(pcf__jsonw *w, double v);
void pcf__jsonw_integer(pcf__jsonw *w, long long v);
void pcf__jsonw_bool(pcf__jsonw *w, bool v);

/* key then value, the common case. */
static inline void pcf__jsonw_kstring(pcf__jsonw *w, const char *key, const char *s) {
  pcf__jsonw_key(w, key);
  pcf__jsonw_string(w, s);
}
static inline void pcf__jsonw_kreal(pcf__jsonw *w, const char *key, double v) {
  pcf__jsonw_key(w, key);
  pcf__jsonw_real(w, v);
}
static inline void pcf__jsonw_kinteger(pcf__jsonw *w, const char *key, long long v) {
  pcf__jsonw_key(w, key);
  pcf__jsonw_integer(w, v);
}
static inline void pcf__jsonw_kbool(pcf__jsonw *w, const char *key, bool v) {
  pcf__jsonw_key(w, key);
  pcf__jsonw_bool(w, v);
}

/* Writes the document and a newline to out unless a value failed, and releases the writer.
 * Returns 0, the failure (PCF_ERR_NOMEM, or PCF_ERR_INTERNAL with errno set to EILSEQ or EDOM)
 * or PCF_ERR_IO. */
int pcf__jsonw_finish(pcf__jsonw *w, FILE *out);

#endif
