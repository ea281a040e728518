/* caveats.c: sorts a footprint's warnings by what they mean for the result (caveats.h). The
 * warnings are the footprint's own sentences (pcf/src/footprint); each kind is told by the words
 * its sentence always carries. */
#include "caveats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rule {
  caveat_kind kind;
  const char *words;
} rule;

static const rule rules[] = {
    {CAVEAT_OTHER_GWP, "other GWP sets: "},
    {CAVEAT_PROXY, "has no dataset of its own: proxy"},
    {CAVEAT_FORMING, "valued as unformed material"},
    {CAVEAT_EOL_CARBON, "declares no carbon content"},
    {CAVEAT_EOL_CARBON, "declares no carbon to replace"},
    {CAVEAT_CUT_OFF, "cut-off:"},
    {CAVEAT_UNCHARACTERISED, "have no factor in"},
    {CAVEAT_SUPPLIER, "supplier PCF"},
    {CAVEAT_SUPPLIER, ": EPD \""},
    {CAVEAT_EOL, "A not given for"},
    {CAVEAT_EOL, "material defaults A"},
    {CAVEAT_EOL, "end of life: no scenario"},
    {CAVEAT_EOL, "credit"},
};

caveat_kind pcf__caveat_of(const char *w) {
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
    if (strstr(w, rules[i].words)) return rules[i].kind;
  return CAVEAT_OTHER;
}

/* Appends one set's name to s->gwp_sets once: "IPCC AR5 GWP100 (no climate-carbon feedback) - Climate
 * change" as "IPCC AR5 GWP100". */
static void add_gwp_set(caveat_summary *s, const char *p, size_t n) {
  char name[200];
  snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), p);
  char *cut = strstr(name, " (");
  if (!cut) cut = strstr(name, " - ");
  if (cut) *cut = 0;
  for (const char *at = s->gwp_sets; (at = strstr(at, name)); at += strlen(name))
    if ((at == s->gwp_sets || at[-1] == ' ') && (at[strlen(name)] == 0 || at[strlen(name)] == ';')) return;
  size_t len = strlen(s->gwp_sets);
  snprintf(s->gwp_sets + len, sizeof s->gwp_sets - len, "%s%s", len ? "; " : "", name);
}

/* The footprint's one warning on other GWP sets: '... "NAME" for 4 (...); "NAME" for 5 (...)' ->
 * each NAME in s->gwp_sets. */
static void note_gwp_sets(caveat_summary *s, const char *w) {
  const char *p = strstr(w, "): \"");
  for (p = p ? p + 3 : NULL; p && *p == '"'; p = strstr(p, "; \"") ? strstr(p, "; \"") + 2 : NULL) {
    size_t n = strcspn(p + 1, "\"");
    if (strncmp(p + 1 + n, "\" for ", 6)) break;
    add_gwp_set(s, p + 1, n);
  }
}

void pcf__caveats_summarise(caveat_summary *s, const pcf_result *r) {
  memset(s, 0, sizeof *s);
  for (size_t i = 0; i < pcf_result_warning_count(r); i++) {
    const char *w = pcf_result_warning(r, i);
    caveat_kind k = pcf__caveat_of(w);
    s->warnings[k]++;
    s->total++;
    /* "note: 3 metal or plastic lines ...", "cut-off: 4 product or waste flows ..." and "other GWP sets: 9 datasets ..." count
     * several items in one warning. */
    const char *num = k == CAVEAT_FORMING     ? strstr(w, "note: ")
                      : k == CAVEAT_CUT_OFF   ? strstr(w, "cut-off: ")
                      : k == CAVEAT_OTHER_GWP ? strstr(w, "sets: ")
                                              : NULL;
    char *end = NULL;
    long n = num ? strtol(strchr(num, ' ') + 1, &end, 10) : 0;
    s->items[k] += n > 0 && end && *end == ' ' ? (size_t)n : 1;
    if (k == CAVEAT_OTHER_GWP) note_gwp_sets(s, w);
  }
}

const char *pcf__caveat_phrase(caveat_kind k, size_t n) {
  static const char *const one[CAVEAT_COUNT] = {
      "process publishes only a CO2e total for another GWP set, used as it is",
      "line uses a proxy dataset (another material stands in)",
      "metal or plastic line is valued as unformed material (no forming step)",
      "end-of-life line takes the average carbon of its waste family",
      "product or waste flow of the chain is cut off (no provider in the data)",
      "elementary flow has no characterisation factor",
      "supplier or EPD figure is taken with an assumption",
      "recycling or end-of-life default applies",
      "other note"};
  static const char *const many[CAVEAT_COUNT] = {
      "processes publish only a CO2e total for another GWP set, used as they are",
      "lines use a proxy dataset (another material stands in)",
      "metal or plastic lines are valued as unformed material (no forming step)",
      "end-of-life lines take the average carbon of their waste family",
      "product or waste flows of the chain are cut off (no provider in the data)",
      "elementary flows have no characterisation factor",
      "supplier or EPD figures are taken with an assumption",
      "recycling or end-of-life defaults apply",
      "other notes"};
  return k < CAVEAT_COUNT ? (n == 1 ? one[k] : many[k]) : "";
}

const char *pcf__caveat_title(caveat_kind k) {
  static const char *const titles[CAVEAT_COUNT] = {
      "Other GWP sets", "Proxy datasets",        "Forming steps left out", "End-of-life carbon",
      "Cut-off flows",  "Uncharacterised flows", "Supplier and EPD data",  "Recycling and end of life",
      "Other notes"};
  return k < CAVEAT_COUNT ? titles[k] : "";
}
