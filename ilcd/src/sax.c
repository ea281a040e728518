/* sax.c: the SAX2 driver. Parses one ILCD XML document with libxml2's push parser and hands the
 * elements to the reader of the document's kind (chosen by the root element).
 *
 * Safety: the network is never touched (XML_PARSE_NONET); entities are never substituted (no
 * XML_PARSE_NOENT) and external DTDs never loaded (no XML_PARSE_DTDLOAD). ILCD datasets have no DTD
 * at all, so any DOCTYPE is refused outright: that closes billion-laughs and external-entity
 * attacks before an entity is ever declared. Nesting depth and the attributes of one element
 * (xml_scan.c, before libxml2 sees the document) are bounded. */
#include "reader.h"

#include <ctype.h>
#include <libxml/parserInternals.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const kind_reader *const kinds[] = {
    &ilcd__process_reader,     &ilcd__flow_reader,   &ilcd__flow_property_reader, &ilcd__unit_group_reader,
    &ilcd__lcia_method_reader, &ilcd__source_reader, &ilcd__contact_reader};

static const char XML_NS[] = "http://www.w3.org/XML/1998/namespace";

long ilcd__reader_line(const reader *r) { return r->ctxt ? xmlSAX2GetLineNumber(r->ctxt) : 0; }

static void stop(reader *r, int status) {
  if (!r->status) r->status = status;
  xmlStopParser(r->ctxt);
}

int ilcd__reader_fail(reader *r, const char *fmt, ...) {
  if (r->status) return r->status;
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  char id[40] = "";
  if (r->have_uuid) ilcd_uuid_format(&r->uuid, id);
  ilcd_error_set(r->err, ILCD_ERR_DATA, r->name, ilcd__reader_line(r), id, "%s", msg);
  stop(r, ILCD_ERR_DATA);
  return ILCD_ERR_DATA;
}

int ilcd__reader_nomem(reader *r) {
  if (!r->status) ilcd_error_set(r->err, ILCD_ERR_NOMEM, r->name, ilcd__reader_line(r), "", "out of memory");
  stop(r, ILCD_ERR_NOMEM);
  return ILCD_ERR_NOMEM;
}

bool ilcd__reader_parent_is(const reader *r, const char *name) {
  return r->depth >= 2 && strcmp(r->names[r->depth - 2], name) == 0;
}

bool ilcd__reader_within(const reader *r, const char *name) {
  for (int i = r->depth - 2; i >= 0; i--)
    if (strcmp(r->names[i], name) == 0) return true;
  return false;
}

static const xmlChar **find_attr(reader *r, const char *local) {
  for (int i = 0; i < r->nattrs; i++) {
    const xmlChar **a = r->attrs + 5 * i;
    if (strcmp((const char *)a[0], local) == 0 && !a[2]) return a;
  }
  return NULL;
}

bool ilcd__reader_attr_buf(reader *r, const char *local, char *buf, size_t size) {
  const xmlChar **a = find_attr(r, local);
  buf[0] = '\0';
  if (!a) return false;
  size_t n = (size_t)(a[4] - a[3]);
  if (n >= size) n = size - 1;
  memcpy(buf, a[3], n);
  buf[n] = '\0';
  return true;
}

const char *ilcd__reader_attr(reader *r, const char *local) {
  const xmlChar **a = find_attr(r, local);
  if (!a) return "";
  const char *s = ilcd__arena_strndup(&r->db->mem, (const char *)a[3], (size_t)(a[4] - a[3]));
  if (!s) {
    ilcd__reader_nomem(r);
    return "";
  }
  return s;
}

int ilcd__reader_ltext(reader *r, ltext *lt, const char *text) {
  if (r->capture_score <= lt->score || !*text) return 0;
  const char *s = ilcd__arena_strdup(&r->db->mem, text);
  if (!s) return ilcd__reader_nomem(r);
  lt->s = s;
  lt->score = r->capture_score;
  return 0;
}

const char *ilcd__ltext_or_empty(const ltext *lt) { return lt->s ? lt->s : ""; }

int ilcd__reader_join(reader *r, const char **list, const char *text, const char *sep) {
  if (!*text) return 0;
  size_t a = *list ? strlen(*list) : 0, b = strlen(text), s = strlen(sep);
  char *p = ilcd__arena_alloc(&r->db->mem, a + s + b + 1);
  if (!p) return ilcd__reader_nomem(r);
  if (a) {
    memcpy(p, *list, a);
    memcpy(p + a, sep, s);
    memcpy(p + a + s, text, b + 1);
  } else {
    memcpy(p, text, b + 1);
  }
  *list = p;
  return 0;
}

void ilcd__reader_ref_start(reader *r, rawref *ref) {
  memset(ref, 0, sizeof *ref);
  ilcd__reader_attr_buf(r, "refObjectId", ref->id, sizeof ref->id);
  ref->version = ilcd__reader_attr(r, "version");
}

void ilcd__reader_ref_finish(reader *r, const rawref *in, ilcd_ref *out) {
  memset(out, 0, sizeof *out);
  out->valid = ilcd_uuid_parse(&out->uuid, in->id) == 0;
  out->raw_id = "";
  if (!out->valid) {
    const char *raw = ilcd__arena_strdup(&r->db->mem, in->id);
    if (!raw) ilcd__reader_nomem(r);
    out->raw_id = raw ? raw : "";
  }
  out->version = in->version ? in->version : "";
  out->text = ilcd__ltext_or_empty(&in->text);
}

int ilcd__reader_number(reader *r, const char *text, const char *what, double *out) {
  if (ilcd__parse_double(text, out) == 0) return 0;
  return ilcd__reader_fail(r, "%s is not a finite number within +-1e30: \"%.60s\"", what, text);
}

int ilcd__reader_int(reader *r, const char *text, const char *what, int *out) {
  char *end;
  long v = strtol(text, &end, 10);
  while (isspace((unsigned char)*end)) end++;
  if (end == text || *end || v < -1000000000L || v > 1000000000L)
    return ilcd__reader_fail(r, "%s is not an integer: \"%.60s\"", what, text);
  *out = (int)v;
  return 0;
}

int ilcd__reader_head(reader *r, dataset_head *head, const char *version, const char *name) {
  if (!r->have_uuid) return ilcd__reader_fail(r, "%s data set has no UUID", ilcd_kind_name(r->kind->kind));
  /* The newest version of a UUID answers lookups: a version that cannot be compared must not. */
  if (version && *version && !ilcd__version_valid(version))
    return ilcd__reader_fail(r, "dataSetVersion \"%.60s\" is not a version number (ILCD writes 01.00.000)", version);
  head->uuid = r->uuid;
  head->version = version ? version : "";
  head->name = name ? name : "";
  head->path = ilcd__arena_strdup(&r->db->mem, r->name);
  if (!head->path) return ilcd__reader_nomem(r);
  return 0;
}

/* ---- SAX callbacks ------------------------------------------------------------------------------ */

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri, int nb_namespaces,
                     const xmlChar **namespaces, int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
  reader *r = ctx;
  if (r->status) return;
  const char *local = (const char *)localname;
  if ((uint32_t)r->depth >= r->max_depth) {
    ilcd_error_set(r->err, ILCD_ERR_XML, r->name, ilcd__reader_line(r), "", "elements nested deeper than %u",
                   r->max_depth);
    stop(r, ILCD_ERR_XML);
    return;
  }
  r->names[r->depth++] = local;
  if (r->depth == 1) {
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
      if (strcmp(kinds[i]->root, local) == 0) r->kind = kinds[i];
    if (!r->kind) {
      stop(r, 1); /* not a dataset (category list, locations): skipped, not an error */
      return;
    }
    r->state = calloc(1, r->kind->state_size);
    if (!r->state) ilcd__reader_nomem(r);
    return;
  }
  if (r->capture_depth) return; /* mixed content inside a captured element: keep only the text */
  r->attrs = attributes;
  r->nattrs = nb_attributes;
  r->lang_score = 2;
  for (int i = 0; i < nb_attributes; i++) {
    const xmlChar **a = attributes + 5 * i;
    if (a[2] && strcmp((const char *)a[2], XML_NS) == 0 && strcmp((const char *)a[0], "lang") == 0)
      r->lang_score = (a[4] - a[3] >= 2 && strncmp((const char *)a[3], "en", 2) == 0) ? 3 : 1;
  }
  /* The dataset's own UUID: dataSetInformation/common:UUID, never a reference's refObjectId. */
  if (strcmp(local, "UUID") == 0 && ilcd__reader_parent_is(r, "dataSetInformation")) {
    r->capture_depth = r->depth;
    r->capture_tag = -1;
    r->len = 0;
    return;
  }
  int tag = r->kind->start(r, local, r->depth);
  if (tag > 0 && !r->status) {
    r->capture_depth = r->depth;
    r->capture_tag = tag;
    r->capture_score = r->lang_score;
    r->len = 0;
    r->text_overflow = false;
  }
}

static void trim(char **s, size_t *n) {
  while (*n && isspace((unsigned char)**s)) (*s)++, (*n)--;
  while (*n && isspace((unsigned char)(*s)[*n - 1])) (*n)--;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
  reader *r = ctx;
  if (r->status) return;
  if (r->capture_depth == r->depth) {
    r->capture_depth = 0;
    /* No text buffer yet when the first element captured for this database is empty: the
     * terminator below must then go to a writable byte, not a string literal. */
    char empty[1];
    char *t = r->text ? r->text : empty;
    size_t n = r->len;
    trim(&t, &n);
    t[n] = '\0';
    if (r->capture_tag == -1) {
      if (r->have_uuid) {
        ilcd__reader_fail(r, "data set has two UUIDs");
      } else if (ilcd_uuid_parse(&r->uuid, t) != 0) {
        ilcd__reader_fail(r, "data set UUID is not a UUID: \"%.60s\"", t);
      } else {
        r->have_uuid = true;
      }
    } else {
      r->kind->end(r, r->capture_tag, t);
    }
  }
  if (r->depth > 0) r->depth--;
}

/* Text of one element is bounded: long comments are kept up to 1 MiB, the rest dropped. */
enum { MAX_TEXT = 1 << 20 };

static void on_text(void *ctx, const xmlChar *ch, int len) {
  reader *r = ctx;
  if (r->status || !r->capture_depth || len <= 0) return;
  size_t n = (size_t)len;
  if (r->len + n > MAX_TEXT) {
    r->text_overflow = true;
    n = MAX_TEXT - r->len;
  }
  if (r->len + n + 1 > r->cap) {
    size_t cap = r->cap ? r->cap : 256;
    while (cap < r->len + n + 1) cap *= 2;
    char *t = realloc(r->text, cap);
    if (!t) {
      ilcd__reader_nomem(r);
      return;
    }
    r->text = r->db->text_buf = t;
    r->cap = r->db->text_cap = cap;
  }
  memcpy(r->text + r->len, ch, n);
  r->len += n;
  r->text[r->len] = '\0';
}

static void on_dtd(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id) {
  reader *r = ctx;
  ilcd_error_set(r->err, ILCD_ERR_XML, r->name, ilcd__reader_line(r), "",
                 "document type declaration refused: ILCD data sets have no DTD, and entities "
                 "are never expanded");
  stop(r, ILCD_ERR_XML);
}

static void on_error(void *ctx, xmlErrorPtr e) {
  reader *r = ctx;
  if (r->status || !e || e->level < XML_ERR_ERROR) return;
  /* libxml2 short of memory is no fault of the document (a keep_going load must stop). */
  if (e->code == XML_ERR_NO_MEMORY || e->domain == XML_FROM_MEMORY) {
    ilcd_error_set(r->err, ILCD_ERR_NOMEM, r->name, e->line ? e->line : ilcd__reader_line(r), "", "out of memory");
    r->status = ILCD_ERR_NOMEM;
    return;
  }
  char msg[300];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  /* Encoding errors come without a line: give the parser's. */
  ilcd_error_set(r->err, ILCD_ERR_XML, r->name, e->line ? e->line : ilcd__reader_line(r), "", "malformed XML: %s", msg);
  r->status = ILCD_ERR_XML;
}

static xmlEntityPtr no_entity(void *ctx, const xmlChar *name) { return NULL; }

/* A parser of the document in memory, as xmlCreateMemoryParserCtxt builds one but without its
 * leak: libxml2 2.9 frees a memory input whose copy of the document failed without its buffer.
 * NULL when out of memory. Our handler goes in afterwards the way xmlSAXUserParseMemory does it,
 * keeping the context's own to free later. */
static xmlParserCtxtPtr new_parser(const void *xml, size_t size) {
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return NULL;
  xmlParserInputBufferPtr buf = xmlAllocParserInputBuffer(XML_CHAR_ENCODING_NONE);
  if (buf && xmlParserInputBufferPush(buf, (int)size, xml) < 0) {
    xmlFreeParserInputBuffer(buf);
    buf = NULL;
  }
  xmlParserInputPtr input = buf ? xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) : NULL;
  if (!input) {
    if (buf) xmlFreeParserInputBuffer(buf);
    xmlFreeParserCtxt(ctxt);
    return NULL;
  }
  if (inputPush(ctxt, input) < 0) {
    xmlFreeInputStream(input);
    xmlFreeParserCtxt(ctxt);
    return NULL;
  }
  return ctxt;
}

static void quiet(void *ctx, const char *msg, ...) {}

int ilcd__read_xml(ilcd_db *db, const char *name, const void *xml, size_t size, ilcd_error *err) {
  static xmlSAXHandler sax;
  if (sax.initialized != XML_SAX2_MAGIC) {
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    sax.internalSubset = on_dtd;
    sax.serror = on_error;
    sax.getEntity = no_entity;
  }
  if (size > (size_t)db->options.max_entry_bytes || size > INT32_MAX)
    return ilcd_error_set(err, ILCD_ERR_XML, name, 0, "", "file of %zu bytes exceeds the limit", size);
  /* libxml2 makes no parser for an empty buffer; an empty file is malformed XML, not a lack of
   * memory (which would stop a keep_going load). */
  if (size == 0) return ilcd_error_set(err, ILCD_ERR_XML, name, 0, "", "malformed XML: the document is empty");
  long at;
  if (ilcd__xml_check_attributes(xml, size, &at))
    return ilcd_error_set(err, ILCD_ERR_XML, name, at, "",
                          "an element with more than %d attributes (ILCD elements carry a few; libxml2 would "
                          "take minutes over it)",
                          XML_MAX_ATTRIBUTES);
  reader r = {.db = db,
              .name = name,
              .err = err,
              .max_depth = db->options.max_depth,
              .text = db->text_buf,
              .cap = db->text_cap};
  /* Encoding, I/O and out-of-memory errors are raised without the parser context (creating it
   * among them), so libxml2 sends them to its global (per-thread) handler, which prints to
   * stderr: route them to this reader while it works, then put back whatever the application
   * had. A buffer that cannot grow is reported through libxml2's generic handler alone ("internal
   * buffer error : Memory allocation failed"); what fails then tells us itself, so it is silenced
   * the same way. */
  xmlStructuredErrorFunc app_handler = xmlStructuredError;
  void *app_context = xmlStructuredErrorContext;
  xmlGenericErrorFunc app_generic = xmlGenericError;
  void *app_generic_context = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc(&r, on_error);
  xmlSetGenericErrorFunc(NULL, quiet);
  r.ctxt = new_parser(xml, size);
  if (!r.ctxt) {
    xmlSetGenericErrorFunc(app_generic_context, app_generic);
    xmlSetStructuredErrorFunc(app_context, app_handler);
    return ilcd_error_set(err, ILCD_ERR_NOMEM, name, 0, "", "out of memory");
  }
  xmlSAXHandlerPtr own = r.ctxt->sax;
  r.ctxt->sax = &sax;
  r.ctxt->userData = &r;
  xmlCtxtUseOptions(r.ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  r.ctxt->replaceEntities = 0;
  int rc = xmlParseDocument(r.ctxt);
  xmlSetGenericErrorFunc(app_generic_context, app_generic);
  xmlSetStructuredErrorFunc(app_context, app_handler);
  r.ctxt->sax = own;
  /* After an early error silences our callbacks (on_dtd among them), libxml2 goes on parsing a
   * DOCTYPE and, "for expat compatibility in SAX mode", records its entity declarations in a
   * document of its own, which freeing the context leaves behind. Nothing is expanded from it (our
   * getEntity finds nothing), but it must be freed. */
  if (r.ctxt->myDoc) {
    xmlFreeDoc(r.ctxt->myDoc);
    r.ctxt->myDoc = NULL;
  }
  db->xml_bytes += size;
  if (!r.status && rc != 0 && r.ctxt->errNo == XML_ERR_NO_MEMORY)
    r.status = ilcd_error_set(err, ILCD_ERR_NOMEM, name, 0, "", "out of memory");
  else if (!r.status && rc != 0 && r.ctxt->wellFormed == 0)
    ilcd_error_set(err, ILCD_ERR_XML, name, ilcd__reader_line(&r), "", "malformed XML"), r.status = ILCD_ERR_XML;
  if (!r.status && !r.kind && size) r.status = 1; /* empty root-less document: nothing to load */
  int status = r.status;
  if (!status) {
    status = r.kind->finish(&r);
    /* finish may fail through ilcd__reader_nomem (a reference it copies) and still add the data set. */
    if (!status && r.status) status = r.status;
    if (status == ILCD_ERR_NOMEM && err && err->code != ILCD_ERR_NOMEM)
      ilcd_error_set(err, ILCD_ERR_NOMEM, name, 0, "", "out of memory"); /* ilcd__db_add's */
  }
  if (status == 1) status = 0; /* a non-dataset XML file */
  if (status && r.have_uuid && err && !err->uuid[0]) ilcd_uuid_format(&r.uuid, err->uuid);
  if (r.state && r.kind->cleanup) r.kind->cleanup(&r);
  free(r.state);
  xmlFreeParserCtxt(r.ctxt);
  return status;
}
