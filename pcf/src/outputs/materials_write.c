/* materials_write.c: `pcf materials` output (pcf/materials.h): a table for people and JSON. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "pcf/materials.h"

int pcf_materials_write_text(const pcf_material_list *list, FILE *out) {
  fprintf(out, "%zu dataset%s; kg CO2e per reference unit, cradle to gate, method %s\n\n", list->n,
          list->n == 1 ? "" : "s", list->method ? list->method : "?");
  for (size_t i = 0; i < list->n; i++) {
    const pcf_material_info *m = &list->items[i];
    fprintf(out, "%s%s%s\n", m->name, m->service ? "  [service]" : "", m->proxy[0] ? "  [PROXY]" : "");
    if (m->synonyms[0]) fprintf(out, "  also:     %s\n", m->synonyms);
    if (isnan(m->kg_co2e))
      fprintf(out, "  dataset:  %s (%s)\n  value:    not available: %s\n", m->process, m->process_uuid, m->why);
    else
      fprintf(out, "  dataset:  %s (%s)\n  value:    %.6g kg CO2e/%s (GWP set of the source: %s)\n", m->process,
              m->process_uuid, m->kg_co2e, m->unit, m->gwp_set);
    fprintf(out, "  source:   %s; year %d; geography %s\n", m->source[0] ? m->source : "none named", m->year,
            m->location[0] ? m->location : "not stated");
    fprintf(out, "  %s%s; forming: %s\n", m->service ? "kind:     " : "family:   ", m->family,
            m->forming[0] ? m->forming : "none");
    if (m->proxy[0]) fprintf(out, "  proxy:    %s\n", m->proxy);
    if (m->note[0]) fprintf(out, "  note:     %s\n", m->note);
  }
  return ferror(out) ? -1 : 0;
}

int pcf_materials_write_json(const pcf_material_list *list, FILE *out) {
  json_t *o = json_object(), *a = json_array();
  json_object_set_new(o, "method", json_string(list->method ? list->method : ""));
  json_object_set_new(o, "unit", json_string("kg CO2e"));
  for (size_t i = 0; i < list->n; i++) {
    const pcf_material_info *m = &list->items[i];
    json_t *e = json_object(), *syn = json_array();
    json_object_set_new(e, "name", json_string(m->name));
    for (const char *s = m->synonyms; *s;) {
      const char *end = strstr(s, "; ");
      size_t n = end ? (size_t)(end - s) : strlen(s);
      json_array_append_new(syn, json_stringn(s, n));
      s += n + (end ? 2 : 0);
    }
    json_object_set_new(e, "synonyms", syn);
    json_object_set_new(e, "kind", json_string(m->service ? "service" : "material"));
    json_object_set_new(e, "dataset", json_string(m->process));
    json_object_set_new(e, "dataset_uuid", json_string(m->process_uuid));
    json_object_set_new(e, "kg_co2e_per_unit", isnan(m->kg_co2e) ? json_null() : json_real(m->kg_co2e));
    json_object_set_new(e, "reference_unit", json_string(m->unit));
    json_object_set_new(e, "gwp_set", json_string(m->gwp_set));
    json_object_set_new(e, "source", json_string(m->source));
    json_object_set_new(e, "year", m->year ? json_integer(m->year) : json_null());
    json_object_set_new(e, "geography", json_string(m->location));
    json_object_set_new(e, m->service ? "service_kind" : "family", json_string(m->family));
    json_object_set_new(e, "forming", json_string(m->forming));
    json_object_set_new(e, "proxy", json_boolean(m->proxy[0] != 0));
    json_object_set_new(e, "proxy_reason", json_string(m->proxy));
    json_object_set_new(e, "note", json_string(m->note));
    if (isnan(m->kg_co2e)) json_object_set_new(e, "error", json_string(m->why));
    json_array_append_new(a, e);
  }
  json_object_set_new(o, "materials", a);
  int rc = pcf__numfmt_json_dump(o, out, JSON_INDENT(2));
  json_decref(o);
  fputc('\n', out);
  return rc || ferror(out) ? -1 : 0;
}
