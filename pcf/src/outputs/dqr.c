/* dqr.c: pedigree-style data-quality ratings per line and their contribution-weighted aggregate,
 * on the three-level scale of the PACT Methodology (Table 9 data quality matrix: 1 good, 2 fair,
 * 3 poor) used by PACT's dqi, aggregated as the PEF DQR and PACT do: a weighted average over the
 * inputs representing more than 5 % of the footprint, weights = contributions.
 *
 * Ratings come from the profile's [dqr] section when it names the line (its component, else its
 * dataset): the person who knows the data rates it. Otherwise pcf applies these rules, stated so
 * that a verifier can follow them (they are pcf's reading of the matrix, not numbers from it):
 *   primary (supplier-specific) data: technological 1, temporal 1, geographical 1, completeness 1,
 *     reliability 2 (declared by the supplier, verification unknown to pcf);
 *   secondary data (a dataset): technological 2 (generic technology);
 *     temporal: |target year - dataset reference year| <= 3 -> 1, <= 6 -> 2, else or unknown -> 3;
 *     geographical: dataset location = production country -> 1, a region or global -> 2,
 *       another country -> 3, unknown -> 3 (unknown site: any known location -> 2);
 *     completeness 2; reliability 2 with a cited data source, 3 without;
 *   a proxy (materials.csv names the dataset as standing in for the material): technological 3
 *     and completeness 3, the rest as secondary data;
 *   an own secondary factor (BOM factor column, NAME.factor): the five ratings its factor quality
 *     gives, else technological 2, temporal 3 and geographical 3 (its year and place unknown to
 *     pcf), completeness 2 and reliability 2 (its source is cited: pcf requires one). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "pact_internal.h" /* pcf__pact_reference_year */
#include "pcf/pact.h"
#include "ratings.h"

static const char *const names[PCF_DQR_COUNT] = {"technological", "temporal", "geographical", "completeness",
                                                 "reliability"};

const char *pcf_dqr_name(pcf_dqr_kind k) { return k < PCF_DQR_COUNT ? names[k] : "?"; }

static int is_country(const char *loc) {
  return strlen(loc) == 2 && isupper((unsigned char)loc[0]) && isupper((unsigned char)loc[1]);
}

static double temporal(int target, int year) {
  if (!target || !year) return 3;
  int d = abs(target - year);
  return d <= 3 ? 1 : d <= 6 ? 2 : 3;
}

static double geographical(const char *country, const char *loc) {
  if (!loc || !*loc) return 3;
  if (!country || !*country) return 2;
  /* "CN" matches "CN" and a subdivision "CN-GD"; ILCD writes regions as GLO, RER, RoW, ... */
  size_t n = strlen(country);
  if (strncasecmp(loc, country, n) == 0 && (loc[n] == 0 || loc[n] == '-')) return 1;
  return is_country(loc) ? 3 : 2;
}

void pcf_dqr_target(const pcf_profile *profile, int *year, const char **country) {
  const char *start = profile ? pcf_profile_get(profile, "footprint", "reference_period_start") : NULL,
             *end = profile ? pcf_profile_get(profile, "footprint", "reference_period_end") : NULL,
             *where = profile ? pcf_profile_get(profile, "footprint", "geography_country") : NULL;
  *year = pcf__pact_reference_year(start && *start ? start : NULL, end && *end ? end : NULL);
  if (!*year) { /* the footprint describes the product as made now */
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    *year = tm.tm_year + 1900;
  }
  *country = where ? where : "";
}

int pcf_dqr_rate(pcf_dqr_line *out, const pcf_result *r, size_t i, const ilcd_db *db, const pcf_profile *profile,
                 int year, const char *country, pcf_error *err) {
  const pcf_line *l = pcf_result_line(r, i);
  memset(out, 0, sizeof *out);
  out->location = "";
  const char *given = pcf_profile_get(profile, "dqr", l->component);
  if (!given && l->dataset && *l->dataset) given = pcf_profile_get(profile, "dqr", l->dataset);
  if (given) {
    if (pcf__ratings_parse(given, out->rating))
      return pcf_error_set(err, PCF_ERR_INPUT, pcf_profile_path(profile), 0,
                           "[dqr] %s = %s: expected five ratings from 1 to 3 (technological, temporal, "
                           "geographical, completeness, reliability)",
                           l->component, given);
    out->from_profile = 1;
    out->why = "rated in the profile";
    return 0;
  }
  if (l->primary) {
    const double p[PCF_DQR_COUNT] = {1, 1, 1, 1, 2};
    memcpy(out->rating, p, sizeof p);
    out->why = "primary data (supplier-specific PCF)";
    return 0;
  }
  if (l->factor_source) {
    const double own[PCF_DQR_COUNT] = {2, 3, 3, 2, 2};
    memcpy(out->rating, own, sizeof own);
    out->why = "secondary data: own factor, its year and place not given (factor quality rates it)";
    if (l->factor_quality && l->factor_quality[0] && !pcf__ratings_parse(l->factor_quality, out->rating))
      out->why = "secondary data: own factor, rated by its factor quality";
    return 0;
  }
  const ilcd_process *proc = NULL;
  ilcd_uuid u;
  if (db && !ilcd_uuid_parse(&u, l->process_uuid)) proc = ilcd_db_process(db, &u);
  if (proc) {
    out->reference_year = proc->reference_year;
    out->location = proc->location ? proc->location : "";
  }
  out->rating[PCF_DQR_TECHNOLOGICAL] = 2;
  out->rating[PCF_DQR_TEMPORAL] = temporal(year, out->reference_year);
  out->rating[PCF_DQR_GEOGRAPHICAL] = geographical(country, out->location);
  out->rating[PCF_DQR_COMPLETENESS] = 2;
  out->rating[PCF_DQR_RELIABILITY] = proc && proc->n_sources ? 2 : 3;
  out->why = proc ? "secondary data: rated from the dataset's year, place and sources"
                  : "secondary data: dataset metadata not available";
  if (l->proxy) {
    /* A dataset standing in for another material: neither its technology nor its completeness
     * represents the line. */
    out->rating[PCF_DQR_TECHNOLOGICAL] = 3;
    out->rating[PCF_DQR_COMPLETENESS] = 3;
    out->why = "proxy dataset (another material stands in): technology and completeness rated poor";
  }
  return 0;
}

void pcf_dqr_aggregate(pcf_dqr_summary *out, const pcf_result *r, const pcf_dqr_line *lines) {
  memset(out, 0, sizeof *out);
  size_t n = pcf_result_line_count(r);
  double all = 0, covered = 0;
  for (size_t i = 0; i < n; i++) all += fabs(pcf_result_line(r, i)->value[PCF_TOTAL]);
  for (size_t i = 0; i < n && all > 0; i++) {
    double w = fabs(pcf_result_line(r, i)->value[PCF_TOTAL]);
    if (w <= 0.05 * all) continue;
    covered += w;
    for (int k = 0; k < PCF_DQR_COUNT; k++) out->rating[k] += w * lines[i].rating[k];
  }
  for (int k = 0; k < PCF_DQR_COUNT; k++) out->rating[k] = covered > 0 ? out->rating[k] / covered : 3;
  out->coverage_percent = all > 0 ? 100 * covered / all : 0;
}
