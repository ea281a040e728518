/* read_units.c: flow property data sets (ILCD_FlowPropertyDataSet.xsd: name, the reference unit
 * group and the data sources) and unit group data sets (ILCD_UnitGroupDataSet.xsd: units with their factors to the
 * reference unit). */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

enum { T_NAME = 1, T_VERSION, T_REF_TEXT, T_REF_UNIT, T_UNIT_NAME, T_UNIT_MEAN };

typedef struct property_state {
  ltext name;
  const char *version;
  rawref group;
  bool have_group;
  rawref *ref; /* the reference whose shortDescription is being read */
  vec sources; /* rawref: referenceToDataSource */
} property_state;

static int is_version(reader *r, const char *local) {
  return strcmp(local, "dataSetVersion") == 0 && ilcd__reader_parent_is(r, "publicationAndOwnership");
}

static int property_start(reader *r, const char *local, int depth) {
  property_state *s = r->state;
  if (!s->sources.size) ilcd__vec_init(&s->sources, sizeof(rawref));
  if (strcmp(local, "name") == 0 && ilcd__reader_parent_is(r, "dataSetInformation")) return T_NAME;
  if (strcmp(local, "referenceToReferenceUnitGroup") == 0) {
    s->ref = &s->group;
    ilcd__reader_ref_start(r, &s->group);
    s->have_group = true;
    return 0;
  }
  if (strcmp(local, "referenceToDataSource") == 0) {
    s->ref = ilcd__vec_push(&s->sources);
    if (!s->ref) return ilcd__reader_nomem(r), 0;
    ilcd__reader_ref_start(r, s->ref);
    return 0;
  }
  if (strcmp(local, "shortDescription") == 0 && (ilcd__reader_parent_is(r, "referenceToReferenceUnitGroup") ||
                                                 ilcd__reader_parent_is(r, "referenceToDataSource")))
    return T_REF_TEXT;
  return is_version(r, local) ? T_VERSION : 0;
}

static int property_end(reader *r, int tag, const char *t) {
  property_state *s = r->state;
  if (tag == T_NAME) return ilcd__reader_ltext(r, &s->name, t);
  if (tag == T_REF_TEXT) return s->ref ? ilcd__reader_ltext(r, &s->ref->text, t) : 0;
  if (tag == T_VERSION) s->version = ilcd__arena_strdup(&r->db->mem, t);
  return 0;
}

static int property_finish(reader *r) {
  property_state *s = r->state;
  ilcd_flow_property *p = ilcd__arena_alloc(&r->db->mem, sizeof *p);
  if (!p) return ilcd__reader_nomem(r);
  int rc = ilcd__reader_head(r, (dataset_head *)p, s->version, s->name.s);
  if (rc) return rc;
  if (!s->have_group) return ilcd__reader_fail(r, "flow property has no referenceToReferenceUnitGroup");
  ilcd__reader_ref_finish(r, &s->group, &p->unit_group);
  ilcd_ref *sources = ilcd__arena_array(&r->db->mem, s->sources.len, sizeof *sources);
  if (!sources) return ilcd__reader_nomem(r);
  for (size_t i = 0; i < s->sources.len; i++) ilcd__reader_ref_finish(r, (rawref *)s->sources.data + i, &sources[i]);
  p->sources = sources;
  p->n_sources = s->sources.len;
  return ilcd__db_add(r->db, ILCD_FLOW_PROPERTY, (dataset_head *)p);
}

static void property_cleanup(reader *r) {
  property_state *s = r->state;
  ilcd__vec_free(&s->sources);
}

const kind_reader ilcd__flow_property_reader = {"flowPropertyDataSet", ILCD_FLOW_PROPERTY, property_start,
                                                property_end,          property_finish,    property_cleanup,
                                                sizeof(property_state)};

typedef struct group_state {
  ltext name;
  const char *version;
  int ref_unit;
  bool have_ref_unit;
  vec units; /* ilcd_unit */
} group_state;

static int group_start(reader *r, const char *local, int depth) {
  group_state *s = r->state;
  if (!s->units.size) ilcd__vec_init(&s->units, sizeof(ilcd_unit));
  if (strcmp(local, "unit") == 0 && ilcd__reader_parent_is(r, "units")) {
    ilcd_unit *u = ilcd__vec_push(&s->units);
    if (!u) return ilcd__reader_nomem(r), 0;
    char id[24];
    u->internal_id = -1;
    u->name = "";
    if (ilcd__reader_attr_buf(r, "dataSetInternalID", id, sizeof id))
      ilcd__reader_int(r, id, "unit dataSetInternalID", &u->internal_id);
    return 0;
  }
  if (s->units.len && ilcd__reader_parent_is(r, "unit")) {
    if (strcmp(local, "name") == 0) return T_UNIT_NAME;
    if (strcmp(local, "meanValue") == 0) return T_UNIT_MEAN;
    return 0;
  }
  if (strcmp(local, "name") == 0 && ilcd__reader_parent_is(r, "dataSetInformation")) return T_NAME;
  if (strcmp(local, "referenceToReferenceUnit") == 0) return T_REF_UNIT;
  return is_version(r, local) ? T_VERSION : 0;
}

static int group_end(reader *r, int tag, const char *t) {
  group_state *s = r->state;
  ilcd_unit *u = s->units.len ? (ilcd_unit *)s->units.data + s->units.len - 1 : NULL;
  switch (tag) {
    case T_NAME: return ilcd__reader_ltext(r, &s->name, t);
    case T_VERSION: s->version = ilcd__arena_strdup(&r->db->mem, t); return 0;
    case T_REF_UNIT: s->have_ref_unit = true; return ilcd__reader_int(r, t, "referenceToReferenceUnit", &s->ref_unit);
    case T_UNIT_NAME: u->name = ilcd__arena_strdup(&r->db->mem, t); return u->name ? 0 : ilcd__reader_nomem(r);
    case T_UNIT_MEAN:
      if (ilcd__reader_number(r, t, "unit meanValue", &u->factor)) return r->status;
      /* Zero occurs in real data ("dimensionless" units); conversions through it are refused. */
      if (u->factor < 0) return ilcd__reader_fail(r, "unit \"%s\" has a negative factor %g", u->name, u->factor);
      return 0;
  }
  return 0;
}

static int group_finish(reader *r) {
  group_state *s = r->state;
  ilcd_unit_group *g = ilcd__arena_alloc(&r->db->mem, sizeof *g);
  ilcd_unit *units = ilcd__arena_array(&r->db->mem, s->units.len, sizeof *units);
  if (!g || !units) return ilcd__reader_nomem(r);
  int rc = ilcd__reader_head(r, (dataset_head *)g, s->version, s->name.s);
  if (rc) return rc;
  g->reference_unit = -1;
  for (size_t i = 0; i < s->units.len; i++) {
    units[i] = ((ilcd_unit *)s->units.data)[i];
    if (s->have_ref_unit && units[i].internal_id == s->ref_unit) g->reference_unit = (int)i;
  }
  g->units = units;
  g->n_units = s->units.len;
  return ilcd__db_add(r->db, ILCD_UNIT_GROUP, (dataset_head *)g);
}

static void group_cleanup(reader *r) {
  group_state *s = r->state;
  ilcd__vec_free(&s->units);
}

const kind_reader ilcd__unit_group_reader = {"unitGroupDataSet", ILCD_UNIT_GROUP, group_start,        group_end,
                                             group_finish,       group_cleanup,   sizeof(group_state)};
