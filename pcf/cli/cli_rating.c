/* cli_rating.c: the data-quality ratings of a result's lines for the default uncertainty
 * (--pedigree of pcf footprint, uncertainty and compare, and pcf studio's P(beats base)). */
#include <pcf/pact.h>
#include <pcf/uncertainty.h>
#include <stdlib.h>

#include "cli.h"

/* The data-quality ratings of r's lines for the default uncertainty (pcf_unc_model_pedigree):
 * each line's for the process it uses, their contribution-weighted aggregate for the rest of the
 * supply chains, against the year and country of the profile (pcf_dqr_target) as the report's
 * data-quality table rates them. ctx is a const cli_rating *. */
int cli_rate_lines(const pcf_result *r, double (*ratings)[5], double other[5], void *ctx, pcf_error *err) {
  const cli_rating *how = ctx;
  int year;
  const char *country;
  pcf_dqr_target(how->profile, &year, &country);
  size_t n = pcf_result_line_count(r);
  pcf_dqr_line *q = calloc(n ? n : 1, sizeof *q);
  if (!q) return pcf_error_nomem(err);
  int rc = 0;
  for (size_t i = 0; !rc && i < n; i++) {
    rc = pcf_dqr_rate(&q[i], r, i, pcf_data_db(how->data), how->profile, year, country, err);
    for (int k = 0; k < 5; k++) ratings[i][k] = q[i].rating[k];
  }
  if (!rc) {
    pcf_dqr_summary s;
    pcf_dqr_aggregate(&s, r, q);
    for (int k = 0; k < 5; k++) other[k] = s.rating[k];
  }
  free(q);
  return rc;
}
