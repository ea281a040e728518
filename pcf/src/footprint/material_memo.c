/* material_memo.c: the facts of each material, found once per loaded data (material_memo.h).
 *
 * A batch values about a million BOM lines that name a few thousand materials: looking up each
 * line's process, reference flow, unit conversion, carbon content and CFF row again cost five times
 * the dot product itself. Each entry is published once through its state (release store, acquire
 * load), so threads read it without a lock; a thread that finds an entry being filled takes the
 * long way for that line, which gives the same figures. */
#include "material_memo.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "carbon_content.h"
#include "data_internal.h"
#include "epd.h"
#include "matmap_internal.h"

enum { EMPTY, FILLING, READY, UNUSABLE };

typedef struct memo_entry {
  atomic_uchar state;
  material_facts f;
} memo_entry;

struct material_memo {
  size_t n;
  memo_entry *e; /* [n] */
};

int pcf__material_memo_new(material_memo **out, size_t n, pcf_error *err) {
  material_memo *m = calloc(1, sizeof *m);
  memo_entry *e = calloc(n ? n : 1, sizeof *e); /* zero: every state EMPTY */
  if (!m || !e) {
    free(m);
    free(e);
    *out = NULL;
    return pcf_error_nomem(err);
  }
  m->n = n;
  m->e = e;
  *out = m;
  return 0;
}

void pcf__material_memo_free(material_memo *m) {
  if (!m) return;
  for (size_t i = 0; i < m->n; i++) free(m->e[i].f.name);
  free(m->e);
  free(m);
}

/* Finds the facts; false when the long way must be taken. */
static bool find(const pcf_data *d, const pcf_material *m, material_facts *f) {
  ilcd_uuid u;
  const ilcd_flow *flow;
  *f = (material_facts){
      .material = m,
      .family = pcf_family_name(m->family),
      .proxy = m->proxy[0] != '\0',
      .unformed = !m->forming[0] && (m->family == PCF_FAMILY_METAL || m->family == PCF_FAMILY_PLASTIC)};
  if (ilcd_uuid_parse(&u, m->process) || !(f->p = ilcd_db_process(d->db, &u))) return false;
  if (pcf_system_reference(d->system, f->p, &f->ref, &flow, &f->ref_unit, NULL)) return false;
  ilcd_error ignored = {0};
  f->kg_ok = ilcd_flow_conversion(d->db, flow, "kg", f->ref_unit, &f->kg, &ignored) == 0;
  f->column = pcf_system_column(d->system, f->p);
  f->carbon_rc = pcf__carbon_per_kg(d, f->p, &f->carbon[0], &f->carbon[1]);
  ilcd_uuid_format(&f->p->uuid, f->uuid);
  f->cff = pcf_cff_defaults_find(d->cff_defaults, f->uuid);
  epd_gwp g;
  f->epd = pcf__epd_read(d->db, f->p, &g);
  return (f->name = strdup(f->p->name)) != NULL;
}

const material_facts *pcf__material_facts(const pcf_data *d, const pcf_material *m) {
  material_memo *memo = d->memo;
  size_t i = memo ? pcf__matmap_index(d->materials, m) : 0;
  if (!memo || i >= memo->n) return NULL;
  memo_entry *e = &memo->e[i];
  unsigned char state = atomic_load_explicit(&e->state, memory_order_acquire);
  if (state == READY) return &e->f;
  if (state != EMPTY) return NULL;
  unsigned char expected = EMPTY;
  if (!atomic_compare_exchange_strong_explicit(&e->state, &expected, FILLING, memory_order_acquire,
                                               memory_order_acquire))
    return expected == READY ? &e->f : NULL;
  bool ok = find(d, m, &e->f);
  atomic_store_explicit(&e->state, ok ? READY : UNUSABLE, memory_order_release);
  return ok ? &e->f : NULL;
}
