/* html.c: the ISO 14067 study report (stub until the report lands). */
#include "pcf/html.h"

int pcf_html_write(const pcf_result *r, const pcf_pact_options *o, FILE *out, pcf_error *err) {
  return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "html report not implemented yet");
}
