/* Tests of the material map (pcf/matmap.h). UUIDs here are made up for the tests. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "pcf/matmap.h"

#define UUID_PP "aaaaaaaa-0000-4000-8000-000000000001"
#define UUID_PE "aaaaaaaa-0000-4000-8000-000000000002"
#define UUID_AL "aaaaaaaa-0000-4000-8000-000000000003"
#define UUID_AL2 "aaaaaaaa-0000-4000-8000-000000000004"

static int load(pcf_matmap *m, const char *name, const char *text, pcf_error *err) {
  return pcf_matmap_load_memory(m, name, text, strlen(text), err);
}

Test(matmap, load_and_find_normalised) {
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  cr_assert_eq(load(m, "map.csv",
                    "name,process,family,note\n"
                    "PP," UUID_PP ",plastic,polypropylene granulate\n"
                    "PE-HD," UUID_PE ",Plastics,\n"
                    "# comment line\n"
                    "Al 6061,AAAAAAAA-0000-4000-8000-000000000003,metal,\n"
                    "Other thing," UUID_PE ",,\n",
                    &err),
               0, "%s", err.message);
  cr_assert_eq(pcf_matmap_count(m), 4);
  const pcf_material *pp = pcf_matmap_find(m, "  pp ");
  cr_assert_not_null(pp);
  cr_assert_str_eq(pp->name, "PP");
  cr_assert_str_eq(pp->process, UUID_PP);
  cr_assert_eq(pp->family, PCF_FAMILY_PLASTIC);
  cr_assert_str_eq(pp->note, "polypropylene granulate");
  cr_assert_str_eq(pp->source, "map.csv");
  cr_assert_eq(pp->line, 2);
  /* hyphens, underscores and space runs are one separator; case is ignored */
  cr_assert_eq(pcf_matmap_find(m, "pe hd"), pcf_matmap_find(m, "PE-HD"));
  cr_assert_not_null(pcf_matmap_find(m, "pe__hd"));
  const pcf_material *al = pcf_matmap_find(m, "AL-6061");
  cr_assert_not_null(al);
  cr_assert_str_eq(al->process, UUID_AL); /* lower-cased */
  cr_assert_eq(al->line, 5);
  cr_assert_eq(pcf_matmap_find(m, "other thing")->family, PCF_FAMILY_OTHER);
  cr_assert_null(pcf_matmap_find(m, "PPE"));
  cr_assert_null(pcf_matmap_find(m, "P P"));
  cr_assert_eq(pcf_matmap_warning_count(m), 0);
  pcf_matmap_free(m);
}

Test(matmap, later_files_override) {
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  cr_assert_eq(load(m, "bundled.csv", "name;process\nAl 6061;" UUID_AL "\nPP;" UUID_PP "\n", &err), 0);
  cr_assert_eq(load(m, "project.csv", "material,uuid,family\nal_6061," UUID_AL2 ",metal\n", &err), 0, "%s",
               err.message);
  cr_assert_eq(pcf_matmap_count(m), 2);
  const pcf_material *al = pcf_matmap_find(m, "Al 6061");
  cr_assert_str_eq(al->process, UUID_AL2);
  cr_assert_str_eq(al->source, "project.csv");
  cr_assert_str_eq(al->name, "al_6061");
  cr_assert_eq(pcf_matmap_get(m, 0), al); /* keeps its place */
  cr_assert_str_eq(pcf_matmap_find(m, "pp")->source, "bundled.csv");
  pcf_matmap_free(m);
}

Test(matmap, duplicate_in_one_file) {
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  cr_assert_eq(load(m, "a.csv", "name,process\nPP," UUID_PP "\n", &err), 0);
  /* same name, same process: fine */
  cr_assert_eq(load(m, "b.csv", "name,process\nPE," UUID_PE "\npe," UUID_PE "\n", &err), 0);
  /* same name (normalised), another process: error naming both lines; map unchanged */
  int rc = load(m, "c.csv", "name,process\nABS," UUID_AL "\n\nPE," UUID_AL "\nAbs," UUID_AL2 "\n", &err);
  cr_assert_eq(rc, PCF_ERR_INPUT);
  cr_assert_eq(err.line, 5);
  cr_assert_str_eq(err.path, "c.csv");
  cr_assert(strstr(err.message, "line 2"), "%s", err.message);
  cr_assert(strstr(err.message, UUID_AL2), "%s", err.message);
  cr_assert_eq(pcf_matmap_count(m), 2);
  cr_assert_null(pcf_matmap_find(m, "ABS"));
  cr_assert_str_eq(pcf_matmap_find(m, "PE")->process, UUID_PE); /* not replaced */
  pcf_matmap_free(m);
}

Test(matmap, bad_rows) {
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  cr_assert_eq(load(m, "x.csv", "name,process\nPP,not-a-uuid\n", &err), PCF_ERR_INPUT);
  cr_assert_eq(err.line, 2);
  cr_assert(strstr(err.message, "not a UUID"));
  cr_assert_eq(load(m, "x.csv", "name,process,family\nPP," UUID_PP ",ceramic\n", &err), PCF_ERR_INPUT);
  cr_assert(strstr(err.message, "ceramic"));
  cr_assert_eq(load(m, "x.csv", "name,process\n," UUID_PP "\n", &err), PCF_ERR_INPUT);
  cr_assert_eq(load(m, "x.csv", "name,family\nPP,plastic\n", &err), PCF_ERR_NOT_FOUND);
  cr_assert(strstr(err.message, "process"));
  cr_assert_eq(load(m, "x.csv", "", &err), PCF_ERR_NOT_FOUND);
  cr_assert_eq(load(m, "x.csv", "name,process,uuid\n", &err), PCF_ERR_INPUT); /* twice */
  cr_assert_eq(pcf_matmap_load(m, "/nonexistent/map.csv", &err), PCF_ERR_IO);
  cr_assert_eq(pcf_matmap_count(m), 0);
  pcf_matmap_free(m);
  pcf_matmap_free(NULL);
}

Test(matmap, unknown_columns_warned) {
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  cr_assert_eq(load(m, "w.csv", "Name,Process UUID,Source\nPP," UUID_PP ",me\n", &err), 0);
  cr_assert_eq(pcf_matmap_warning_count(m), 1);
  cr_assert_str_eq(pcf_matmap_warning(m, 0), "w.csv:1: column 'Source' ignored");
  cr_assert_null(pcf_matmap_warning(m, 1));
  pcf_matmap_free(m);
}

/* Spelling suggestions need names of at least 5 characters within one edit per 4 characters:
 * "polypropylen"→"polypropylene" 1 edit for 12 characters; "al-6016"→"al 6061" 2 edits for 7
 * (another alloy: none); "ppp"→"pp" is too short to tell a typo from another acronym: none;
 * "steel"→"pp": none. */
Test(matmap, suggestions) {
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  cr_assert_eq(load(m, "s.csv", "name,process\nPP," UUID_PP "\nAl 6061," UUID_AL "\nPolypropylene," UUID_PP "\n", &err),
               0);
  cr_assert_null(pcf_matmap_suggest(m, "PPP"));
  cr_assert_null(pcf_matmap_suggest(m, "al-6016"));
  cr_assert_str_eq(pcf_matmap_suggest(m, "polypropylen"), "Polypropylene");
  cr_assert_null(pcf_matmap_suggest(m, "steel"));
  cr_assert_null(pcf_matmap_suggest(m, "X"));
  pcf_matmap_free(m);
}

/* Issue 16: names that merely share letters with a known material got it suggested (PCB→PC,
 * LED→PE, PU/POM→PP, PBT→PET, EPS→PS, TPE→PE, rubber→lumber, wool→wood, cork→CRC, tin→zinc).
 * With exactly those known names in the map, none of the ten gets a suggestion; a misspelling
 * ("alumnium", 1 edit in 8), a plural ("LEDs" when "LED" is known) and a known name inside a
 * longer one ("recycled PP 30% GF" holds "recycled PP", the longest known run of words) do. */
Test(matmap, no_lookalike_suggestions) {
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  const char *known[] = {"PC",   "PE",  "PP",   "PET",       "PS",          "lumber",
                         "wood", "CRC", "zinc", "aluminium", "recycled PP", "LED"};
  char csv[1024] = "name,process\n";
  for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
    strcat(csv, known[i]);
    strcat(csv, "," UUID_PP "\n");
  }
  cr_assert_eq(load(m, "k.csv", csv, &err), 0);
  const char *unknown[] = {"PCB", "LED strip", "PU", "POM", "PBT", "EPS", "TPE", "rubber", "wool", "cork", "tin"};
  for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
    const char *s = pcf_matmap_suggest(m, unknown[i]);
    /* "LED strip" holds the known "LED": that one is a real synonym, the rest must be NULL. */
    if (i == 1)
      cr_assert_str_eq(s, "LED");
    else
      cr_assert_null(s, "%s was suggested %s", unknown[i], s);
  }
  cr_assert_str_eq(pcf_matmap_suggest(m, "alumnium"), "aluminium");
  cr_assert_str_eq(pcf_matmap_suggest(m, "LEDs"), "LED");
  cr_assert_str_eq(pcf_matmap_suggest(m, "recycled PP 30% GF"), "recycled PP");
  pcf_matmap_free(m);
}

Test(matmap, families) {
  pcf_family f = PCF_FAMILY_METAL;
  cr_assert_eq(pcf_family_parse("", &f), 0);
  cr_assert_eq(f, PCF_FAMILY_OTHER);
  cr_assert_eq(pcf_family_parse(" Electronics ", &f), 0);
  cr_assert_eq(f, PCF_FAMILY_ELECTRONICS);
  cr_assert_eq(pcf_family_parse("glasses", &f), 0);
  cr_assert_eq(f, PCF_FAMILY_GLASS);
  cr_assert_eq(pcf_family_parse("stone", &f), PCF_ERR_INPUT);
  cr_assert_str_eq(pcf_family_name(PCF_FAMILY_WOOD), "wood");
  cr_assert_str_eq(pcf_family_name(PCF_FAMILY_COUNT), "?");
}

Test(matmap, many_entries_and_file) {
  /* 5000 entries force the hash to grow several times. */
  char path[] = "/tmp/pcf_matmap_XXXXXX";
  int fd = mkstemp(path);
  FILE *f = fdopen(fd, "w");
  fputs("name,process,family\n", f);
  for (int i = 0; i < 5000; i++) fprintf(f, "material %d,aaaaaaaa-0000-4000-8000-%012d,metal\n", i, i);
  fclose(f);
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  cr_assert_eq(pcf_matmap_load(m, path, &err), 0, "%s", err.message);
  remove(path);
  cr_assert_eq(pcf_matmap_count(m), 5000);
  const pcf_material *x = pcf_matmap_find(m, "MATERIAL 4321");
  cr_assert_not_null(x);
  cr_assert_str_eq(x->process, "aaaaaaaa-0000-4000-8000-000000004321");
  cr_assert_eq(x->line, 4323);
  pcf_matmap_free(m);
}

/* The bundled map (datasets/materials.csv) loads, and its synonyms agree. */
Test(matmap, bundled_map) {
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  cr_assert_eq(pcf_matmap_load(m, PCF_SOURCE_DIR "/datasets/materials.csv", &err), 0, "%s:%ld: %s", err.path, err.line,
               err.message);
  cr_assert_gt(pcf_matmap_count(m), 10);
  const pcf_material *pp = pcf_matmap_find(m, "PP");
  cr_assert_not_null(pp);
  cr_assert_eq(pp->family, PCF_FAMILY_PLASTIC);
  cr_assert_str_eq(pcf_matmap_find(m, "Polypropylene")->process, pp->process);
  cr_assert_eq(pcf_matmap_warning_count(m), 0);
  pcf_matmap_free(m);
}
