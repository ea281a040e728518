/* reader.h: the streaming (SAX2) reader shared by the per-kind dataset readers.
 *
 * One XML document is one dataset. The driver (sax.c) keeps the stack of element names, captures
 * the text of the elements a kind reader asks for, and calls that reader's end handler with it.
 * Strings go straight into the database arena; a document that fails leaves only unused bytes
 * there, never a half-built dataset in the index. */
#ifndef ILCD_READER_H
#define ILCD_READER_H

#include "internal.h"

#include <libxml/parser.h>

enum { READER_MAX_DEPTH = 256 };

/* Text that exists in several languages (xml:lang): English wins, then untagged, then any. */
typedef struct ltext {
  const char *s;
  int score; /* 0 unset, 1 other language, 2 untagged, 3 English */
} ltext;

/* A reference to another dataset, as met in the XML. */
typedef struct rawref {
  char id[64];
  const char *version;
  ltext text;
} rawref;

typedef struct reader reader;

typedef struct kind_reader {
  const char *root; /* local name of the root element */
  ilcd_kind kind;
  /* Called for each element inside the root; returns a tag > 0 to capture the element's text. */
  int (*start)(reader *r, const char *local, int depth);
  /* Called at the end of a captured element with its text (white space trimmed). */
  int (*end)(reader *r, int tag, const char *text);
  /* Called at the end of the document: build the dataset and add it. */
  int (*finish)(reader *r);
  /* Frees the builder's scratch memory; called after finish or after a failure. May be NULL. */
  void (*cleanup)(reader *r);
  size_t state_size;
} kind_reader;

struct reader {
  ilcd_db *db;
  const char *name;
  xmlParserCtxtPtr ctxt;
  ilcd_error *err;
  int status;
  const kind_reader *kind;
  void *state; /* kind-specific builder, zeroed per document */
  int depth;
  const char *names[READER_MAX_DEPTH];
  uint32_t max_depth;
  /* attributes of the element being started */
  const xmlChar **attrs;
  int nattrs;
  int lang_score; /* of the element being started */
  /* text capture */
  int capture_depth, capture_tag, capture_score;
  char *text;
  size_t len, cap;
  bool text_overflow;
  ilcd_uuid uuid; /* the dataset's own UUID once read */
  bool have_uuid;
};

/* Parent / ancestor tests on the element stack (names[depth-1] is the current element). */
bool ilcd__reader_parent_is(const reader *r, const char *name);
bool ilcd__reader_within(const reader *r, const char *name);
/* Attribute of the element being started, copied into the arena ("" when absent). */
const char *ilcd__reader_attr(reader *r, const char *local);
/* Same into a caller buffer (truncated); returns false when absent. */
bool ilcd__reader_attr_buf(reader *r, const char *local, char *buf, size_t size);
long ilcd__reader_line(const reader *r);
/* Fails the document with ILCD_ERR_DATA naming the current line and the dataset. */
/* Out of memory: records ILCD_ERR_NOMEM (never a data error: a load must not say the file is
 * wrong when the machine is short of memory) and stops the parser; returns ILCD_ERR_NOMEM. */
int ilcd__reader_nomem(reader *r);
int ilcd__reader_fail(reader *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Stops the parse with ILCD_ERR_NOMEM, "out of memory" (a lack of memory is not the data's fault:
 * it must not read as invalid data, which a keep_going load would skip). Returns ILCD_ERR_NOMEM. */
int ilcd__reader_nomem(reader *r);
/* Stores text in the arena if it beats what lt holds (language preference). */
int ilcd__reader_ltext(reader *r, ltext *lt, const char *text);
/* Appends text to a " / "-joined list held in *list (arena). */
int ilcd__reader_join(reader *r, const char **list, const char *text, const char *sep);
/* Starts a reference: reads refObjectId and version from the element being started. */
void ilcd__reader_ref_start(reader *r, rawref *ref);
/* Converts a rawref into the public form (ILCD UUID parsed when valid). */
void ilcd__reader_ref_finish(reader *r, const rawref *in, ilcd_ref *out);
/* Parses a number or fails the document naming the element. */
int ilcd__reader_number(reader *r, const char *text, const char *what, double *out);
int ilcd__reader_int(reader *r, const char *text, const char *what, int *out);
/* Fills the common head; fails when the dataset has no UUID. */
int ilcd__reader_head(reader *r, dataset_head *head, const char *version, const char *name);
const char *ilcd__ltext_or_empty(const ltext *lt);

extern const kind_reader ilcd__process_reader, ilcd__flow_reader, ilcd__flow_property_reader, ilcd__unit_group_reader,
    ilcd__lcia_method_reader, ilcd__source_reader, ilcd__contact_reader;

#endif
