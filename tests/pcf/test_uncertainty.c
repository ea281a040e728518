/* test_uncertainty.c: random numbers, ILCD distributions and the propagation of uncertainty.
 *
 * The small system is written here on top of the bundled elementary flows and AR6 method:
 *   A provides 1 kg of P1, takes a = 0.5 kg of P2 (log-normal, SDg² 1.5);
 *   B provides 1 kg of P2, emits b = 2 kg CO2 (fossil, GWP 1; log-normal, SDg² 2.0).
 * The footprint of P1 is a·b (1 kg CO2e), a product of two lognormals: ln T is normal with
 * σ² = σ_a² + σ_b², σ = ln(SDg²)/2 (ILCD: mean · SDg² is the 97.5 % value), median 1. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcf/uncertainty.h"
#include "uncertainty_dist.h"

#define MASS "93a60a56-a3c8-11da-a746-0800200b9a66"
#define CO2 "08a91e70-3ddc-11dd-923d-0050c2490048"
#define P1 "aaaaaaaa-0000-4000-8000-0000000000c1"
#define P2 "aaaaaaaa-0000-4000-8000-0000000000c2"
#define PA "bbbbbbbb-0000-4000-8000-0000000000ca"
#define PB "bbbbbbbb-0000-4000-8000-0000000000cb"

/* ---- random numbers -------------------------------------------------------------------------- */

Test(rng, xoshiro256starstar_reference_vector) {
  /* State {1, 2, 3, 4}: the first outputs of the reference xoshiro256starstar.c, as listed in the
   * test of the independent Rust implementation (rand_xoshiro, Xoshiro256StarStar). */
  pcf_rng r = {{1, 2, 3, 4}};
  const uint64_t expected[] = {11520u, 0u, 1509978240u, 1215971899390074240u};
  for (int i = 0; i < 4; i++) cr_expect_eq(pcf_rng_next(&r), expected[i], "output %d", i);
}

Test(rng, uniform_open_interval_and_seeding) {
  pcf_rng a, b;
  pcf_rng_seed(&a, 42);
  pcf_rng_seed(&b, 42);
  for (int i = 0; i < 1000; i++) {
    double u = pcf_rng_uniform(&a);
    cr_assert(u > 0 && u < 1);
    cr_assert_eq(u, pcf_rng_uniform(&b));
  }
  pcf_rng_seed_keyed(&a, 1, 2, 3);
  pcf_rng_seed_keyed(&b, 1, 2, 4);
  cr_expect_neq(pcf_rng_next(&a), pcf_rng_next(&b));
}

Test(rng, own_exp_log_and_normal_quantile) {
  for (double x = -30; x <= 30; x += 0.173) cr_expect(fabs(pcf_exp(x) / exp(x) - 1) < 4e-16, "exp(%g)", x);
  for (double x = 1e-300; x < 1e300; x *= 7.3)
    cr_expect(fabs(pcf_log(x) - log(x)) <= 4e-16 * fabs(log(x)) + 1e-300, "log(%g)", x);
  /* exp is a 64-entry table of 2^(j/64) and a degree-5 polynomial, log a 47-entry table of
   * ln(j/64) and a short atanh series (rng.c; the series they replace took 70 % of a Monte Carlo
   * run): within 1 ulp (exp) and 2 ulp (log, as the series before) of libm everywhere, and of
   * these correctly rounded values, computed with Python's decimal module at 60 digits
   * (float(Decimal(x).exp()), float(Decimal(x).ln())). */
  static const struct {
    double x, exp_x;
  } e[] = {{1, 0x1.5bf0a8b145769p+1},       {-1, 0x1.78b56362cef38p-2},   {10, 0x1.5829dcf95056p+14},
           {-10, 0x1.7cd79b5647c9bp-15},    {0.5, 0x1.a61298e1e069cp+0},  {100, 0x1.3494a9b171bf5p+144},
           {-700, 0x1.14f2b0fb9307fp-1010}, {1e-10, 0x1.000000006df38p+0}};
  for (size_t i = 0; i < sizeof e / sizeof *e; i++)
    cr_expect(fabs(pcf_exp(e[i].x) - e[i].exp_x) <= nextafter(e[i].exp_x, INFINITY) - e[i].exp_x, "exp(%g) = %a",
              e[i].x, pcf_exp(e[i].x));
  static const struct {
    double x, log_x;
  } l[] = {{2, 0x1.62e42fefa39efp-1},         {10, 0x1.26bb1bbb55516p+1},      {0.5, -0x1.62e42fefa39efp-1},
           {3, 0x1.193ea7aad030bp+0},         {1e-300, -0x1.5963447f87fb5p+9}, {1e300, 0x1.5963447f87fb5p+9},
           {1.0000001, 0x1.ad7f2847b6492p-24}};
  for (size_t i = 0; i < sizeof l / sizeof *l; i++)
    cr_expect(fabs(pcf_log(l[i].x) - l[i].log_x) <= nextafter(fabs(l[i].log_x), INFINITY) - fabs(l[i].log_x),
              "log(%g) = %a", l[i].x, pcf_log(l[i].x));
  for (double x = -708; x <= 709; x += 0.0071) {
    double ref = exp(x);
    cr_assert(fabs(pcf_exp(x) - ref) <= 1.01 * (nextafter(ref, INFINITY) - ref), "exp(%.17g) = %a, libm %a", x,
              pcf_exp(x), ref);
  }
  for (double x = 0.25; x <= 4; x += 0.0000371) {
    double ref = log(x), ulp = nextafter(fabs(ref), INFINITY) - fabs(ref);
    cr_assert(fabs(pcf_log(x) - ref) <= 2.01 * ulp || ref == 0, "log(%.17g) = %a, libm %a", x, pcf_log(x), ref);
  }
  cr_expect_eq(pcf_exp(0), 1);
  cr_expect_eq(pcf_log(1), 0);
  cr_expect_eq(pcf_normal_quantile(0.5), 0);
  cr_expect(fabs(pcf_normal_quantile(0.975) - 1.959963984540054) < 1e-14);
  /* Φ(Φ⁻¹(p)) = p with Φ from libm's erfc, over the three branches of AS 241. */
  for (double p = 1e-12; p < 1; p = p < 0.01 ? p * 3 : p + 0.0137) {
    double z = pcf_normal_quantile(p), back = 0.5 * erfc(-z / sqrt(2));
    cr_expect(fabs(back - p) <= 1e-13 * p, "p = %g: z = %.17g, Φ(z) = %.17g", p, z, back);
  }
}

/* ---- distributions --------------------------------------------------------------------------- */

Test(dist, ilcd_definitions) {
  ilcd_exchange ex = {.mean_amount = 2,
                      .resulting_amount = 2,
                      .uncertainty = ILCD_UNC_LOGNORMAL,
                      .rsd95_percent = 1.5,
                      .minimum = NAN,
                      .maximum = NAN};
  pcf_dist d;
  const char *why;
  cr_assert_eq(pcf_dist_from_exchange(&d, &ex, &why), PCF_DIST_LOGNORMAL);
  cr_expect_eq(d.a, 2);
  cr_expect(fabs(d.b - log(1.5) / 2) < 1e-15);
  /* mean · SDg² is (to the ±2σ convention) the 97.5 % value */
  cr_expect(fabs(pcf_dist_quantile(&d, 0.977249868051821) - 3) < 1e-12);
  ex.uncertainty = ILCD_UNC_NORMAL;
  ex.rsd95_percent = 10; /* 2·SD = 10 % of the mean */
  cr_assert_eq(pcf_dist_from_exchange(&d, &ex, &why), PCF_DIST_NORMAL);
  cr_expect(fabs(d.b - 0.1) < 1e-15);
  ex.uncertainty = ILCD_UNC_TRIANGULAR;
  ex.minimum = 1, ex.maximum = 4;
  cr_assert_eq(pcf_dist_from_exchange(&d, &ex, &why), PCF_DIST_TRIANGULAR);
  cr_expect_eq(d.b, 2.5);  /* mode at the average of minimum and maximum */
  ex.resulting_amount = 4; /* parameterised: min/max follow resulting/mean */
  pcf_dist_from_exchange(&d, &ex, &why);
  cr_expect(d.a == 2 && d.c == 8);
}

Test(dist, tiangong_exchanges) {
  ilcd_db *db;
  ilcd_error ie = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  /* Both processes are in the TianGong slice (tests/fixtures/PROVENANCE.md). */
  cr_assert_eq(ilcd_db_load(db, PCF_SOURCE_DIR "/tests/fixtures/tiangong/tiangong-slice.zip", &ie), 0, "%s",
               ie.message);
  /* Uniform, with minimumAmount and maximumAmount: gravel of a well site, 912000..1191000.
   * Log-normal without relativeStandardDeviation95In: no spread to draw from. */
  ilcd_uuid u;
  ilcd_uuid_parse(&u, "e41e807f-cf46-4166-b251-1bd61a647234");
  const ilcd_process *p = ilcd_db_process(db, &u);
  cr_assert(p);
  pcf_dist d;
  const char *why;
  cr_assert_eq(pcf_dist_from_exchange(&d, ilcd_process_exchange(p, 0), &why), PCF_DIST_UNIFORM);
  cr_expect(d.a == 912000 && d.c == 1191000);
  cr_expect(fabs(pcf_dist_mean(&d) - 1051500) < 1e-9);
  ilcd_uuid_parse(&u, "98392b10-fa4e-4d68-a6a0-50f134d7b004");
  p = ilcd_db_process(db, &u);
  cr_assert(p);
  cr_expect_eq(ilcd_process_exchange(p, 0)->uncertainty, ILCD_UNC_LOGNORMAL);
  cr_expect_eq(pcf_dist_from_exchange(&d, ilcd_process_exchange(p, 0), &why), PCF_DIST_NONE);
  cr_expect(why[0]);
  cr_expect_eq(d.a, 2673.8);
  ilcd_db_free(db);
}

Test(dist, user_syntax) {
  pcf_dist d;
  char unit[32];
  pcf_error err = {0};
  cr_assert_eq(pcf_dist_parse(&d, "lognormal 1.1", unit, sizeof unit, &err), 0);
  cr_expect(d.kind == PCF_DIST_LOGNORMAL && d.a == 1 && !unit[0]);
  cr_assert_eq(pcf_dist_parse(&d, "triangular 15000 18000 21000 km", unit, sizeof unit, &err), 0);
  cr_expect(d.kind == PCF_DIST_TRIANGULAR && d.b == 18000 && !strcmp(unit, "km"));
  cr_assert_eq(pcf_dist_parse(&d, "uniform 4 6", unit, sizeof unit, &err), 0);
  cr_expect(d.kind == PCF_DIST_UNIFORM && pcf_dist_mean(&d) == 5);
  cr_expect_eq(pcf_dist_parse(&d, "triangular 3 2 1", unit, sizeof unit, &err), PCF_ERR_PARSE);
  cr_expect_eq(pcf_dist_parse(&d, "lognormal 0.5", unit, sizeof unit, &err), PCF_ERR_PARSE);
  cr_expect_eq(pcf_dist_parse(&d, "normal 1", unit, sizeof unit, &err), PCF_ERR_PARSE);
}

/* ---- propagation on the small system ---------------------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs(text, f);
  fclose(f);
}

static void flow(const char *dir, const char *name, const char *uuid) {
  char buf[2048];
  snprintf(buf, sizeof buf,
           "<flowDataSet xmlns=\"http://lca.jrc.it/ILCD/Flow\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">"
           "<flowInformation><dataSetInformation><common:UUID>%s</common:UUID><name><baseName>%s</baseName></name>"
           "</dataSetInformation><quantitativeReference><referenceToReferenceFlowProperty>0</"
           "referenceToReferenceFlowProperty>"
           "</quantitativeReference></flowInformation><modellingAndValidation><LCIMethod><typeOfDataSet>Product flow"
           "</typeOfDataSet></LCIMethod></modellingAndValidation><flowProperties><flowProperty dataSetInternalID=\"0\">"
           "<referenceToFlowPropertyDataSet refObjectId=\"" MASS
           "\"/><meanValue>1</meanValue></flowProperty>"
           "</flowProperties></flowDataSet>",
           uuid, name);
  write_file(dir, name, buf);
}

/* A process: reference output of out, then one exchange (flow, direction, amount, SDg² or 0). */
static void process(const char *dir, const char *name, const char *uuid, const char *out, const char *flow_id,
                    const char *direction, double amount, double gsd2) {
  char buf[4096], unc[200] = "";
  if (gsd2 > 0)
    snprintf(unc, sizeof unc,
             "<uncertaintyDistributionType>log-normal</uncertaintyDistributionType>"
             "<relativeStandardDeviation95In>%g</relativeStandardDeviation95In>",
             gsd2);
  snprintf(buf, sizeof buf,
           "<processDataSet xmlns=\"http://lca.jrc.it/ILCD/Process\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">"
           "<processInformation><dataSetInformation><common:UUID>%s</common:UUID><name><baseName>%s</baseName>"
           "</name></dataSetInformation><quantitativeReference><referenceToReferenceFlow>0</referenceToReferenceFlow>"
           "</quantitativeReference></processInformation><exchanges>"
           "<exchange dataSetInternalID=\"0\"><referenceToFlowDataSet refObjectId=\"%s\"/>"
           "<exchangeDirection>Output</exchangeDirection><meanAmount>1</meanAmount></exchange>"
           "<exchange dataSetInternalID=\"1\"><referenceToFlowDataSet refObjectId=\"%s\"/>"
           "<exchangeDirection>%s</exchangeDirection><meanAmount>%g</meanAmount>%s</exchange>"
           "</exchanges></processDataSet>",
           uuid, name, out, flow_id, direction, amount, unc);
  write_file(dir, name, buf);
}

/* The dataset folder a setup wrote, removed with the data. */
static void remove_folder(const char *dir) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}

static pcf_data *data;
static char data_dir[64];
static const double GSD2_A = 1.5, GSD2_B = 2.0;

static void setup(void) {
  char *dir = data_dir;
  snprintf(data_dir, sizeof data_dir, "/tmp/pcf-test-unc-XXXXXX");
  cr_assert(mkdtemp(dir));
  flow(dir, "p1.xml", P1);
  flow(dir, "p2.xml", P2);
  process(dir, "a.xml", PA, P1, P2, "Input", 0.5, GSD2_A);
  process(dir, "b.xml", PB, P2, CO2, "Output", 2, GSD2_B);
  const char *paths[] = {dir};
  pcf_data_options o = {.bundled = 1, .paths = paths, .n_paths = 1};
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
}

static void teardown(void) {
  pcf_data_free(data);
  remove_folder(data_dir);
}

TestSuite(propagation, .init = setup, .fini = teardown, .timeout = 120);

Test(propagation, product_of_two_lognormals) {
  pcf_error err = {0};
  pcf_unc_model *m;
  cr_assert_eq(pcf_unc_model_new(&m, data, NULL, PA, NULL, &err), 0, "%s", err.message);
  cr_expect_eq(pcf_unc_model_uncertain_count(m), 2);
  double t0 = pcf_unc_model_deterministic(m);
  cr_expect(fabs(t0 - 1) < 1e-12, "deterministic %g", t0);
  double sa = log(GSD2_A) / 2, sb = log(GSD2_B) / 2, s = sqrt(sa * sa + sb * sb);
  /* Analytic: elasticities are 1, so the closed form holds exactly on the log scale. */
  pcf_unc_analytic an;
  cr_assert_eq(pcf_unc_analytic_run(&an, m, 1, &err), 0, "%s", err.message);
  cr_expect(fabs(an.gsd2[0] - exp(2 * s)) < 1e-12, "GSD² %.15g, closed form %.15g", an.gsd2[0], exp(2 * s));
  /* Monte Carlo: ln T ~ N(0, σ²). 20000 draws: the sd of ln T within 3 %, median within 2 %. */
  pcf_unc_options o = PCF_UNC_OPTIONS_INIT;
  o.iterations = 20000;
  o.seed = 42;
  o.keep_samples = 1;
  pcf_unc_result *r;
  cr_assert_eq(pcf_unc_run(&r, m, &o, &err), 0, "%s", err.message);
  double sum = 0, ss = 0;
  for (size_t i = 0; i < o.iterations; i++) sum += log(r->samples[i * (PCF_STAGE_COUNT + 1)]);
  double mean_ln = sum / (double)o.iterations;
  for (size_t i = 0; i < o.iterations; i++) {
    double d = log(r->samples[i * (PCF_STAGE_COUNT + 1)]) - mean_ln;
    ss += d * d;
  }
  double sd_ln = sqrt(ss / (double)(o.iterations - 1));
  cr_expect(fabs(sd_ln / s - 1) < 0.03, "sd of ln T %g, closed form %g", sd_ln, s);
  cr_expect(fabs(r->stats[0].p50 - 1) < 0.02, "median %g", r->stats[0].p50);
  /* Monte Carlo against the analytic mean and sd (first order: within a few % here). */
  double exact_mean = exp(s * s / 2);
  cr_expect(fabs(r->stats[0].mean / exact_mean - 1) < 0.015, "MC mean %g, exact %g", r->stats[0].mean, exact_mean);
  cr_expect(fabs(an.mean[0] / r->stats[0].mean - 1) < 0.015, "analytic mean %g, MC %g", an.mean[0], r->stats[0].mean);
  cr_expect(fabs(an.sd[0] / r->stats[0].sd - 1) < 0.10, "analytic sd %g, MC %g", an.sd[0], r->stats[0].sd);
  cr_expect(fabs(an.p97_5[0] / r->stats[0].p97_5 - 1) < 0.03, "analytic 97.5 %% %g, MC %g", an.p97_5[0],
            r->stats[0].p97_5);
  pcf_unc_result_free(r);
  pcf_unc_model_free(m);
}

Test(propagation, same_seed_same_numbers) {
  pcf_error err = {0};
  pcf_unc_model *m;
  cr_assert_eq(pcf_unc_model_new(&m, data, NULL, PA, NULL, &err), 0, "%s", err.message);
  pcf_unc_options o = PCF_UNC_OPTIONS_INIT;
  o.iterations = 500;
  o.seed = 7;
  o.keep_samples = 1;
  pcf_unc_result *r1, *r2, *r3;
  cr_assert_eq(pcf_unc_run(&r1, m, &o, &err), 0);
  cr_assert_eq(pcf_unc_run(&r2, m, &o, &err), 0);
  o.seed = 8;
  cr_assert_eq(pcf_unc_run(&r3, m, &o, &err), 0);
  size_t bytes = o.iterations * (PCF_STAGE_COUNT + 1) * sizeof(double);
  cr_expect_eq(memcmp(r1->samples, r2->samples, bytes), 0);
  cr_expect_neq(memcmp(r1->samples, r3->samples, bytes), 0);
  /* A fixed point of the stream, for machines to agree on (printed with %a when it fails). */
  double first = r1->samples[0];
  cr_expect(first > 0.2 && first < 5, "first draw %a", first);
  pcf_unc_result_free(r1);
  pcf_unc_result_free(r2);
  pcf_unc_result_free(r3);
  pcf_unc_model_free(m);
}

Test(propagation, common_random_numbers) {
  /* T_B = b, T_A = a·b: drawn with the same b (the same exchange of B), T_A < T_B whenever
   * a < 1, i.e. almost always (P ≈ 1 - 3e-4); independent draws would give about 0.90. */
  pcf_error err = {0};
  pcf_unc_model *models[2];
  cr_assert_eq(pcf_unc_model_new(&models[0], data, NULL, PB, NULL, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_unc_model_new(&models[1], data, NULL, PA, NULL, &err), 0, "%s", err.message);
  pcf_unc_options o = PCF_UNC_OPTIONS_INIT;
  o.iterations = 4000;
  double p[2];
  cr_assert_eq(pcf_unc_compare(p, NULL, models, 2, &o, &err), 0, "%s", err.message);
  cr_expect(p[1] > 0.995, "P(A < B) = %g", p[1]);
  /* A model against itself: never below. */
  pcf_unc_model *same[2] = {models[1], models[1]};
  cr_assert_eq(pcf_unc_compare(p, NULL, same, 2, &o, &err), 0, "%s", err.message);
  cr_expect_eq(p[1], 0);
  pcf_unc_model_free(models[0]);
  pcf_unc_model_free(models[1]);
}

/* ---- the toy car: deterministic data give no spread ------------------------------------------- */

Test(cases, toy_car_deterministic_data_zero_spread, .timeout = 120) {
  const char *path = PCF_SOURCE_DIR "/cases/toy-car/product.ini";
  pcf_error err = {0};
  pcf_product *prod;
  cr_assert_eq(pcf_product_read(&prod, path, &err), 0, "%s", err.message);
  pcf_data_options o = {.bundled = 1, .method = pcf_product_method(prod)};
  pcf_data *d;
  cr_assert_eq(pcf_data_open(&d, &o, &err), 0, "%s", err.message);
  pcf_result *fp;
  cr_assert_eq(pcf_footprint_product(&fp, d, prod, &err), 0, "%s", err.message);
  pcf_unc_model *m;
  cr_assert_eq(pcf_unc_model_new(&m, d, path, NULL, NULL, &err), 0, "%s", err.message);
  /* The model reproduces the footprint, total and per stage. */
  cr_expect(fabs(pcf_unc_model_deterministic(m) - pcf_result_value(fp, PCF_TOTAL)) < 1e-12);
  for (int s = 0; s < PCF_STAGE_COUNT; s++)
    cr_expect(fabs(pcf_unc_model_deterministic_stage(m, (pcf_stage)s) - pcf_result_stage(fp, (pcf_stage)s, PCF_TOTAL)) <
              1e-12);
  pcf_unc_options uo = PCF_UNC_OPTIONS_INIT;
  uo.iterations = 50;
  pcf_unc_result *r;
  cr_assert_eq(pcf_unc_run(&r, m, &uo, &err), 0, "%s", err.message);
  cr_expect_eq(r->stats[0].sd, 0);
  cr_expect_eq(r->stats[0].mean, pcf_unc_model_deterministic(m));
  pcf_unc_result_free(r);
  /* User inputs: the MC against the analytic result (all near-linear inputs). */
  char ini[] = "/tmp/pcf-unc-inputs-XXXXXX";
  int fd = mkstemp(ini);
  cr_assert(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs(
      "[inputs]\ndistribution.sea ship = triangular 15000 18000 21000 km\n"
      "manufacturing.electricity CN = normal 0.30 0.03 kWh\nbom.Body.scale = lognormal 1.1\n",
      f);
  fclose(f);
  pcf_unc_inputs *in;
  cr_assert_eq(pcf_unc_inputs_read(&in, ini, &err), 0, "%s", err.message);
  cr_expect_eq(in->count, 3);
  pcf_unc_model *mi;
  cr_assert_eq(pcf_unc_model_new(&mi, d, path, NULL, in, &err), 0, "%s", err.message);
  uo.iterations = 2000;
  cr_assert_eq(pcf_unc_run(&r, mi, &uo, &err), 0, "%s", err.message);
  pcf_unc_analytic an;
  cr_assert_eq(pcf_unc_analytic_run(&an, mi, 1, &err), 0, "%s", err.message);
  cr_expect(fabs(r->stats[0].mean / an.mean[0] - 1) < 0.01, "MC %g analytic %g", r->stats[0].mean, an.mean[0]);
  cr_expect(fabs(r->stats[0].sd / an.sd[0] - 1) < 0.10, "MC sd %g analytic %g", r->stats[0].sd, an.sd[0]);
  pcf_unc_result_free(r);
  pcf_unc_model_free(mi);
  pcf_unc_inputs_free(in);
  unlink(ini);
  pcf_unc_model_free(m);
  pcf_result_free(fp);
  pcf_data_free(d);
  pcf_product_free(prod);
}

Test(propagation, what_drives_the_spread) {
  /* T = a·b (a: A's input of P2, median 0.5, GSD² 1.5; b: B's CO2, median 2, GSD² 2). First order
   * g_a = b = 2, g_b = a = 0.5, and a lognormal of median m has Var = m² e^{σ²}(e^{σ²} − 1), so
   * g_a² Var a = a²b² e^{σa²}(e^{σa²} − 1) and likewise for b: the shares are E_a/(E_a + E_b) and
   * E_b/(E_a + E_b) with E = e^{σ²}(e^{σ²} − 1), σ = ln GSD² / 2: σa² = 0.041100, E_a = 0.043717;
   * σb² = 0.120113, E_b = 0.143913; B's CO2 0.76700, A's input 0.23300. */
  pcf_error err = {0};
  pcf_unc_model *m;
  cr_assert_eq(pcf_unc_model_new(&m, data, NULL, PA, NULL, &err), 0, "%s", err.message);
  pcf_unc_analytic an;
  cr_assert_eq(pcf_unc_analytic_run(&an, m, 1, &err), 0, "%s", err.message);
  double sa2 = pow(log(GSD2_A) / 2, 2), sb2 = pow(log(GSD2_B) / 2, 2);
  double ea = exp(sa2) * (exp(sa2) - 1), eb = exp(sb2) * (exp(sb2) - 1);
  cr_assert_eq(pcf_unc_model_driver_count(m), 2);
  const pcf_unc_driver *d0 = pcf_unc_model_driver(m, 0), *d1 = pcf_unc_model_driver(m, 1);
  cr_expect_float_eq(d0->share, eb / (ea + eb), 1e-9);
  cr_expect_float_eq(d1->share, ea / (ea + eb), 1e-9);
  cr_expect_float_eq(d0->variance, 1.0 * eb, 1e-12); /* a²b² = 1 */
  cr_expect(!d0->user && !d1->user);
  /* named by flow and process: B's CO2 emission, A's input of P2 */
  const char *tail = " in b.xml";
  cr_expect(strlen(d0->name) > strlen(tail) && !strcmp(d0->name + strlen(d0->name) - strlen(tail), tail), "%s",
            d0->name);
  cr_expect_str_eq(d1->name, "p2.xml in a.xml");
  /* the shares of a model's exchanges together: the first-order variance of the total */
  cr_expect_float_eq(d0->variance + d1->variance, an.sd[0] * an.sd[0], 1e-12);
  pcf_unc_model_free(m);
}

/* ---- default uncertainty: ecoinvent basic uncertainty and pedigree matrix ---------------------- */

Test(pedigree, gsd2_of_basic_factor_and_ratings) {
  /* GSD² = exp(√(ln² U_b + Σ ln² U_i)) (ecoinvent report No. 1, 7.4); ratings 1..3 read as scores
   * 1, 3, 5. All good: only the basic factor is left. All poor with U_b = 1.5: the score-5 factors
   * 2.00 (technological), 1.50 (temporal), 1.10 (geographical), 1.20 (completeness), 1.50
   * (reliability): exp(√(ln²1.5 + ln²2 + ln²1.5 + ln²1.1 + ln²1.2 + ln²1.5)) = 2.7400066. */
  const double good[5] = {1, 1, 1, 1, 1}, poor[5] = {3, 3, 3, 3, 3};
  cr_expect_float_eq(pcf_unc_pedigree_gsd2(2.0, good), 2.0, 1e-12);
  cr_expect_float_eq(pcf_unc_pedigree_gsd2(1.5, poor), 2.7400066419867124, 1e-12);
}

static pcf_data *plain;

/* The small system of the propagation tests without any distribution. */
static void setup_plain(void) {
  char *dir = data_dir;
  snprintf(data_dir, sizeof data_dir, "/tmp/pcf-test-ped-XXXXXX");
  cr_assert(mkdtemp(dir));
  flow(dir, "p1.xml", P1);
  flow(dir, "p2.xml", P2);
  process(dir, "a.xml", PA, P1, P2, "Input", 0.5, 0);
  process(dir, "b.xml", PB, P2, CO2, "Output", 2, 0);
  const char *paths[] = {dir};
  pcf_data_options o = {.bundled = 1, .paths = paths, .n_paths = 1};
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&plain, &o, &err), 0, "%s", err.message);
}

static void teardown_plain(void) {
  pcf_data_free(plain);
  remove_folder(data_dir);
}

Test(pedigree, default_uncertainty_of_data_without_any, .init = setup_plain, .fini = teardown_plain, .timeout = 120) {
  /* Both exchanges get U_b = 1.05 (A's input of 0.5 kg of P2: a product input; B's CO2: 1.05) and
   * the ratings technological 2, temporal 3, geographical 2, completeness 2, reliability 2, i.e.
   * scores 3, 5, 3, 3, 3: factors 1.20, 1.50, 1.02, 1.05, 1.10, so
   *   GSD² = exp(√(ln²1.05 + ln²1.20 + ln²1.50 + ln²1.02 + ln²1.05 + ln²1.10)) = 1.5845564.
   * T = a·b with elasticities 1: ln T has σ_T² = 2σ², GSD²_T = exp(2σ_T) = (GSD²)^√2 = 1.9173976. */
  pcf_error err = {0};
  pcf_unc_model *m;
  cr_assert_eq(pcf_unc_model_new(&m, plain, NULL, PA, NULL, &err), 0, "%s", err.message);
  cr_expect_eq(pcf_unc_model_uncertain_count(m), 0, "the data carry no distribution");
  const double ratings[5] = {2, 3, 2, 2, 2};
  cr_assert_eq(pcf_unc_model_pedigree(m, NULL, NULL, ratings, &err), 0, "%s", err.message);
  cr_expect_eq(pcf_unc_model_pedigree_count(m), 2);
  cr_expect_eq(pcf_unc_model_uncertain_count(m), 2);
  cr_expect_float_eq(pcf_unc_pedigree_gsd2(1.05, ratings), 1.5845564191340322, 1e-12);
  pcf_unc_analytic an;
  cr_assert_eq(pcf_unc_analytic_run(&an, m, 1, &err), 0, "%s", err.message);
  cr_expect_float_eq(an.gsd2[0], 1.917397649525132, 1e-9);
  pcf_unc_model_free(m);
}
