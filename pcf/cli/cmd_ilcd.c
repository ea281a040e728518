/* cmd_ilcd.c: pcf ilcd info|show: inspect ILCD data (folder, zip or file). */
#include "cli.h"

#include <ilcd/cache.h>
#include <ilcd/ilcd.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: pcf ilcd info PATH [--json] [--cache DIR]\n"
    "       pcf ilcd show PATH UUID\n"
    "PATH is an ILCD folder, a zip archive or one XML file. info prints the number of datasets of\n"
    "each kind and every dangling reference; files that fail to parse are listed and skipped.\n"
    "--cache DIR reads PATH from a binary cache in DIR when its content has not changed, and\n"
    "writes that cache otherwise; DIR is created 0700 if missing, and refused when it is another\n"
    "user's or others may write to it (a cache answers for the data without reading them).\n"
    "Only folders and regular files are read: a FIFO or device as PATH is refused.\n";

static void json_string(const char *s) {
  putchar('"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      printf("\\%c", c);
    else if (c < 0x20)
      printf("\\u%04x", c);
    else
      putchar(c);
  }
  putchar('"');
}

static int open_db(ilcd_db **db, const char *path, const char *cache_dir) {
  ilcd_error err = {0};
  if (ilcd_db_new(db)) return fprintf(stderr, "pcf: out of memory\n"), EXIT_INTERNAL;
  ilcd_options o = {.keep_going = 1};
  ilcd_db_set_options(*db, &o);
  int rc = ilcd_db_load_cached(*db, path, cache_dir, NULL, &err);
  if (rc) {
    if (err.line)
      fprintf(stderr, "pcf: %s:%ld: %s\n", err.path, err.line, err.message);
    else
      fprintf(stderr, "pcf: %s: %s\n", err.path, err.message);
    return rc == ILCD_ERR_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
  }
  if (ilcd_db_check(*db)) return fprintf(stderr, "pcf: out of memory\n"), EXIT_INTERNAL;
  return 0;
}

static int info(const char *path, int json, const char *cache_dir) {
  ilcd_db *db;
  int rc = open_db(&db, path, cache_dir);
  if (rc) {
    ilcd_db_free(db);
    return rc;
  }
  static const char *keys[] = {"processes",    "flows",   "flow_properties", "unit_groups",
                               "lcia_methods", "sources", "contacts"};
  size_t np = ilcd_db_problem_count(db), nf = ilcd_db_file_error_count(db);
  char from[40];
  if (json) {
    printf("{\"path\": ");
    json_string(path);
    for (int k = 0; k < ILCD_KIND_COUNT; k++) printf(", \"%s\": %zu", keys[k], ilcd_db_count(db, k));
    printf(", \"xml_bytes\": %llu, \"dangling_references\": [", (unsigned long long)ilcd_db_xml_bytes(db));
    for (size_t i = 0; i < np; i++) {
      const ilcd_problem *p = ilcd_db_problem(db, i);
      printf("%s{\"from_kind\": \"%s\", \"from\": \"%s\", \"to_kind\": \"%s\", \"target\": ", i ? ", " : "",
             ilcd_kind_name(p->from_kind), ilcd_uuid_format(&p->from, from), ilcd_kind_name(p->to_kind));
      json_string(p->target);
      printf(", \"what\": ");
      json_string(p->what);
      printf("}");
    }
    printf("], \"file_errors\": [");
    for (size_t i = 0; i < nf; i++) {
      const ilcd_error *e = ilcd_db_file_error(db, i);
      printf("%s{\"path\": ", i ? ", " : "");
      json_string(e->path);
      printf(", \"line\": %ld, \"message\": ", e->line);
      json_string(e->message);
      printf("}");
    }
    printf("]}\n");
  } else {
    printf("%s\n", path);
    for (int k = 0; k < ILCD_KIND_COUNT; k++) printf("  %-16s %8zu\n", keys[k], ilcd_db_count(db, k));
    printf("  %-16s %8.1f MB\n", "XML read", (double)ilcd_db_xml_bytes(db) / 1e6);
    printf("  %-16s %8zu\n", "dangling refs", np);
    for (size_t i = 0; i < np && i < 50; i++) {
      const ilcd_problem *p = ilcd_db_problem(db, i);
      printf("    %s %s: %s -> %s \"%s\"\n", ilcd_kind_name(p->from_kind), ilcd_uuid_format(&p->from, from), p->what,
             ilcd_kind_name(p->to_kind), p->target);
    }
    if (np > 50) printf("    ... and %zu more (use --json for all)\n", np - 50);
    if (nf) printf("  files skipped    %8zu\n", nf);
    for (size_t i = 0; i < nf; i++) {
      const ilcd_error *e = ilcd_db_file_error(db, i);
      printf("    %s:%ld: %s\n", e->path, e->line, e->message);
    }
  }
  ilcd_db_free(db);
  return 0;
}

static const char *direction(ilcd_direction d) { return d == ILCD_INPUT ? "in " : "out"; }

static void show_process(const ilcd_db *db, const ilcd_process *p) {
  printf("process  %s\n", p->name);
  printf("type     %s\nlocation %s\nyear     %d\nclass    %s\nfile     %s\n", p->type, p->location, p->reference_year,
         p->classification, p->path);
  for (size_t i = 0; i < p->n_exchanges; i++) {
    const ilcd_exchange *ex = &p->exchanges[i];
    const ilcd_flow *f = ex->flow.valid ? ilcd_db_flow(db, &ex->flow.uuid) : NULL;
    const char *unit = "?";
    if (f) ilcd_flow_reference_unit(db, f, &unit, NULL);
    int is_ref = 0;
    for (size_t j = 0; j < p->n_reference_flows; j++) is_ref |= p->reference_flows[j] == ex->internal_id;
    printf("%s %s %14.6g %-8s %s%s\n", is_ref ? "*" : " ", direction(ex->direction), ex->resulting_amount, unit,
           f ? f->name : ex->flow.text, f ? "" : "  [flow not loaded]");
  }
  for (size_t i = 0; i < p->n_lcia_results; i++) {
    const ilcd_lcia_method *m = ilcd_db_lcia_method(db, &p->lcia_results[i].method.uuid);
    printf("  LCIA %14.6g  %s\n", p->lcia_results[i].mean_amount, m ? m->name : p->lcia_results[i].method.text);
  }
}

static int show(const char *path, const char *id) {
  ilcd_uuid uuid;
  if (ilcd_uuid_parse(&uuid, id)) return fprintf(stderr, "pcf: \"%s\" is not a UUID\n", id), EXIT_USAGE;
  ilcd_db *db;
  int rc = open_db(&db, path, NULL);
  if (rc) {
    ilcd_db_free(db);
    return rc;
  }
  const ilcd_process *p = ilcd_db_process(db, &uuid);
  const ilcd_flow *f = ilcd_db_flow(db, &uuid);
  const ilcd_unit_group *g = ilcd_db_unit_group(db, &uuid);
  const ilcd_flow_property *fp = ilcd_db_flow_property(db, &uuid);
  const ilcd_lcia_method *m = ilcd_db_lcia_method(db, &uuid);
  if (p)
    show_process(db, p);
  else if (f) {
    static const char *types[] = {"other", "elementary", "product", "waste"};
    printf("flow     %s\ntype     %s\nCAS      %s\nclass    %s\n", f->name, types[f->type], f->cas, f->classification);
    for (size_t i = 0; i < f->n_properties; i++) {
      const ilcd_flow_property *q = ilcd_db_flow_property(db, &f->properties[i].property.uuid);
      printf("%s %g %s\n", (int)i == f->reference_property ? "*" : " ", f->properties[i].mean_value,
             q ? q->name : f->properties[i].property.text);
    }
  } else if (fp) {
    printf("flow property %s\n", fp->name);
  } else if (g) {
    printf("unit group %s\n", g->name);
    for (size_t i = 0; i < g->n_units; i++)
      printf("%s %-12s %g\n", (int)i == g->reference_unit ? "*" : " ", g->units[i].name, g->units[i].factor);
  } else if (m) {
    printf("LCIA method %s (%s; %s), %zu factors\n", m->name, m->methodology, m->impact_category, m->n_factors);
  } else {
    fprintf(stderr, "pcf: no dataset %s in %s\n", id, path);
    rc = EXIT_INPUT;
  }
  ilcd_db_free(db);
  return rc;
}

int cmd_ilcd(int argc, char **argv) {
  if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) return fputs(usage, stdout), 0;
  if (argc >= 3 && strcmp(argv[1], "info") == 0) {
    int json = 0;
    const char *cache_dir = NULL;
    for (int i = 3; i < argc; i++) {
      if (strcmp(argv[i], "--json") == 0)
        json = 1;
      else if (strcmp(argv[i], "--cache") == 0 && i + 1 < argc)
        cache_dir = argv[++i];
      else
        return fputs(usage, stderr), EXIT_USAGE;
    }
    return info(argv[2], json, cache_dir);
  }
  if (argc == 4 && strcmp(argv[1], "show") == 0) return show(argv[2], argv[3]);
  fputs(usage, stderr);
  return EXIT_USAGE;
}
