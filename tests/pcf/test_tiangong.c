/* test_tiangong.c: linking and solving on real data, checked against an independent calculation.
 *
 * pcf's library footprints processes of the TianGong LCA database (loaded without the bundled
 * data) and the totals must equal those of tests/tiangong/check_chain.py: a plain-Python program that
 * reads the zip with zipfile + ElementTree, applies the linking rule of pcf/include/pcf/system.h
 * (written from the header's text, not from pcf's code: providers are product outputs or waste
 * inputs with positive net amount, the first in zip order taken), solves the reachable system by
 * Gauss elimination and characterises it with the EF 3.1 AR6 method in the zip, biogenic CO2 at
 * +1 emitted and -1 taken up (ISO 14067, as system.h states).
 *
 * The expected values below were printed by that script; regenerate them with
 *   python3 tests/tiangong/check_chain.py --groups a04edcd0-758e-4222-9f71-15fa36281a0e \
 *       902b6675-8115-49eb-902f-fca7c1e9d75c 2f9ec384-1730-4f15-ac8b-47b29eaa53e9 \
 *       4f4f710f-4b89-4459-b8ba-b984f653a2a2 84f07e17-6318-47ba-a4d0-866068257bbd \
 *       c697e5ae-b758-46fe-8da9-32f0305a3ce2 8292d1c8-669d-4717-9093-20f46b162331 \
 *       e7acf0ea-ed0f-40e4-9d75-3cc64bdeb47f 59d6b292-6ac7-4f78-9eef-440a1b740eaa \
 *       de3a8c6e-5fb5-4095-b550-e3f12a7d1d2b
 * and compare the pcf executable with it for any process with
 *   python3 tests/tiangong/compare_pcf.py --pcf build/pcf --groups [UUID...]
 * Tolerance: relative 1e-9 (KLU against Gauss elimination in double precision).
 *
 * The cases: the 12 chain roots of ../shared/ilcd/tiangong-subset/GROUPS.txt (the chains are
 * larger than that file says because it follows unique-provider links only, while the rule
 * takes the first of several providers); a black-box unit process (cotton yarn); a process that
 * provides a flow another process provides first (footprinted as foreground); a consumer whose
 * reference is a waste Input of a flow nobody treats first; the roots of the bundled TianGong copper datasets
 * (datasets/tools/tiangong.py), footprinted as foreground because another process provides
 * "Refined copper" first; processes with two reference flows (the multi-functional rule of
 * system.h; tests/tiangong/reference_flows.py lists all 65): an input then a product output,
 * footprinted per the output (the first provider of a flow nothing provided before, the second,
 * and a process providing a flow another provides first), and one output named twice, whose two
 * exchanges count together (the former rule credited the second at the flow's other provider:
 * -0.486); a process without a usable reference flow (an error); and a CEEIO sector (LCI result
 * with monetary units, dense links) that takes in far more of its own product than it makes (an
 * error, tiangong_expected.h). */
#include <stdbool.h>

#include "tiangong_expected.h"

/* The slice of the archive the repository owns (tests/tiangong/make_slice.py): every chain of the
 * roots below is whole in it, in the archive's order, so the systems are those of the whole
 * archive (4,133 processes), which tests/external/test_tiangong_archive.c loads when present. */
#define TIANGONG PCF_SOURCE_DIR "/tests/fixtures/tiangong/tiangong-slice.zip"

static pcf_data *data;

static void setup(void) {
  const char *paths[] = {TIANGONG};
  pcf_data_options o = {.bundled = 0, .paths = paths, .n_paths = 1};
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
}

static void teardown(void) { pcf_data_free(data); }

TestSuite(tiangong, .init = setup, .fini = teardown, .timeout = 240);

Test(tiangong, totals_equal_the_independent_script) { tiangong_check_totals(data); }

Test(tiangong, no_usable_reference_flow_is_an_error) { tiangong_check_no_reference(data); }

Test(tiangong, process_consuming_its_own_product_is_an_error) { tiangong_check_self_consumer(data); }

static bool warned(const pcf_result *r, const char *a, const char *b) {
  for (size_t i = 0; i < pcf_result_warning_count(r); i++)
    if (strstr(pcf_result_warning(r, i), a) && strstr(pcf_result_warning(r, i), b)) return true;
  return false;
}

Test(tiangong, two_reference_flows_are_named_in_the_warnings) {
  /* Its XML: referenceToReferenceFlow 5 (Input, Methanol) and 6 (Output, Ethylene glycol). */
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, "8292d1c8-669d-4717-9093-20f46b162331", &err), 0, "%s", err.message);
  cr_expect(
      warned(r, "8292d1c8", "2 reference flows and no allocation factors: takes \"Ethylene glycol\" (exchange 6)"));
  cr_expect(warned(r, "8292d1c8", "exchange 5 (Input of \"Methanol\")"));
  pcf_result_free(r);
  /* referenceToReferenceFlow 0 and 1: two Outputs of 1,000 kg of Lithium carbonate. */
  cr_assert_eq(pcf_footprint_process(&r, data, "de3a8c6e-5fb5-4095-b550-e3f12a7d1d2b", &err), 0, "%s", err.message);
  cr_expect(warned(r, "de3a8c6e", "reference exchanges 0, 1 (Output of \"Lithium carbonate\") are taken together"));
  pcf_result_free(r);
}
