/* read_flow.c: flow data sets (ILCD_FlowDataSet.xsd): type, CAS, classification or elementary
 * flow category, flow properties with their mean values and the reference flow property. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

enum {
  T_BASE_NAME = 1,
  T_ROUTES,
  T_MIX,
  T_FU_PROPS,
  T_CAS,
  T_CATEGORY,
  T_REF_PROP,
  T_TYPE,
  T_VERSION,
  T_PROP_MEAN,
  T_REF_TEXT
};

typedef struct flow_state {
  ltext base_name, routes, mix, fu_props;
  const char *cas, *classification, *version;
  ilcd_flow_type type;
  int ref_prop_id;
  bool have_ref_prop;
  vec props; /* ilcd_flow_property_ref */
  vec refs;  /* rawref */
} flow_state;

static int start(reader *r, const char *local, int depth) {
  flow_state *s = r->state;
  if (!s->props.size) {
    ilcd__vec_init(&s->props, sizeof(ilcd_flow_property_ref));
    ilcd__vec_init(&s->refs, sizeof(rawref));
  }
  if (strcmp(local, "flowProperty") == 0 && ilcd__reader_parent_is(r, "flowProperties")) {
    ilcd_flow_property_ref *p = ilcd__vec_push(&s->props);
    if (!p || !ilcd__vec_push(&s->refs)) return ilcd__reader_nomem(r), 0;
    char id[24];
    p->internal_id = -1;
    if (ilcd__reader_attr_buf(r, "dataSetInternalID", id, sizeof id))
      ilcd__reader_int(r, id, "flowProperty dataSetInternalID", &p->internal_id);
    return 0;
  }
  if (s->props.len && ilcd__reader_within(r, "flowProperty")) {
    rawref *ref = (rawref *)s->refs.data + s->refs.len - 1;
    if (strcmp(local, "referenceToFlowPropertyDataSet") == 0)
      ilcd__reader_ref_start(r, ref);
    else if (strcmp(local, "shortDescription") == 0)
      return T_REF_TEXT;
    else if (strcmp(local, "meanValue") == 0)
      return T_PROP_MEAN;
    return 0;
  }
  if (ilcd__reader_parent_is(r, "name") && ilcd__reader_within(r, "dataSetInformation")) {
    if (strcmp(local, "baseName") == 0) return T_BASE_NAME;
    if (strcmp(local, "treatmentStandardsRoutes") == 0) return T_ROUTES;
    if (strcmp(local, "mixAndLocationTypes") == 0) return T_MIX;
    if (strcmp(local, "flowProperties") == 0) return T_FU_PROPS;
    return 0;
  }
  if (strcmp(local, "CASNumber") == 0) return T_CAS;
  if ((strcmp(local, "category") == 0 || strcmp(local, "class") == 0) &&
      ilcd__reader_within(r, "classificationInformation"))
    return T_CATEGORY;
  if (strcmp(local, "referenceToReferenceFlowProperty") == 0) return T_REF_PROP;
  if (strcmp(local, "typeOfDataSet") == 0 && ilcd__reader_parent_is(r, "LCIMethod")) return T_TYPE;
  if (strcmp(local, "dataSetVersion") == 0 && ilcd__reader_parent_is(r, "publicationAndOwnership")) return T_VERSION;
  return 0;
}

static int end(reader *r, int tag, const char *t) {
  flow_state *s = r->state;
  arena *m = &r->db->mem;
  switch (tag) {
    case T_BASE_NAME: return ilcd__reader_ltext(r, &s->base_name, t);
    case T_ROUTES: return ilcd__reader_ltext(r, &s->routes, t);
    case T_MIX: return ilcd__reader_ltext(r, &s->mix, t);
    case T_FU_PROPS: return ilcd__reader_ltext(r, &s->fu_props, t);
    case T_CAS: s->cas = ilcd__arena_strdup(m, t); return 0;
    case T_CATEGORY: return r->capture_score >= 2 ? ilcd__reader_join(r, &s->classification, t, " / ") : 0;
    case T_REF_PROP:
      s->have_ref_prop = true;
      return ilcd__reader_int(r, t, "referenceToReferenceFlowProperty", &s->ref_prop_id);
    case T_TYPE:
      if (strcmp(t, "Elementary flow") == 0)
        s->type = ILCD_FLOW_ELEMENTARY;
      else if (strcmp(t, "Product flow") == 0)
        s->type = ILCD_FLOW_PRODUCT;
      else if (strcmp(t, "Waste flow") == 0)
        s->type = ILCD_FLOW_WASTE;
      else
        s->type = ILCD_FLOW_OTHER;
      return 0;
    case T_VERSION: s->version = ilcd__arena_strdup(m, t); return 0;
    case T_PROP_MEAN: {
      ilcd_flow_property_ref *p = (ilcd_flow_property_ref *)s->props.data + s->props.len - 1;
      return ilcd__reader_number(r, t, "flowProperty meanValue", &p->mean_value);
    }
    case T_REF_TEXT: {
      rawref *ref = (rawref *)s->refs.data + s->refs.len - 1;
      return ilcd__reader_ltext(r, &ref->text, t);
    }
  }
  return 0;
}

static int finish(reader *r) {
  flow_state *s = r->state;
  arena *m = &r->db->mem;
  ilcd_flow *f = ilcd__arena_alloc(m, sizeof *f);
  if (!f) return ilcd__reader_nomem(r);
  const char *name = NULL;
  const ltext *parts[] = {&s->base_name, &s->routes, &s->mix, &s->fu_props};
  for (int i = 0; i < 4; i++)
    if (parts[i]->s) ilcd__reader_join(r, &name, parts[i]->s, "; ");
  int rc = ilcd__reader_head(r, (dataset_head *)f, s->version, name);
  if (rc) return rc;
  f->type = s->type;
  f->cas = s->cas ? s->cas : "";
  f->classification = s->classification ? s->classification : "";
  ilcd_flow_property_ref *props = ilcd__arena_array(m, s->props.len, sizeof *props);
  if (!props) return ilcd__reader_nomem(r);
  f->reference_property = -1;
  for (size_t i = 0; i < s->props.len; i++) {
    props[i] = ((ilcd_flow_property_ref *)s->props.data)[i];
    ilcd__reader_ref_finish(r, (rawref *)s->refs.data + i, &props[i].property);
    if (s->have_ref_prop && props[i].internal_id == s->ref_prop_id) f->reference_property = (int)i;
  }
  f->properties = props;
  f->n_properties = s->props.len;
  return ilcd__db_add(r->db, ILCD_FLOW, (dataset_head *)f);
}

static void cleanup(reader *r) {
  flow_state *s = r->state;
  ilcd__vec_free(&s->props);
  ilcd__vec_free(&s->refs);
}

const kind_reader ilcd__flow_reader = {"flowDataSet", ILCD_FLOW, start, end, finish, cleanup, sizeof(flow_state)};
