/* External data: loading the real archives too large for the repository (see
 * tests/fixtures/PROVENANCE.md): the EF 3.1 climate archive as published, the TianGong subset
 * folder with the references it leaves dangling, and the whole TianGong archive. Registered with
 * the ctest label `external`; not run when PCF_SHARED_DIR/ilcd is absent.
 *
 * Counts were verified independently of the library, as in tests/ilcd/test_load.c: `ls` and a
 * root-element grep for folders, Python's zipfile module with the same match for archives. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include <ilcd/ilcd.h>

#define SHARED PCF_SHARED_DIR "/ilcd/"

static ilcd_db *load(const char *path) {
  ilcd_db *db = NULL;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  int rc = ilcd_db_load(db, path, &err);
  cr_assert_eq(rc, 0, "loading %s: %s:%ld: %s", path, err.path, err.line, err.message);
  ilcd_db_check(db);
  return db;
}

static void assert_counts(const ilcd_db *db, const size_t expected[ILCD_KIND_COUNT]) {
  for (int k = 0; k < ILCD_KIND_COUNT; k++)
    cr_expect_eq(ilcd_db_count(db, k), expected[k], "%s: %zu, expected %zu", ilcd_kind_name(k), ilcd_db_count(db, k),
                 expected[k]);
}

/* Order: process, flow, flow property, unit group, LCIA method, source, contact. */
static const size_t EF31_COUNTS[ILCD_KIND_COUNT] = {0, 1099, 101, 11, 4, 47, 37};

Test(load_external, ef31_climate_zip_same_as_folder) {
  /* unzip -l ef31-climate.zip: the same 1,299 datasets under ILCD/... plus directory entries. */
  ilcd_db *db = load(SHARED "ef31-climate.zip");
  assert_counts(db, EF31_COUNTS);
  cr_expect_eq(ilcd_db_problem_count(db), 0);
  cr_expect_eq(ilcd_db_xml_bytes(db), 5700602);
  ilcd_db_free(db);
}

Test(load_external, tiangong_subset_counts_and_dangling_references) {
  /* ls tiangong-subset/ILCD/<kind> | wc -l, confirmed by root-element grep:
   * 210 processes, 1584 flows, 269 flow properties, 54 unit groups, 4 LCIA methods, 57 sources,
   * 25 contacts. */
  static const size_t counts[ILCD_KIND_COUNT] = {210, 1584, 269, 54, 4, 57, 25};
  ilcd_db *db = load(SHARED "tiangong-subset/ILCD");
  assert_counts(db, counts);
  cr_expect_eq(ilcd_db_file_error_count(db), 0);
  cr_expect_eq(ilcd_db_xml_bytes(db), 25077649);

  /* missing_refs.json lists 17 flows and 2 sources the subset leaves dangling. Each must be
   * reported, and every reported UUID target must be one of them. */
  static const char *missing_flows[] = {"0b9159dd-305d-4add-802f-f7b780ed0289", "3844f446-ded5-4727-8421-17a00ef4eba7",
                                        "3ed5f377-344f-423a-b5ec-9a9a1162b944", "634c5012-e350-42e3-a4b3-f549ea3b0270",
                                        "70d467b6-115e-43c5-add2-441de9411348", "72721c4e-d589-4ad7-8c5e-4228b8690ddb",
                                        "7dd10f03-00ef-483e-88c7-ba23e5330316", "8683fcc9-8a54-466a-895d-6d2e91844c11",
                                        "8faa3412-a561-4f94-a167-31006cbecfb7", "99c65c6a-6871-40ba-af79-5bd6851688e4",
                                        "9d20e5b9-6a7b-42d8-859f-6b84a1778a53", "adace266-38eb-4979-877e-45a826bb798d",
                                        "ae70ca6c-807a-482b-9ddc-e449b4893fe3", "b2631209-8374-431e-b7d5-56c96c6b6d79",
                                        "bc6fdcff-82ec-413e-be4b-8ec58948e0ba", "e8a51ec1-60cb-4ead-a948-ad1142c61918",
                                        "fc0b5c85-3b49-42c2-a3fd-db7e57b696e3"};
  static const char *missing_sources[] = {"5d8c535d-4941-4498-b515-46e26185dbef",
                                          "798466cf-e290-42e2-8a78-d9f7af251e4c"};
  FILE *f = fopen(SHARED "tiangong-subset/missing_refs.json", "r");
  cr_assert_not_null(f);
  char json[4096];
  size_t n = fread(json, 1, sizeof json - 1, f);
  fclose(f);
  json[n] = '\0';
  for (size_t i = 0; i < 17; i++) cr_assert_not_null(strstr(json, missing_flows[i]));
  for (size_t i = 0; i < 2; i++) cr_assert_not_null(strstr(json, missing_sources[i]));

  int seen_flow[17] = {0}, seen_source[2] = {0}, ref_sentinel = 0;
  for (size_t i = 0; i < ilcd_db_problem_count(db); i++) {
    const ilcd_problem *p = ilcd_db_problem(db, i);
    if (p->to_kind == ILCD_FLOW) {
      int hit = 0;
      for (size_t j = 0; j < 17; j++)
        if (strcmp(p->target, missing_flows[j]) == 0) seen_flow[j] = hit = 1;
      cr_expect(hit, "unexpected dangling flow %s (%s)", p->target, p->what);
      cr_expect_eq(p->from_kind, ILCD_PROCESS);
      cr_expect_str_eq(p->what, "exchange flow");
    } else if (p->to_kind == ILCD_SOURCE) {
      int hit = 0;
      for (size_t j = 0; j < 2; j++)
        if (strcmp(p->target, missing_sources[j]) == 0) seen_source[j] = hit = 1;
      /* A CEEIO process refers to a source as refObjectId="#REF!" (a spreadsheet artefact, see
       * shared/ilcd/README.md): reported as written; the JSON lists UUIDs only. */
      if (strcmp(p->target, "#REF!") == 0) ref_sentinel = hit = 1;
      cr_expect(hit, "unexpected dangling source %s (%s)", p->target, p->what);
    } else {
      cr_expect(0, "unexpected problem: %s %s -> %s", p->what, ilcd_kind_name(p->to_kind), p->target);
    }
  }
  for (size_t j = 0; j < 17; j++) cr_expect(seen_flow[j], "flow %s not reported", missing_flows[j]);
  for (size_t j = 0; j < 2; j++) cr_expect(seen_source[j], "source %s not reported", missing_sources[j]);
  cr_expect(ref_sentinel, "refObjectId=\"#REF!\" not reported");
  ilcd_db_free(db);
}

Test(load_external, tiangong_whole_archive_counts) {
  /* Python zipfile over tiangong-lca-2024.zip, one dataset per root element: 4133 processDataSet,
   * 4087 flowDataSet, 60 flowPropertyDataSet, 14 unitGroupDataSet, 4 LCIAMethodDataSet, 1689
   * sourceDataSet, 79 contactDataSet; 116,637,333 bytes in its 10,070 .xml entries. */
  static const size_t counts[ILCD_KIND_COUNT] = {4133, 4087, 60, 14, 4, 1689, 79};
  ilcd_db *db = load(SHARED "tiangong-lca-2024.zip");
  assert_counts(db, counts);
  cr_expect_eq(ilcd_db_file_error_count(db), 0);
  cr_expect_eq(ilcd_db_xml_bytes(db), 116637333);
  ilcd_db_free(db);
}
