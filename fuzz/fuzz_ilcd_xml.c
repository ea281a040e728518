/* fuzz_ilcd_xml.c: libFuzzer harness for the ILCD XML dataset reader (ilcd/src/sax.c, read_*.c).
 *
 * The input is one or more XML documents separated by the line "--8<--": each is loaded with
 * ilcd_db_load_memory into one database, so a single input can hold a flow, its flow property and
 * unit group and reach the reference check and unit conversion too. Errors are expected; crashes,
 * sanitizer reports and leaks are findings. Seeds: fuzz/corpus/xml/. Run: fuzz/run.sh. */
#include <ilcd/ilcd.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const char SEP[] = "\n--8<--\n";

/* Touches what the database hands out, so reads of bad memory show up under ASan. */
static void walk(const ilcd_db *db) {
  static const char *units[] = {"kg", "t", "MJ", "kWh", "Item(s)", "m3", "x"};
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_FLOW); i++) {
    const ilcd_flow *f = ilcd_db_flow_at(db, i);
    const char *ref = NULL;
    ilcd_error err;
    (void)ilcd_flow_reference_unit(db, f, &ref, &err);
    double out;
    for (size_t a = 0; a < sizeof units / sizeof *units; a++)
      (void)ilcd_flow_convert(db, f, 1.5, units[a], ref ? ref : "kg", &out, &err);
  }
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS); i++) {
    const ilcd_process *p = ilcd_db_process_at(db, i);
    for (size_t j = 0; j < p->n_reference_flows; j++) (void)ilcd_process_exchange(p, p->reference_flows[j]);
    for (size_t j = 0; j < p->n_lcia_results; j++)
      for (size_t k = 0; k < p->lcia_results[j].n_modules; k++) (void)strlen(p->lcia_results[j].modules[k].module);
  }
  for (size_t i = 0; i < ilcd_db_problem_count(db); i++) (void)strlen(ilcd_db_problem(db, i)->target);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ilcd_db *db;
  if (ilcd_db_new(&db)) return 0;
  ilcd_options o = {.keep_going = 1};
  ilcd_db_set_options(db, &o);
  const char *p = (const char *)data, *end = p + size;
  while (p <= end) {
    /* memchr to each newline first: a memcmp at every byte would spend the run in libFuzzer's
     * memcmp tracing (a quarter of the time on the seed corpus) rather than in the reader. */
    const char *next = NULL;
    for (const char *q = p; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
      if ((size_t)(end - q) >= sizeof SEP - 1 && memcmp(q, SEP, sizeof SEP - 1) == 0) {
        next = q;
        break;
      }
    size_t n = (size_t)((next ? next : end) - p);
    ilcd_error err;
    (void)ilcd_db_load_memory(db, "fuzz.xml", p, n, &err);
    if (!next) break;
    p = next + sizeof SEP - 1;
  }
  ilcd_db_check(db);
  walk(db);
  ilcd_db_free(db);
  return 0;
}
