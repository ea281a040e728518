/* read_method.c: LCIA method data sets (ILCD_LCIAMethodDataSet.xsd): characterisation factors by
 * flow, direction and location, and the method's reference quantity. Also sources and contacts
 * (ILCD_SourceDataSet.xsd, ILCD_ContactDataSet.xsd), kept for their names and citations. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

enum {
  T_NAME = 1,
  T_VERSION,
  T_METHODOLOGY,
  T_CATEGORY,
  T_INDICATOR,
  T_REF_TEXT,
  T_F_DIRECTION,
  T_F_LOCATION,
  T_F_MEAN,
  T_SHORT_NAME,
  T_CITATION
};

typedef struct method_state {
  ltext name;
  const char *version, *methodology, *category, *indicator;
  rawref quantity;
  bool have_quantity;
  rawref *ref;
  vec factors; /* ilcd_factor */
  vec refs;    /* rawref */
  vec sources; /* rawref */
} method_state;

static int method_start(reader *r, const char *local, int depth) {
  method_state *s = r->state;
  if (!s->factors.size) {
    ilcd__vec_init(&s->factors, sizeof(ilcd_factor));
    ilcd__vec_init(&s->refs, sizeof(rawref));
    ilcd__vec_init(&s->sources, sizeof(rawref));
  }
  if (strcmp(local, "factor") == 0 && ilcd__reader_parent_is(r, "characterisationFactors")) {
    ilcd_factor *f = ilcd__vec_push(&s->factors);
    if (!f || !ilcd__vec_push(&s->refs)) return ilcd__reader_nomem(r), 0;
    f->direction = -1;
    f->location = "";
    /* s->ref may point into refs, which the push above can have moved: forget it. */
    s->ref = NULL;
    return 0;
  }
  if (s->factors.len && ilcd__reader_within(r, "factor")) {
    if (strcmp(local, "referenceToFlowDataSet") == 0) {
      s->ref = (rawref *)s->refs.data + s->refs.len - 1;
      ilcd__reader_ref_start(r, s->ref);
    } else if (strcmp(local, "shortDescription") == 0 && ilcd__reader_parent_is(r, "referenceToFlowDataSet")) {
      return T_REF_TEXT;
    } else if (ilcd__reader_parent_is(r, "factor")) {
      if (strcmp(local, "exchangeDirection") == 0) return T_F_DIRECTION;
      if (strcmp(local, "location") == 0) return T_F_LOCATION;
      if (strcmp(local, "meanValue") == 0) return T_F_MEAN;
    }
    return 0;
  }
  if (strcmp(local, "referenceQuantity") == 0) {
    s->ref = &s->quantity;
    s->have_quantity = true;
    ilcd__reader_ref_start(r, s->ref);
    return 0;
  }
  if (strcmp(local, "referenceToExternalDocumentation") == 0) {
    s->ref = ilcd__vec_push(&s->sources);
    if (!s->ref) return ilcd__reader_nomem(r), 0;
    ilcd__reader_ref_start(r, s->ref);
    return 0;
  }
  if (strcmp(local, "shortDescription") == 0 &&
      (ilcd__reader_parent_is(r, "referenceQuantity") || ilcd__reader_parent_is(r, "referenceToExternalDocumentation")))
    return T_REF_TEXT;
  if (ilcd__reader_parent_is(r, "dataSetInformation")) {
    if (strcmp(local, "name") == 0) return T_NAME;
    if (strcmp(local, "methodology") == 0) return T_METHODOLOGY;
    if (strcmp(local, "impactCategory") == 0) return T_CATEGORY;
    if (strcmp(local, "impactIndicator") == 0) return T_INDICATOR;
  }
  if (strcmp(local, "dataSetVersion") == 0 && ilcd__reader_parent_is(r, "publicationAndOwnership")) return T_VERSION;
  return 0;
}

static int method_end(reader *r, int tag, const char *t) {
  method_state *s = r->state;
  ilcd_factor *f = s->factors.len ? (ilcd_factor *)s->factors.data + s->factors.len - 1 : NULL;
  arena *m = &r->db->mem;
  switch (tag) {
    case T_NAME: return ilcd__reader_ltext(r, &s->name, t);
    case T_VERSION: s->version = ilcd__arena_strdup(m, t); return 0;
    case T_METHODOLOGY: return ilcd__reader_join(r, &s->methodology, t, ", ");
    case T_CATEGORY: return ilcd__reader_join(r, &s->category, t, ", ");
    case T_INDICATOR: s->indicator = ilcd__arena_strdup(m, t); return 0;
    case T_REF_TEXT: return s->ref ? ilcd__reader_ltext(r, &s->ref->text, t) : 0;
    case T_F_DIRECTION:
      if (strcasecmp(t, "Input") == 0)
        f->direction = ILCD_INPUT;
      else if (strcasecmp(t, "Output") == 0)
        f->direction = ILCD_OUTPUT;
      else
        return ilcd__reader_fail(r, "factor direction \"%.40s\" is neither Input nor Output", t);
      return 0;
    case T_F_LOCATION: f->location = ilcd__arena_strdup(m, t); return 0;
    case T_F_MEAN: return ilcd__reader_number(r, t, "factor meanValue", &f->mean_value);
  }
  return 0;
}

static int method_finish(reader *r) {
  method_state *s = r->state;
  arena *m = &r->db->mem;
  ilcd_lcia_method *lm = ilcd__arena_alloc(m, sizeof *lm);
  ilcd_factor *factors = ilcd__arena_array(m, s->factors.len, sizeof *factors);
  ilcd_ref *sources = ilcd__arena_array(m, s->sources.len, sizeof *sources);
  if (!lm || !factors || !sources) return ilcd__reader_nomem(r);
  int rc = ilcd__reader_head(r, (dataset_head *)lm, s->version, s->name.s);
  if (rc) return rc;
  for (size_t i = 0; i < s->factors.len; i++) {
    factors[i] = ((ilcd_factor *)s->factors.data)[i];
    if ((int)factors[i].direction < 0)
      return ilcd__reader_fail(r, "characterisation factor %zu has no exchangeDirection", i + 1);
    ilcd__reader_ref_finish(r, (rawref *)s->refs.data + i, &factors[i].flow);
  }
  for (size_t i = 0; i < s->sources.len; i++) ilcd__reader_ref_finish(r, (rawref *)s->sources.data + i, &sources[i]);
  lm->methodology = s->methodology ? s->methodology : "";
  lm->impact_category = s->category ? s->category : "";
  lm->indicator = s->indicator ? s->indicator : "";
  if (s->have_quantity) ilcd__reader_ref_finish(r, &s->quantity, &lm->reference_quantity);
  lm->factors = factors;
  lm->n_factors = s->factors.len;
  lm->sources = sources;
  lm->n_sources = s->sources.len;
  return ilcd__db_add(r->db, ILCD_LCIA_METHOD, (dataset_head *)lm);
}

static void method_cleanup(reader *r) {
  method_state *s = r->state;
  ilcd__vec_free(&s->factors);
  ilcd__vec_free(&s->refs);
  ilcd__vec_free(&s->sources);
}

const kind_reader ilcd__lcia_method_reader = {"LCIAMethodDataSet", ILCD_LCIA_METHOD, method_start,        method_end,
                                              method_finish,       method_cleanup,   sizeof(method_state)};

/* ---- sources and contacts ------------------------------------------------------------------------ */

typedef struct named_state {
  ltext short_name, name, citation;
  const char *version;
} named_state;

static int named_start(reader *r, const char *local, int depth) {
  if (ilcd__reader_parent_is(r, "dataSetInformation")) {
    if (strcmp(local, "shortName") == 0) return T_SHORT_NAME;
    if (strcmp(local, "name") == 0) return T_NAME;
    if (strcmp(local, "sourceCitation") == 0) return T_CITATION;
  }
  if (strcmp(local, "dataSetVersion") == 0 && ilcd__reader_parent_is(r, "publicationAndOwnership")) return T_VERSION;
  return 0;
}

static int named_end(reader *r, int tag, const char *t) {
  named_state *s = r->state;
  switch (tag) {
    case T_SHORT_NAME: return ilcd__reader_ltext(r, &s->short_name, t);
    case T_NAME: return ilcd__reader_ltext(r, &s->name, t);
    case T_CITATION: return ilcd__reader_ltext(r, &s->citation, t);
    case T_VERSION: s->version = ilcd__arena_strdup(&r->db->mem, t); return 0;
  }
  return 0;
}

static int named_finish(reader *r) {
  named_state *s = r->state;
  ilcd_named *n = ilcd__arena_alloc(&r->db->mem, sizeof *n);
  if (!n) return ilcd__reader_nomem(r);
  int rc = ilcd__reader_head(r, (dataset_head *)n, s->version, s->short_name.s ? s->short_name.s : s->name.s);
  if (rc) return rc;
  n->citation = ilcd__ltext_or_empty(&s->citation);
  return ilcd__db_add(r->db, r->kind->kind, (dataset_head *)n);
}

const kind_reader ilcd__source_reader = {"sourceDataSet", ILCD_SOURCE, named_start,        named_end,
                                         named_finish,    NULL,        sizeof(named_state)};
const kind_reader ilcd__contact_reader = {"contactDataSet", ILCD_CONTACT, named_start,        named_end,
                                          named_finish,     NULL,         sizeof(named_state)};
