/* batch_output.c: the batch's CSV outputs (RFC 4180: fields with a comma, quote or line break are
 * quoted, quotes doubled), one row per product in catalogue order, and the errors file. */
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "pcf/batch.h"

static void field(FILE *f, const char *s, int last) {
  if (strpbrk(s, ",\"\r\n")) {
    fputc('"', f);
    for (; *s; s++) {
      if (*s == '"') fputc('"', f);
      fputc(*s, f);
    }
    fputc('"', f);
  } else {
    fputs(s, f);
  }
  fputc(last ? '\n' : ',', f);
}

static void number(FILE *f, double v) {
  char buf[40];
  pcf__numfmt_shortest(buf, sizeof buf, v == 0 ? 0.0 : v); /* no "-0"; the double as computed */
  fprintf(f, "%s,", buf);
}

int pcf_batch_write_csv(const pcf_batch *b, FILE *f) {
  fputs(
      "id,name,declared_unit,status,total,raw_materials,production,distribution,use,end_of_life,fossil,"
      "biogenic_emissions,biogenic_removals,dluc,aircraft,primary_share,warnings,warning_text\n",
      f);
  static const pcf_indicator split[] = {PCF_FOSSIL, PCF_BIOGENIC_EMISSIONS, PCF_BIOGENIC_REMOVALS, PCF_DLUC,
                                        PCF_AIRCRAFT};
  for (size_t i = 0; i < pcf_batch_count(b); i++) {
    const pcf_batch_row *r = pcf_batch_row_at(b, i);
    field(f, pcf_batch_id(b, i), 0);
    field(f, pcf_batch_name(b, i), 0);
    field(f, r->declared_unit ? r->declared_unit : "", 0);
    if (!r->ok) {
      fputs("failed,,,,,,,,,,,,,,\n", f);
      continue;
    }
    fputs("ok,", f);
    number(f, r->value[PCF_TOTAL]);
    for (int s = 0; s < PCF_STAGE_COUNT; s++) number(f, r->stage[s]);
    for (size_t k = 0; k < sizeof split / sizeof *split; k++) number(f, r->value[split[k]]);
    fprintf(f, "%.6f,%zu,", r->primary_share, r->warnings);
    field(f, r->warning_text ? r->warning_text : "", 1);
  }
  return ferror(f) ? PCF_ERR_IO : 0;
}

static const char *code_name(int code) {
  switch (code) {
    case PCF_ERR_IO: return "io";
    case PCF_ERR_PARSE: return "parse";
    case PCF_ERR_INPUT: return "input";
    case PCF_ERR_NOT_FOUND: return "not_found";
    case PCF_ERR_UNIT: return "unit";
    case PCF_ERR_CYCLE: return "cycle";
    case PCF_ERR_SINGULAR: return "singular";
    case PCF_ERR_NOMEM: return "out_of_memory";
    default: return "internal";
  }
}

int pcf_batch_write_errors(const pcf_batch *b, FILE *f) {
  fputs("id,product,file,line,code,reason\n", f);
  for (size_t i = 0; i < pcf_batch_count(b); i++) {
    const pcf_error *e = pcf_batch_error(b, i);
    if (!e || pcf_batch_row_at(b, i)->ok) continue;
    char line[32];
    snprintf(line, sizeof line, "%ld", e->line);
    field(f, pcf_batch_id(b, i), 0);
    field(f, pcf_batch_entry(b, i)->product, 0);
    field(f, e->path, 0);
    field(f, e->line ? line : "", 0);
    field(f, code_name(e->code), 0);
    field(f, e->message, 1);
  }
  return ferror(f) ? PCF_ERR_IO : 0;
}
