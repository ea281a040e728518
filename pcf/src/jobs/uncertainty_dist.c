/* uncertainty_dist.c: the four ILCD distributions (ILCD_Common_EnumerationValues.xsd,
 * UncertaintyDistributionTypeValues; ILCD_ProcessDataSet.xsd, exchange fields
 * relativeStandardDeviation95In, minimumAmount, maximumAmount), read from an exchange or from
 * the user's text, drawn by inverse transform, with their moments for analytic propagation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pcf/uncertainty.h"
#include "uncertainty_dist.h"

pcf_dist_kind pcf_dist_from_exchange(pcf_dist *d, const ilcd_exchange *ex, const char **why) {
  double x = ex->resulting_amount;
  /* min/max are written on meanAmount; a parameterised resultingAmount scales them. */
  double scale = ex->mean_amount != 0 ? x / ex->mean_amount : 1;
  const char *w = "";
  *d = (pcf_dist){PCF_DIST_NONE, x, 0, 0};
  switch (ex->uncertainty) {
    case ILCD_UNC_LOGNORMAL:
      /* rsd95 holds SDg²: mean · SDg² is the 97.5 % value, so σ = ln(SDg²) / 2. */
      if (isnan(ex->rsd95_percent))
        w = "log-normal without relativeStandardDeviation95In (SDg²)";
      else if (!(ex->rsd95_percent >= 1))
        w = "log-normal with SDg² below 1";
      else if (x == 0)
        w = "log-normal with a zero amount";
      else
        *d = (pcf_dist){PCF_DIST_LOGNORMAL, x, pcf_log(ex->rsd95_percent) / 2, 0};
      break;
    case ILCD_UNC_NORMAL:
      /* rsd95 holds 2·SD in % of the mean: mean + 2·SD is the 97.5 % value. */
      if (isnan(ex->rsd95_percent) || ex->rsd95_percent < 0)
        w = "normal without relativeStandardDeviation95In";
      else
        *d = (pcf_dist){PCF_DIST_NORMAL, x, fabs(x) * ex->rsd95_percent / 200, 0};
      break;
    case ILCD_UNC_TRIANGULAR:
    case ILCD_UNC_UNIFORM: {
      double lo = ex->minimum * scale, hi = ex->maximum * scale;
      if (scale < 0) {
        double t = lo;
        lo = hi;
        hi = t;
      }
      if (isnan(lo) || isnan(hi))
        w = "triangular/uniform without minimumAmount and maximumAmount";
      else if (lo > hi)
        w = "minimumAmount above maximumAmount";
      else if (ex->uncertainty == ILCD_UNC_UNIFORM)
        *d = (pcf_dist){PCF_DIST_UNIFORM, lo, 0, hi};
      /* "highest probability at the average value of minimum plus maximum value" */
      else
        *d = (pcf_dist){PCF_DIST_TRIANGULAR, lo, (lo + hi) / 2, hi};
      break;
    }
    default: break;
  }
  if (why) *why = w;
  return d->kind;
}

static int parse_error(pcf_error *err, const char *text, const char *what) {
  return pcf_error_set(err, PCF_ERR_PARSE, NULL, 0, "uncertainty \"%s\": %s", text, what);
}

int pcf_dist_parse(pcf_dist *d, const char *text, char *unit, size_t unit_size, pcf_error *err) {
  static const struct {
    const char *name;
    pcf_dist_kind kind;
    int min_n, max_n;
  } kinds[] = {{"lognormal", PCF_DIST_LOGNORMAL, 1, 2},
               {"log-normal", PCF_DIST_LOGNORMAL, 1, 2},
               {"normal", PCF_DIST_NORMAL, 2, 2},
               {"triangular", PCF_DIST_TRIANGULAR, 3, 3},
               {"uniform", PCF_DIST_UNIFORM, 2, 2}};
  const char *p = text;
  while (*p == ' ' || *p == '\t') p++;
  pcf_dist_kind kind = PCF_DIST_NONE;
  int min_n = 1, max_n = 1;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    size_t l = strlen(kinds[i].name);
    if (strncasecmp(p, kinds[i].name, l) == 0 && (p[l] == ' ' || p[l] == '\t')) {
      kind = kinds[i].kind;
      min_n = kinds[i].min_n;
      max_n = kinds[i].max_n;
      p += l;
      break;
    }
  }
  double v[3];
  int n = 0;
  for (;;) {
    while (*p == ' ' || *p == '\t') p++;
    char *end;
    double x = strtod(p, &end);
    if (end == p || n == 3) break;
    if (!isfinite(x)) return parse_error(err, text, "not a finite number");
    /* strtod stops at a decimal comma: "0,5" would be 0 and a unit ",5". */
    if (*end == ',' && end[1] >= '0' && end[1] <= '9')
      return parse_error(err, text, "a decimal comma: write numbers with a decimal point (0.5)");
    v[n++] = x;
    p = end;
  }
  if (n < min_n || n > max_n) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "expected %d%s number%s, found %d (forms: lognormal [MEDIAN] GSD2, normal MEAN SD, "
             "triangular MIN MODE MAX, uniform MIN MAX, then an optional unit)",
             min_n, min_n != max_n ? " or 2" : "", max_n > 1 ? "s" : "", n);
    return parse_error(err, text, msg);
  }
  size_t len = strlen(p);
  while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r')) len--;
  if (len >= unit_size) return parse_error(err, text, "unit too long");
  memcpy(unit, p, len);
  unit[len] = '\0';
  switch (kind) {
    case PCF_DIST_NONE: *d = (pcf_dist){kind, v[0], 0, 0}; break;
    case PCF_DIST_LOGNORMAL: {
      double median = n == 2 ? v[0] : 1, gsd2 = v[n - 1];
      if (!(gsd2 >= 1)) return parse_error(err, text, "GSD² must be at least 1");
      if (median == 0) return parse_error(err, text, "a log-normal median cannot be 0");
      *d = (pcf_dist){kind, median, pcf_log(gsd2) / 2, 0};
      break;
    }
    case PCF_DIST_NORMAL:
      if (v[1] < 0) return parse_error(err, text, "negative standard deviation");
      *d = (pcf_dist){kind, v[0], v[1], 0};
      break;
    case PCF_DIST_TRIANGULAR:
      if (!(v[0] <= v[1] && v[1] <= v[2])) return parse_error(err, text, "needs MIN <= MODE <= MAX");
      *d = (pcf_dist){kind, v[0], v[1], v[2]};
      break;
    case PCF_DIST_UNIFORM:
      if (!(v[0] <= v[1])) return parse_error(err, text, "needs MIN <= MAX");
      *d = (pcf_dist){kind, v[0], 0, v[1]};
      break;
  }
  return 0;
}

double pcf_dist_quantile(const pcf_dist *d, double u) {
  switch (d->kind) {
    case PCF_DIST_LOGNORMAL: {
      double z = pcf_normal_quantile(u), m = fabs(d->a);
      return (d->a < 0 ? -m : m) * pcf_exp(d->b * z);
    }
    case PCF_DIST_NORMAL: return d->a + d->b * pcf_normal_quantile(u);
    case PCF_DIST_UNIFORM: return d->a + (d->c - d->a) * u;
    case PCF_DIST_TRIANGULAR: {
      double w = d->c - d->a;
      if (w == 0) return d->a;
      double fc = (d->b - d->a) / w;
      if (u < fc) return d->a + sqrt(u * w * (d->b - d->a));
      return d->c - sqrt((1 - u) * w * (d->c - d->b));
    }
    default: return d->a;
  }
}

double pcf_dist_mean(const pcf_dist *d) {
  switch (d->kind) {
    case PCF_DIST_LOGNORMAL: return d->a * pcf_exp(d->b * d->b / 2);
    case PCF_DIST_NORMAL: return d->a;
    case PCF_DIST_UNIFORM: return (d->a + d->c) / 2;
    case PCF_DIST_TRIANGULAR: return (d->a + d->b + d->c) / 3;
    default: return d->a;
  }
}

double pcf_dist_variance(const pcf_dist *d) {
  switch (d->kind) {
    case PCF_DIST_LOGNORMAL: {
      double s2 = d->b * d->b;
      return d->a * d->a * pcf_exp(s2) * (pcf_exp(s2) - 1);
    }
    case PCF_DIST_NORMAL: return d->b * d->b;
    case PCF_DIST_UNIFORM: return (d->c - d->a) * (d->c - d->a) / 12;
    case PCF_DIST_TRIANGULAR: {
      double a = d->a, b = d->b, c = d->c;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    default: return 0;
  }
}

double pcf_dist_log_sd(const pcf_dist *d) {
  if (d->kind == PCF_DIST_LOGNORMAL) return d->b;
  double m = pcf_dist_mean(d);
  return m != 0 ? sqrt(pcf_dist_variance(d)) / fabs(m) : 0;
}
