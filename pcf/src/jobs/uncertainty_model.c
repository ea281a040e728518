/* uncertainty_model.c: the footprint as a function of the uncertain inputs (pcf/uncertainty.h):
 * a copy of the technosphere A of the product's restricted system whose entries and direct
 * emissions are redrawn per iteration, refactorised by KLU with the pattern and pivot order kept,
 * and the product's lines as coefficients on the unit impacts of their processes. ISO 14067:2018
 * 6.4.7 asks for the uncertainty of the quantified CFP to be assessed; the propagation follows
 * the usual matrix LCA practice (Heijungs and Suh 2002, ch. 7; Imbeault-Tétreault et al. 2013). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "product_internal.h"
#include "uncertainty_internal.h"

static char *dup(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

static uint64_t exchange_key(const ilcd_process *p, const ilcd_exchange *ex) {
  uint64_t h = pcf_rng_hash((const char *)p->uuid.b, sizeof p->uuid.b);
  return h ^ ((uint64_t)(uint32_t)ex->internal_id * 0x9e3779b97f4a7c15u);
}

/* Adds process p as a block (column col or -1) with all its exchanges. Returns its index or -1. */
static long add_block(pcf_unc_model *m, const ilcd_process *p, long col) {
  const pcf_system *s = pcf_data_system(m->data);
  if (m->n_blocks == m->cap_blocks) {
    size_t cap = m->cap_blocks ? 2 * m->cap_blocks : 64;
    unc_block *v = realloc(m->blocks, cap * sizeof *v);
    if (!v) return -1;
    m->blocks = v;
    m->cap_blocks = cap;
  }
  if (m->n_ex + p->n_exchanges > m->cap_ex) {
    size_t cap = (m->n_ex + p->n_exchanges) * 2 + 64;
    unc_ex *v = realloc(m->ex, cap * sizeof *v);
    if (!v) return -1;
    m->ex = v;
    m->cap_ex = cap;
  }
  const ilcd_exchange *ref = NULL;
  pcf_system_reference(s, p, &ref, NULL, NULL, NULL);
  double d[UNC_VALUES] = {0};
  pcf_system_direct_impacts(s, p, d);
  bool characterised = pcf_system_direct_source(s, p, NULL) == PCF_DIRECT_CHARACTERISED;
  unc_block *b = &m->blocks[m->n_blocks];
  *b = (unc_block){p, col, m->n_ex, p->n_exchanges, d[PCF_TOTAL], ref ? ref->resulting_amount : 1, 0};
  for (size_t e = 0; e < p->n_exchanges; e++) {
    const ilcd_exchange *ex = &p->exchanges[e];
    unc_ex *u = &m->ex[m->n_ex++];
    memset(u, 0, sizeof *u);
    u->ex = ex;
    u->x0 = u->x = ex->resulting_amount;
    u->key = exchange_key(p, ex);
    u->triplet = -1;
    u->block = (int32_t)m->n_blocks;
    u->sign = 1;
    u->row = -1;
    if (ex->flow.valid && ex->resulting_amount != 0 && ex != ref) {
      long row = pcf_system_link(s, ex, &u->sign);
      u->row = (int32_t)row;
      u->linked = row >= 0;
    }
    double cf = characterised && ex->flow.valid ? pcf_system_factor(s, &ex->flow.uuid, ex->direction) : NAN;
    u->cf = isnan(cf) ? 0 : cf;
    const char *why = "";
    pcf_dist_from_exchange(&u->dist, ex, &why);
    if (ex == ref || ex->resulting_amount == 0) u->dist.kind = PCF_DIST_NONE;
    u->uncertain = u->dist.kind != PCF_DIST_NONE && (u->linked || u->cf != 0);
    if (why[0]) m->unusable++;
  }
  return (long)m->n_blocks++;
}

long pcf__unc_block_of(pcf_unc_model *m, const ilcd_process *p) {
  /* A multi-functional process counts by its principal view (pcf/system.h). */
  const pcf_system *s = pcf_data_system(m->data);
  p = pcf_system_view(s, p);
  long col = pcf_system_column(s, p);
  if (col >= 0 && m->block_of_col[col] >= 0) return m->block_of_col[col];
  for (size_t i = 0; i < m->n_blocks; i++)
    if (m->blocks[i].p == p) return (long)i;
  return add_block(m, p, -1);
}

/* The lines of a footprint as coefficients on the unit impacts of their processes. A material
 * line with recycled content values two data sets (virgin and recycled): its coefficient folds
 * both onto the virgin one, exact in the deterministic case and a first approximation of the
 * spread. */
static int lines_from(pcf_unc_model *m, const pcf_result *r, pcf_error *err) {
  const ilcd_db *db = pcf_data_db(m->data);
  m->n_lines = 0;
  m->constant_lines = 0;
  memset(m->constant, 0, sizeof m->constant);
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    if (l->beyond_boundary) continue;
    ilcd_uuid u;
    const ilcd_process *p =
        l->process_uuid[0] && !ilcd_uuid_parse(&u, l->process_uuid) ? ilcd_db_process(db, &u) : NULL;
    if (!p) {
      m->constant[0] += l->value[PCF_TOTAL];
      m->constant[1 + l->stage] += l->value[PCF_TOTAL];
      if (!l->primary) m->constant_lines++;
      continue;
    }
    long b = pcf__unc_block_of(m, p);
    if (b < 0) return pcf_error_nomem(err);
    double unit[UNC_VALUES] = {0};
    int rc = pcf_solution_unit_impacts(m->solution, p, unit, err);
    if (rc) return rc;
    if (m->n_lines == m->cap_lines) {
      size_t cap = m->cap_lines ? 2 * m->cap_lines : 64;
      unc_line *v = realloc(m->lines, cap * sizeof *v);
      if (!v) return pcf_error_nomem(err);
      m->lines = v;
      m->cap_lines = cap;
    }
    double c = unit[PCF_TOTAL] != 0 ? l->value[PCF_TOTAL] / unit[PCF_TOTAL] : l->amount;
    m->lines[m->n_lines++] = (unc_line){(int)l->stage, (int32_t)b, c};
  }
  return 0;
}

/* The model's solution: the product's supply chains (or the process's), solved once; every
 * iteration's footprint values its lines there. */
static int solve(pcf_unc_model *m, const pcf_product *prod, pcf_error *err) {
  if (prod) return pcf_footprint_solve(&m->solution, m->data, &prod, 1, err);
  ilcd_uuid u;
  const ilcd_process *p = ilcd_uuid_parse(&u, m->process_uuid) ? NULL : ilcd_db_process(pcf_data_db(m->data), &u);
  if (!p) return pcf_error_set(err, PCF_ERR_NOT_FOUND, NULL, 0, "no process %s in the loaded data", m->process_uuid);
  return pcf_solution_new(&m->solution, pcf_data_system(m->data), &p, 1, err);
}

/* The footprint with the overrides ov (origins: one per override, see pcf__product_read). */
static int footprint(pcf_unc_model *m, const pcf_override *ov, const char *const *origins, size_t n_ov, pcf_result **r,
                     pcf_error *err) {
  *r = NULL;
  if (!m->product_path) {
    int rc = m->solution ? 0 : solve(m, NULL, err);
    return rc ? rc : pcf_footprint_process(r, m->data, m->process_uuid, err);
  }
  pcf_product *prod = NULL;
  /* A variant's changes first, then this iteration's inputs (later overrides win). */
  pcf_override *all = NULL;
  const char **all_origins = NULL;
  if (m->n_changes) {
    all = malloc((m->n_changes + n_ov) * sizeof *all);
    all_origins = calloc(m->n_changes + n_ov, sizeof *all_origins);
    if (!all || !all_origins) {
      free(all);
      free(all_origins);
      return pcf_error_nomem(err);
    }
    memcpy(all, m->changes, m->n_changes * sizeof *all);
    if (n_ov) memcpy(all + m->n_changes, ov, n_ov * sizeof *all);
    for (size_t i = 0; origins && i < n_ov; i++) all_origins[m->n_changes + i] = origins[i];
    ov = all;
    origins = all_origins;
    n_ov += m->n_changes;
  }
  int rc = pcf__product_read(&prod, m->product_path, ov, origins, n_ov, PRODUCT_MAX_INPUT, err);
  if (!rc && !m->solution) rc = solve(m, prod, err);
  if (!rc) {
    pcf_footprint_options o = PCF_FOOTPRINT_OPTIONS_INIT;
    o.solution = m->solution;
    rc = pcf_footprint_product_ex(r, m->data, prod, &o, err);
  }
  pcf_product_free(prod);
  free(all);
  free(all_origins);
  return rc;
}

/* What a drawn value comes from, for any message about it: the product reader puts this before
 * its own words, so that a drawn value never reads as one the user wrote. */
typedef char origin_text[1024];

int pcf__unc_model_apply_inputs(pcf_unc_model *m, const double *values, pcf_error *err) {
  size_t n = values && m->inputs ? m->inputs->count : 0;
  pcf_override *ov = calloc(n ? n : 1, sizeof *ov);
  char(*text)[64] = calloc(n ? n : 1, sizeof *text);
  origin_text *origin = calloc(n ? n : 1, sizeof *origin);
  const char **origins = calloc(n ? n : 1, sizeof *origins);
  int rc = 0;
  if (!ov || !text || !origin || !origins) rc = pcf_error_nomem(err);
  for (size_t i = 0; !rc && i < n; i++) {
    const pcf_unc_input *in = &m->inputs->items[i];
    snprintf(text[i], sizeof text[i], "%.17g%s%s", values[i], in->unit[0] ? " " : "", in->unit);
    snprintf(origin[i], sizeof origin[i],
             "the uncertainty input %s.%s = %s (%.300s:%ld) drew %.17g, which the "
             "product does not take",
             in->section, in->key, in->text, m->inputs->path ? m->inputs->path : "", in->line, values[i]);
    ov[i] = (pcf_override){in->section, in->key, text[i]};
    origins[i] = origin[i];
  }
  pcf_result *r = NULL;
  if (!rc) rc = footprint(m, ov, origins, n, &r, err);
  if (!rc) rc = lines_from(m, r, err);
  pcf_result_free(r);
  free(ov);
  free(text);
  free(origin);
  free(origins);
  return rc;
}

double pcf__unc_block_unit(const pcf_unc_model *m, const unc_block *b, const double *y) {
  double v = b->d0 + b->dd;
  for (size_t e = b->first; e < b->first + b->count; e++) {
    const unc_ex *u = &m->ex[e];
    if (u->linked) v -= u->sign * u->x * y[u->row];
  }
  return v / b->xref;
}

void pcf__unc_model_value(const pcf_unc_model *m, const double *y, double *out) {
  memcpy(out, m->constant, sizeof m->constant);
  for (size_t i = 0; i < m->n_lines; i++) {
    const unc_line *l = &m->lines[i];
    double v = l->c * pcf__unc_block_unit(m, &m->blocks[l->block], y);
    out[0] += v;
    out[1 + l->stage] += v;
  }
}

static int build(pcf_unc_model *m, pcf_error *err) {
  pcf_result *r0 = NULL;
  int rc = footprint(m, NULL, NULL, 0, &r0, err);
  if (rc) goto done;
  m->name = dup(pcf_result_name(r0));
  const pcf_system *s = pcf_data_system(m->data);
  m->n = pcf_system_size(s);
  pcf_system_entry *entries = NULL;
  if ((rc = pcf_solution_entries(m->solution, &entries, &m->n_entries, err))) goto done;
  size_t n = m->n, ne = m->n_entries;
  int32_t *rows = malloc((ne ? ne : 1) * sizeof *rows), *cols = malloc((ne ? ne : 1) * sizeof *cols);
  m->vals0 = malloc((ne ? ne : 1) * sizeof *m->vals0);
  m->vals = malloc((ne ? ne : 1) * sizeof *m->vals);
  m->direct0 = calloc(n, sizeof *m->direct0);
  m->y0 = calloc(n, sizeof *m->y0);
  m->y = calloc(n, sizeof *m->y);
  m->block_of_col = malloc(n * sizeof *m->block_of_col);
  if (!m->name || !rows || !cols || !m->vals0 || !m->vals || !m->direct0 || !m->y0 || !m->y || !m->block_of_col) {
    rc = pcf_error_nomem(err);
    goto free_entries;
  }
  for (size_t j = 0; j < n; j++) {
    m->block_of_col[j] = -1;
    if (!pcf_solution_has(m->solution, j)) continue;
    long b = add_block(m, pcf_system_provider(s, j), (long)j);
    if (b < 0) {
      rc = pcf_error_nomem(err);
      goto free_entries;
    }
    m->block_of_col[j] = (int32_t)b;
    m->direct0[j] = pcf_system_direct(s, PCF_TOTAL, j);
  }
  for (size_t k = 0; k < ne; k++) {
    const pcf_system_entry *e = &entries[k];
    rows[k] = e->row;
    cols[k] = e->col;
    m->vals0[k] = e->exchange ? e->sign * e->exchange->resulting_amount : 1;
    if (!e->exchange) continue;
    const unc_block *b = &m->blocks[m->block_of_col[e->col]];
    unc_ex *u = &m->ex[b->first + (size_t)(e->exchange - b->p->exchanges)];
    u->triplet = (int32_t)k;
    if (u->uncertain) m->a_uncertain = true;
  }
  memcpy(m->vals, m->vals0, ne * sizeof *m->vals);
  pcf_sparse_common_init(&m->common);
  rc = pcf_sparse_new(&m->a, (int32_t)n, ne, rows, cols, m->vals0, err);
  if (!rc) rc = pcf_sparse_factor(m->a, &m->common, err);
  if (!rc) {
    memcpy(m->y0, m->direct0, n * sizeof *m->y0);
    rc = pcf_sparse_solve_transposed(m->a, 1, m->y0, &m->common, err);
  }
  if (!rc) rc = lines_from(m, r0, err);
free_entries:
  free(entries);
  free(rows);
  free(cols);
  if (rc) goto done;
  m->uncertain = malloc((m->n_ex ? m->n_ex : 1) * sizeof *m->uncertain);
  if (!m->uncertain) {
    rc = pcf_error_nomem(err);
    goto done;
  }
  for (size_t i = 0; i < m->n_ex; i++)
    if (m->ex[i].uncertain) m->uncertain[m->n_uncertain++] = i;
  pcf__unc_model_value(m, m->y0, m->det);
done:
  pcf_result_free(r0);
  return rc;
}

static int model_new(pcf_unc_model **out, const pcf_data *data, const char *product_path, const char *process_uuid,
                     const pcf_override *changes, size_t n_changes, const pcf_unc_inputs *inputs, pcf_error *err);

int pcf_unc_model_new(pcf_unc_model **out, const pcf_data *data, const char *product_path, const char *process_uuid,
                      const pcf_unc_inputs *inputs, pcf_error *err) {
  return model_new(out, data, product_path, process_uuid, NULL, 0, inputs, err);
}

int pcf_unc_model_new_with(pcf_unc_model **out, const pcf_data *data, const char *product_path,
                           const pcf_override *changes, size_t n_changes, const pcf_unc_inputs *inputs,
                           pcf_error *err) {
  return model_new(out, data, product_path, NULL, changes, n_changes, inputs, err);
}

static int new_model(pcf_unc_model **out, const pcf_data *data, const char *product_path, const char *process_uuid,
                     const pcf_override *changes, size_t n_changes, const pcf_unc_inputs *inputs, pcf_error *err);

/* The ownership rule (error.h): on error nothing is left to the caller. */
static int model_new(pcf_unc_model **out, const pcf_data *data, const char *product_path, const char *process_uuid,
                     const pcf_override *changes, size_t n_changes, const pcf_unc_inputs *inputs, pcf_error *err) {
  int rc = new_model(out, data, product_path, process_uuid, changes, n_changes, inputs, err);
  if (rc) {
    pcf_unc_model_free(*out);
    *out = NULL;
  }
  return rc;
}

static int new_model(pcf_unc_model **out, const pcf_data *data, const char *product_path, const char *process_uuid,
                     const pcf_override *changes, size_t n_changes, const pcf_unc_inputs *inputs, pcf_error *err) {
  pcf_unc_model *m = calloc(1, sizeof *m);
  *out = m;
  if (!m) return pcf_error_nomem(err);
  m->data = data;
  m->changes = changes;
  m->n_changes = n_changes;
  m->inputs = inputs && inputs->count ? inputs : NULL;
  m->product_path = dup(product_path);
  m->process_uuid = dup(process_uuid);
  if ((product_path && !m->product_path) || (process_uuid && !m->process_uuid)) return pcf_error_nomem(err);
  if (!product_path && !process_uuid) return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "no product and no process");
  if (m->inputs && !product_path)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "user input uncertainties need a product file");
  int rc = m->inputs ? pcf__unc_inputs_check(m->inputs, product_path, changes, n_changes, err) : 0;
  return rc ? rc : build(m, err);
}

void pcf_unc_model_free(pcf_unc_model *m) {
  if (!m) return;
  pcf_solution_free(m->solution);
  pcf_sparse_free(m->a);
  free(m->product_path);
  free(m->process_uuid);
  free(m->name);
  free(m->vals0);
  free(m->vals);
  free(m->direct0);
  free(m->y0);
  free(m->y);
  free(m->block_of_col);
  free(m->blocks);
  free(m->ex);
  free(m->uncertain);
  free(m->lines);
  for (size_t i = 0; i < m->n_drivers; i++) free((char *)m->drivers[i].name);
  free(m);
}

size_t pcf_unc_model_uncertain_count(const pcf_unc_model *m) { return m->n_uncertain; }
size_t pcf_unc_model_unusable_count(const pcf_unc_model *m) { return m->unusable; }
size_t pcf_unc_model_input_count(const pcf_unc_model *m) { return m->inputs ? m->inputs->count : 0; }
size_t pcf_unc_model_constant_lines(const pcf_unc_model *m) { return m->constant_lines; }
size_t pcf_unc_model_driver_count(const pcf_unc_model *m) { return m->n_drivers; }
const pcf_unc_driver *pcf_unc_model_driver(const pcf_unc_model *m, size_t i) {
  return i < m->n_drivers ? &m->drivers[i] : NULL;
}
double pcf_unc_model_deterministic(const pcf_unc_model *m) { return m->det[0]; }
double pcf_unc_model_deterministic_stage(const pcf_unc_model *m, pcf_stage stage) {
  return (unsigned)stage < PCF_STAGE_COUNT ? m->det[1 + stage] : NAN;
}

int pcf_unc_model_draw(pcf_unc_model *m, uint64_t seed, uint64_t iteration, int exchanges, double *out,
                       pcf_error *err) {
  pcf_rng rng;
  int rc = 0;
  if (m->inputs) {
    double v[64] = {0}, *values = m->inputs->count <= 64 ? v : malloc(m->inputs->count * sizeof *values);
    if (!values) return pcf_error_nomem(err);
    for (size_t i = 0; i < m->inputs->count; i++) {
      pcf_rng_seed_keyed(&rng, seed, m->inputs->items[i].hash, iteration);
      values[i] = pcf_dist_quantile(&m->inputs->items[i].dist, pcf_rng_uniform(&rng));
    }
    rc = pcf__unc_model_apply_inputs(m, values, err);
    if (values != v) free(values);
    if (rc) return rc;
  }
  if (!exchanges || m->n_uncertain == 0) {
    pcf__unc_model_value(m, m->y0, out);
    return 0;
  }
  /* Each exchange's stream is pcf_rng_seed_keyed(seed, key, iteration), its seed-and-key part mixed
   * once per seed. */
  if (!m->mixed || m->mixed_seed != seed) {
    for (size_t i = 0; i < m->n_uncertain; i++) {
      unc_ex *u = &m->ex[m->uncertain[i]];
      u->key_mix = pcf_rng_key_mix(seed, u->key);
    }
    m->mixed = true;
    m->mixed_seed = seed;
  }
  uint64_t it_mix = pcf_rng_iteration_mix(iteration);
  for (size_t i = 0; i < m->n_uncertain; i++) {
    unc_ex *u = &m->ex[m->uncertain[i]];
    pcf_rng_seed_mixed(&rng, u->key_mix, it_mix);
    u->x = pcf_dist_quantile(&u->dist, pcf_rng_uniform(&rng));
    if (u->triplet >= 0) m->vals[u->triplet] = u->sign * u->x;
    /* Direct emissions move by cf·(x - x0): lcia_direct is linear in the amounts. */
    m->blocks[u->block].dd += u->cf * (u->x - u->x0);
  }
  for (size_t j = 0; j < m->n; j++)
    m->y[j] = m->direct0[j] + (m->block_of_col[j] >= 0 ? m->blocks[m->block_of_col[j]].dd : 0);
  if (m->a_uncertain && (rc = pcf_sparse_set_values(m->a, m->n_entries, m->vals, err))) goto reset;
  rc = pcf_sparse_solve_transposed(m->a, 1, m->y, &m->common, err);
  if (!rc) pcf__unc_model_value(m, m->y, out);
reset:
  for (size_t i = 0; i < m->n_uncertain; i++) {
    unc_ex *u = &m->ex[m->uncertain[i]];
    u->x = u->x0;
    m->blocks[u->block].dd = 0;
  }
  return rc;
}

int pcf_unc_model_assume(pcf_unc_model *m, double gsd2, pcf_error *err) {
  if (!(gsd2 >= 1)) return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "an assumed GSD² must be at least 1");
  size_t *v = realloc(m->uncertain, (m->n_ex ? m->n_ex : 1) * sizeof *v);
  if (!v) return pcf_error_nomem(err);
  m->uncertain = v;
  for (size_t i = 0; i < m->n_ex; i++) {
    unc_ex *u = &m->ex[i];
    if (u->uncertain || !(u->linked || u->cf != 0) || u->x0 == 0) continue;
    u->dist = (pcf_dist){PCF_DIST_LOGNORMAL, u->x0, pcf_log(gsd2) / 2, 0};
    u->uncertain = true;
    m->uncertain[m->n_uncertain++] = i;
    m->mixed = false; /* its stream is not mixed yet */
    if (u->triplet >= 0) m->a_uncertain = true;
  }
  return 0;
}
