/* External data: the TianGong footprints of tests/pcf/test_tiangong.c on the whole archive
 * (PCF_SHARED_DIR/ilcd/tiangong-lca-2024.zip, 4,133 processes, loaded without the bundled data)
 * rather than on the repository's slice of it: every root's system is then built among all the
 * providers of the database. Label `external`; not run when the archive is absent. */
#include "../pcf/tiangong_expected.h"

#define TIANGONG PCF_SHARED_DIR "/ilcd/tiangong-lca-2024.zip"

static pcf_data *data;

static void setup(void) {
  const char *paths[] = {TIANGONG};
  pcf_data_options o = {.bundled = 0, .paths = paths, .n_paths = 1};
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
}

static void teardown(void) { pcf_data_free(data); }

TestSuite(tiangong_archive, .init = setup, .fini = teardown, .timeout = 240);

Test(tiangong_archive, totals_equal_the_independent_script) { tiangong_check_totals(data); }

Test(tiangong_archive, no_usable_reference_flow_is_an_error) { tiangong_check_no_reference(data); }

Test(tiangong_archive, process_consuming_its_own_product_is_an_error) { tiangong_check_self_consumer(data); }
