/* read_process.c: process data sets (ILCD_ProcessDataSet.xsd, ILCD 1.1 and EF 3.x).
 * Keeps what footprinting and reporting need: name, reference flow(s), exchanges with amounts,
 * uncertainty and derivation, location, time, technology, classification, LCI method and
 * allocation notes, data sources, and the LCIAResults section. */
#include "reader.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
  T_BASE_NAME = 1,
  T_ROUTES,
  T_MIX,
  T_FU_PROPS,
  T_CLASS,
  T_COMMENT,
  T_REF_FLOW,
  T_YEAR,
  T_VALID_UNTIL,
  T_TECHNOLOGY,
  T_TYPE,
  T_PRINCIPLE,
  T_APPROACHES,
  T_DEVIATIONS,
  T_CONSTANTS,
  T_VERSION,
  T_EX_DIRECTION,
  T_EX_MEAN,
  T_EX_RESULTING,
  T_EX_DISTRIBUTION,
  T_EX_RSD,
  T_EX_MIN,
  T_EX_MAX,
  T_EX_DERIVATION,
  T_EX_LOCATION,
  T_REF_TEXT,
  T_LCIA_MEAN,
  T_LCIA_MODULE
};

typedef struct process_state {
  ltext base_name, routes, mix, fu_props, comment, technology, deviations, constants;
  const char *classification, *type, *principle, *approaches, *version, *location;
  int year, valid_until;
  vec ref_flows; /* int */
  vec exchanges; /* ilcd_exchange */
  vec ex_refs;   /* rawref, parallel to exchanges */
  vec lcia;      /* ilcd_lcia_result */
  vec lcia_refs; /* rawref */
  vec modules;   /* ilcd_module_amount of all results; lcia[i].n_modules counts them in order */
  vec allocs;    /* ilcd_allocation of all exchanges; exchanges[i].n_allocations counts them */
  vec sources;   /* rawref */
  vec scenarios; /* const char *: ILCD+EPD scenarios flagged default */
  rawref *ref;   /* the reference whose shortDescription is being read */
} process_state;

/* <allocation internalReferenceToCoProduct=".." allocatedFraction=".."/> of the current exchange.
 * Both attributes are needed for the allocation to mean anything; the fraction is a percentage
 * (ILCD type Perc) of this exchange, so it lies within 0..100. */
static void allocation(reader *r, process_state *s) {
  ilcd_exchange *ex = (ilcd_exchange *)s->exchanges.data + s->exchanges.len - 1;
  ilcd_allocation *a = ilcd__vec_push(&s->allocs);
  if (!a) {
    ilcd__reader_nomem(r);
    return;
  }
  char buf[64];
  if (!ilcd__reader_attr_buf(r, "internalReferenceToCoProduct", buf, sizeof buf)) {
    ilcd__reader_fail(r, "exchange %d: <allocation> without internalReferenceToCoProduct", ex->internal_id);
    return;
  }
  if (ilcd__reader_int(r, buf, "allocation internalReferenceToCoProduct", &a->co_product)) return;
  if (!ilcd__reader_attr_buf(r, "allocatedFraction", buf, sizeof buf)) {
    ilcd__reader_fail(r, "exchange %d: <allocation> to co-product %d without allocatedFraction", ex->internal_id,
                      a->co_product);
    return;
  }
  if (ilcd__reader_number(r, buf, "allocation allocatedFraction", &a->fraction_percent)) return;
  if (a->fraction_percent < 0 || a->fraction_percent > 100) {
    ilcd__reader_fail(r, "exchange %d: allocatedFraction %g %% to co-product %d is outside 0..100 %%", ex->internal_id,
                      a->fraction_percent, a->co_product);
    return;
  }
  ex->n_allocations++;
}

/* An attribute by local name in any namespace (ILCD+EPD writes epd:module, epd:scenario...). */
static void any_attr(reader *r, const char *local, char *buf, size_t size) {
  ilcd__reader_attr_buf(r, local, buf, size);
  for (int i = 0; !buf[0] && i < r->nattrs; i++)
    if (strcmp((const char *)r->attrs[5 * i], local) == 0) {
      size_t n = (size_t)(r->attrs[5 * i + 4] - r->attrs[5 * i + 3]);
      if (n >= size) n = size - 1;
      memcpy(buf, r->attrs[5 * i + 3], n);
      buf[n] = '\0';
    }
}

static int start(reader *r, const char *local, int depth) {
  process_state *s = r->state;
  if (!s->ref_flows.size) {
    ilcd__vec_init(&s->ref_flows, sizeof(int));
    ilcd__vec_init(&s->exchanges, sizeof(ilcd_exchange));
    ilcd__vec_init(&s->ex_refs, sizeof(rawref));
    ilcd__vec_init(&s->lcia, sizeof(ilcd_lcia_result));
    ilcd__vec_init(&s->lcia_refs, sizeof(rawref));
    ilcd__vec_init(&s->sources, sizeof(rawref));
    ilcd__vec_init(&s->modules, sizeof(ilcd_module_amount));
    ilcd__vec_init(&s->allocs, sizeof(ilcd_allocation));
    ilcd__vec_init(&s->scenarios, sizeof(const char *));
  }
  if (strcmp(local, "exchange") == 0 && ilcd__reader_parent_is(r, "exchanges")) {
    ilcd_exchange *ex = ilcd__vec_push(&s->exchanges);
    rawref *ref = ilcd__vec_push(&s->ex_refs);
    if (!ex || !ref) return ilcd__reader_nomem(r), 0;
    char id[24];
    ex->internal_id = -1;
    if (ilcd__reader_attr_buf(r, "dataSetInternalID", id, sizeof id) &&
        ilcd__reader_int(r, id, "exchange dataSetInternalID", &ex->internal_id))
      return 0;
    ex->rsd95_percent = ex->minimum = ex->maximum = NAN;
    ex->derivation = ex->location = "";
    ex->direction = -1;
    ex->line = ilcd__reader_line(r);
    s->ref = NULL; /* it may point into ex_refs, which the push above can have moved */
    return 0;
  }
  if (strcmp(local, "LCIAResult") == 0) {
    if (!ilcd__vec_push(&s->lcia) || !ilcd__vec_push(&s->lcia_refs)) return ilcd__reader_nomem(r), 0;
    s->ref = NULL; /* as for exchanges */
    return 0;
  }
  if (s->exchanges.len && ilcd__reader_within(r, "exchange")) {
    if (strcmp(local, "referenceToFlowDataSet") == 0) {
      s->ref = (rawref *)s->ex_refs.data + s->ex_refs.len - 1;
      ilcd__reader_ref_start(r, s->ref);
      return 0;
    }
    if (strcmp(local, "shortDescription") == 0 && ilcd__reader_parent_is(r, "referenceToFlowDataSet"))
      return T_REF_TEXT;
    if (strcmp(local, "allocation") == 0 && ilcd__reader_parent_is(r, "allocations")) {
      allocation(r, s);
      return 0;
    }
    if (depth > 0 && ilcd__reader_parent_is(r, "exchange")) {
      if (strcmp(local, "exchangeDirection") == 0) return T_EX_DIRECTION;
      if (strcmp(local, "meanAmount") == 0) return T_EX_MEAN;
      if (strcmp(local, "resultingAmount") == 0) return T_EX_RESULTING;
      if (strcmp(local, "uncertaintyDistributionType") == 0) return T_EX_DISTRIBUTION;
      if (strcmp(local, "relativeStandardDeviation95In") == 0) return T_EX_RSD;
      if (strcmp(local, "minimumAmount") == 0) return T_EX_MIN;
      if (strcmp(local, "maximumAmount") == 0) return T_EX_MAX;
      if (strcmp(local, "dataDerivationTypeStatus") == 0) return T_EX_DERIVATION;
      if (strcmp(local, "location") == 0) return T_EX_LOCATION;
    }
    return 0;
  }
  if (s->lcia.len && ilcd__reader_within(r, "LCIAResult")) {
    if (strcmp(local, "referenceToLCIAMethodDataSet") == 0) {
      s->ref = (rawref *)s->lcia_refs.data + s->lcia_refs.len - 1;
      ilcd__reader_ref_start(r, s->ref);
      return 0;
    }
    if (strcmp(local, "shortDescription") == 0 && ilcd__reader_parent_is(r, "referenceToLCIAMethodDataSet"))
      return T_REF_TEXT;
    if (strcmp(local, "meanAmount") == 0 && ilcd__reader_parent_is(r, "LCIAResult")) return T_LCIA_MEAN;
    if (strcmp(local, "amount") == 0 && ilcd__reader_parent_is(r, "other")) {
      ilcd_module_amount *ma = ilcd__vec_push(&s->modules);
      if (!ma) return ilcd__reader_nomem(r), 0;
      char module[64], scenario[256];
      any_attr(r, "module", module, sizeof module);
      any_attr(r, "scenario", scenario, sizeof scenario);
      ma->module = ilcd__arena_strdup(&r->db->mem, module);
      ma->scenario = ilcd__arena_strdup(&r->db->mem, scenario);
      if (!ma->module || !ma->scenario) return ilcd__reader_nomem(r), 0;
      ((ilcd_lcia_result *)s->lcia.data)[s->lcia.len - 1].n_modules++;
      return T_LCIA_MODULE;
    }
    return 0;
  }
  if (strcmp(local, "scenario") == 0 && ilcd__reader_parent_is(r, "scenarios")) { /* ILCD+EPD */
    char name[256], def[8];
    any_attr(r, "name", name, sizeof name);
    any_attr(r, "default", def, sizeof def);
    if (strcmp(def, "true") == 0 && name[0]) {
      const char **slot = ilcd__vec_push(&s->scenarios);
      if (!slot || !(*slot = ilcd__arena_strdup(&r->db->mem, name))) return ilcd__reader_nomem(r), 0;
    }
    return 0;
  }
  if (strcmp(local, "referenceToDataSource") == 0) {
    rawref *ref = ilcd__vec_push(&s->sources);
    if (!ref) return ilcd__reader_nomem(r), 0;
    s->ref = ref;
    ilcd__reader_ref_start(r, ref);
    return 0;
  }
  if (strcmp(local, "shortDescription") == 0 && ilcd__reader_parent_is(r, "referenceToDataSource")) return T_REF_TEXT;
  if (ilcd__reader_parent_is(r, "name") && ilcd__reader_within(r, "dataSetInformation")) {
    if (strcmp(local, "baseName") == 0) return T_BASE_NAME;
    if (strcmp(local, "treatmentStandardsRoutes") == 0) return T_ROUTES;
    if (strcmp(local, "mixAndLocationTypes") == 0) return T_MIX;
    if (strcmp(local, "functionalUnitFlowProperties") == 0) return T_FU_PROPS;
    return 0;
  }
  if (strcmp(local, "class") == 0 && ilcd__reader_within(r, "classificationInformation")) return T_CLASS;
  if (strcmp(local, "generalComment") == 0 && ilcd__reader_parent_is(r, "dataSetInformation")) return T_COMMENT;
  if (strcmp(local, "referenceToReferenceFlow") == 0) return T_REF_FLOW;
  if (strcmp(local, "referenceYear") == 0 && ilcd__reader_parent_is(r, "time")) return T_YEAR;
  if (strcmp(local, "dataSetValidUntil") == 0 && ilcd__reader_parent_is(r, "time")) return T_VALID_UNTIL;
  if (strcmp(local, "locationOfOperationSupplyOrProduction") == 0) {
    s->location = ilcd__reader_attr(r, "location");
    return 0;
  }
  if (strcmp(local, "technologyDescriptionAndIncludedProcesses") == 0) return T_TECHNOLOGY;
  if (ilcd__reader_parent_is(r, "LCIMethodAndAllocation")) {
    if (strcmp(local, "typeOfDataSet") == 0) return T_TYPE;
    if (strcmp(local, "LCIMethodPrinciple") == 0) return T_PRINCIPLE;
    if (strcmp(local, "LCIMethodApproaches") == 0) return T_APPROACHES;
    if (strcmp(local, "deviationsFromLCIMethodPrinciple") == 0) return T_DEVIATIONS;
    if (strcmp(local, "deviationsFromModellingConstants") == 0) return T_CONSTANTS;
    return 0;
  }
  if (strcmp(local, "dataSetVersion") == 0 && ilcd__reader_parent_is(r, "publicationAndOwnership")) return T_VERSION;
  return 0;
}

static ilcd_uncertainty distribution(const char *t) {
  if (strcmp(t, "log-normal") == 0 || strcmp(t, "lognormal") == 0) return ILCD_UNC_LOGNORMAL;
  if (strcmp(t, "normal") == 0) return ILCD_UNC_NORMAL;
  if (strcmp(t, "triangular") == 0) return ILCD_UNC_TRIANGULAR;
  if (strcmp(t, "uniform") == 0) return ILCD_UNC_UNIFORM;
  return ILCD_UNC_UNDEFINED;
}

static int end(reader *r, int tag, const char *t) {
  process_state *s = r->state;
  ilcd_exchange *ex = s->exchanges.len ? (ilcd_exchange *)s->exchanges.data + s->exchanges.len - 1 : NULL;
  ilcd_lcia_result *lr = s->lcia.len ? (ilcd_lcia_result *)s->lcia.data + s->lcia.len - 1 : NULL;
  arena *m = &r->db->mem;
  switch (tag) {
    case T_BASE_NAME: return ilcd__reader_ltext(r, &s->base_name, t);
    case T_ROUTES: return ilcd__reader_ltext(r, &s->routes, t);
    case T_MIX: return ilcd__reader_ltext(r, &s->mix, t);
    case T_FU_PROPS: return ilcd__reader_ltext(r, &s->fu_props, t);
    case T_COMMENT: return ilcd__reader_ltext(r, &s->comment, t);
    case T_TECHNOLOGY: return ilcd__reader_ltext(r, &s->technology, t);
    case T_DEVIATIONS: return ilcd__reader_ltext(r, &s->deviations, t);
    case T_CONSTANTS: return ilcd__reader_ltext(r, &s->constants, t);
    case T_CLASS: return r->capture_score >= 2 ? ilcd__reader_join(r, &s->classification, t, " / ") : 0;
    case T_TYPE: s->type = ilcd__arena_strdup(m, t); return 0;
    case T_PRINCIPLE: s->principle = ilcd__arena_strdup(m, t); return 0;
    case T_APPROACHES: return ilcd__reader_join(r, &s->approaches, t, ", ");
    case T_VERSION: s->version = ilcd__arena_strdup(m, t); return 0;
    case T_REF_FLOW: {
      int *id = ilcd__vec_push(&s->ref_flows);
      if (!id) return ilcd__reader_nomem(r);
      return ilcd__reader_int(r, t, "referenceToReferenceFlow", id);
    }
    case T_YEAR: return *t ? ilcd__reader_int(r, t, "referenceYear", &s->year) : 0;
    case T_VALID_UNTIL: return *t ? ilcd__reader_int(r, t, "dataSetValidUntil", &s->valid_until) : 0;
    case T_REF_TEXT: return s->ref ? ilcd__reader_ltext(r, &s->ref->text, t) : 0;
    case T_EX_DIRECTION:
      /* Some exports write OUTPUT in capitals. */
      if (strcasecmp(t, "Input") == 0)
        ex->direction = ILCD_INPUT;
      else if (strcasecmp(t, "Output") == 0)
        ex->direction = ILCD_OUTPUT;
      else
        return ilcd__reader_fail(r, "exchange %d: direction \"%.40s\" is neither Input nor Output", ex->internal_id, t);
      return 0;
    case T_EX_MEAN: return ilcd__reader_number(r, t, "exchange meanAmount", &ex->mean_amount);
    case T_EX_RESULTING:
      if (!*t) return 0;
      ex->has_resulting_amount = 1;
      return ilcd__reader_number(r, t, "exchange resultingAmount", &ex->resulting_amount);
    case T_EX_DISTRIBUTION: ex->uncertainty = distribution(t); return 0;
    case T_EX_RSD: return *t ? ilcd__reader_number(r, t, "relativeStandardDeviation95In", &ex->rsd95_percent) : 0;
    case T_EX_MIN: return *t ? ilcd__reader_number(r, t, "minimumAmount", &ex->minimum) : 0;
    case T_EX_MAX: return *t ? ilcd__reader_number(r, t, "maximumAmount", &ex->maximum) : 0;
    case T_EX_DERIVATION: ex->derivation = ilcd__arena_strdup(m, t); return 0;
    case T_EX_LOCATION: ex->location = ilcd__arena_strdup(m, t); return 0;
    case T_LCIA_MODULE: {
      ilcd_module_amount *ma = (ilcd_module_amount *)s->modules.data + s->modules.len - 1;
      if (!*t) return 0;
      ma->has_amount = 1;
      return ilcd__reader_number(r, t, "epd:amount", &ma->amount);
    }
    case T_LCIA_MEAN:
      if (!*t) return 0;
      lr->has_mean_amount = 1;
      return ilcd__reader_number(r, t, "LCIAResult meanAmount", &lr->mean_amount);
  }
  return 0;
}

static const char *join_name(reader *r, process_state *s) {
  const char *name = NULL;
  const ltext *parts[] = {&s->base_name, &s->routes, &s->mix, &s->fu_props};
  for (int i = 0; i < 4; i++)
    if (parts[i]->s) ilcd__reader_join(r, &name, parts[i]->s, "; ");
  return name ? name : "";
}

static void cleanup(reader *r) {
  process_state *s = r->state;
  ilcd__vec_free(&s->ref_flows);
  ilcd__vec_free(&s->exchanges);
  ilcd__vec_free(&s->ex_refs);
  ilcd__vec_free(&s->lcia);
  ilcd__vec_free(&s->lcia_refs);
  ilcd__vec_free(&s->sources);
  ilcd__vec_free(&s->modules);
  ilcd__vec_free(&s->allocs);
  ilcd__vec_free(&s->scenarios);
}

static int finish(reader *r) {
  process_state *s = r->state;
  arena *m = &r->db->mem;
  ilcd_process *p = ilcd__arena_alloc(m, sizeof *p);
  int rc = p ? 0 : ilcd__reader_nomem(r);
  if (!rc) rc = ilcd__reader_head(r, (dataset_head *)p, s->version, join_name(r, s));
  for (size_t i = 0; !rc && i < s->exchanges.len; i++) {
    ilcd_exchange *ex = (ilcd_exchange *)s->exchanges.data + i;
    bool is_reference = false;
    for (size_t j = 0; j < s->ref_flows.len; j++) is_reference |= ((int *)s->ref_flows.data)[j] == ex->internal_id;
    /* ILCD+EPD data sets omit the direction of the declared product: it is the output. */
    if ((int)ex->direction < 0 && is_reference) ex->direction = ILCD_OUTPUT;
    if ((int)ex->direction < 0) rc = ilcd__reader_fail(r, "exchange %d has no exchangeDirection", ex->internal_id);
    ilcd__reader_ref_finish(r, (rawref *)s->ex_refs.data + i, &ex->flow);
    if (!ex->has_resulting_amount) ex->resulting_amount = ex->mean_amount;
  }
  /* Allocations: each exchange's slice of one array; each must name an exchange of this process
   * (the schema's keyref "allocation"). */
  ilcd_allocation *allocs = ilcd__arena_array(m, s->allocs.len, sizeof(ilcd_allocation));
  if (!allocs && !rc) rc = ilcd__reader_nomem(r);
  if (!rc && s->allocs.len) memcpy(allocs, s->allocs.data, s->allocs.len * sizeof *allocs);
  for (size_t i = 0, k = 0; !rc && i < s->exchanges.len; i++) {
    ilcd_exchange *ex = (ilcd_exchange *)s->exchanges.data + i;
    ex->allocations = ex->n_allocations ? allocs + k : NULL;
    for (size_t a = 0; !rc && a < ex->n_allocations; a++) {
      bool found = false;
      for (size_t j = 0; j < s->exchanges.len && !found; j++)
        found = ((ilcd_exchange *)s->exchanges.data)[j].internal_id == ex->allocations[a].co_product;
      if (!found)
        rc = ilcd__reader_fail(r,
                               "exchange %d (line %ld): its allocation names co-product exchange %d, which the process "
                               "does not have",
                               ex->internal_id, ex->line, ex->allocations[a].co_product);
    }
    k += ex->n_allocations;
  }
  ilcd_module_amount *modules = ilcd__arena_array(m, s->modules.len, sizeof(ilcd_module_amount));
  if (!modules && !rc) rc = ilcd__reader_nomem(r);
  if (!rc && s->modules.len) memcpy(modules, s->modules.data, s->modules.len * sizeof *modules);
  for (size_t i = 0, k = 0; !rc && i < s->lcia.len; i++) {
    ilcd_lcia_result *lr = (ilcd_lcia_result *)s->lcia.data + i;
    ilcd__reader_ref_finish(r, (rawref *)s->lcia_refs.data + i, &lr->method);
    lr->modules = modules + k;
    k += lr->n_modules;
  }
  if (!rc) {
    p->type = s->type ? s->type : "";
    p->location = s->location ? s->location : "";
    p->reference_year = s->year;
    p->valid_until = s->valid_until;
    p->classification = s->classification ? s->classification : "";
    p->technology = ilcd__ltext_or_empty(&s->technology);
    p->general_comment = ilcd__ltext_or_empty(&s->comment);
    p->lci_method = "";
    if (s->principle) ilcd__reader_join(r, &p->lci_method, s->principle, "; ");
    if (s->approaches) ilcd__reader_join(r, &p->lci_method, s->approaches, "; ");
    p->allocation = "";
    if (s->deviations.s) ilcd__reader_join(r, &p->allocation, s->deviations.s, "; ");
    if (s->constants.s) ilcd__reader_join(r, &p->allocation, s->constants.s, "; ");
    p->n_reference_flows = s->ref_flows.len;
    p->n_exchanges = s->exchanges.len;
    p->n_lcia_results = s->lcia.len;
    p->n_sources = s->sources.len;
    int *refs = ilcd__arena_array(m, s->ref_flows.len, sizeof(int));
    ilcd_exchange *exs = ilcd__arena_array(m, s->exchanges.len, sizeof(ilcd_exchange));
    ilcd_lcia_result *lcia = ilcd__arena_array(m, s->lcia.len, sizeof(ilcd_lcia_result));
    ilcd_ref *sources = ilcd__arena_array(m, s->sources.len, sizeof(ilcd_ref));
    const char **scenarios = ilcd__arena_array(m, s->scenarios.len, sizeof(const char *));
    if (!refs || !exs || !lcia || !sources || !scenarios) rc = ilcd__reader_nomem(r);
    if (!rc) {
      if (s->ref_flows.len) memcpy(refs, s->ref_flows.data, s->ref_flows.len * sizeof(int));
      if (s->exchanges.len) memcpy(exs, s->exchanges.data, s->exchanges.len * sizeof(ilcd_exchange));
      if (s->lcia.len) memcpy(lcia, s->lcia.data, s->lcia.len * sizeof(ilcd_lcia_result));
      for (size_t i = 0; i < s->sources.len; i++)
        ilcd__reader_ref_finish(r, (rawref *)s->sources.data + i, &sources[i]);
      p->reference_flows = refs;
      p->exchanges = exs;
      p->lcia_results = lcia;
      p->sources = sources;
      if (s->scenarios.len) memcpy(scenarios, s->scenarios.data, s->scenarios.len * sizeof(const char *));
      p->n_default_scenarios = s->scenarios.len;
      p->default_scenarios = scenarios;
      rc = ilcd__db_add(r->db, ILCD_PROCESS, (dataset_head *)p);
    }
  }
  return rc;
}

const kind_reader ilcd__process_reader = {"processDataSet", ILCD_PROCESS,         start, end, finish,
                                          cleanup,          sizeof(process_state)};
