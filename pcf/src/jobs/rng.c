/* rng.c: reproducible random numbers for uncertainty propagation (pcf/uncertainty.h).
 *
 * xoshiro256** 1.0 and SplitMix64 follow the public-domain reference code of Blackman and Vigna
 * (prng.di.unimi.it; ACM TOMS 47(4), 2021). The normal quantile is Wichura's AS 241 PPND16
 * (Applied Statistics 37(3):477-484, 1988). exp and log are computed here from +, -, ×, ÷ and
 * exact scaling by powers of two, so that a seed gives the same bits with any C library: only
 * those operations and sqrt are correctly rounded by IEEE 754, libm's exp/log/cos are not
 * required to be (and differ between glibc, musl and macOS in the last place).
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "pcf/uncertainty.h"
#include "uncertainty_dist.h"

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

void pcf_rng_seed(pcf_rng *rng, uint64_t seed) {
  uint64_t st = seed;
  for (int i = 0; i < 4; i++) rng->s[i] = splitmix64(&st);
}

void pcf_rng_seed_keyed(pcf_rng *rng, uint64_t seed, uint64_t key, uint64_t iteration) {
  /* Each component goes through the SplitMix64 mixer before being combined, so that nearby
   * keys and iterations give unrelated states. */
  uint64_t a = seed, b = key, c = iteration;
  uint64_t st = splitmix64(&a) ^ rotl(splitmix64(&b), 21) ^ rotl(splitmix64(&c), 42);
  for (int i = 0; i < 4; i++) rng->s[i] = splitmix64(&st);
}

uint64_t pcf_rng_next(pcf_rng *rng) {
  uint64_t *s = rng->s;
  const uint64_t result = rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

double pcf_rng_uniform(pcf_rng *rng) {
  return ((double)(pcf_rng_next(rng) >> 11) + 0.5) * 0x1.0p-53;
}

uint64_t pcf_rng_hash(const char *text, size_t length) {
  uint64_t h = 0xcbf29ce484222325u;
  for (size_t i = 0; i < length; i++) {
    h ^= (unsigned char)text[i];
    h *= 0x100000001b3u;
  }
  return h;
}

/* ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants). */
static const double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;

double pcf_log(double x) {
  if (isnan(x) || x < 0) return NAN;
  if (x == 0) return -INFINITY;
  if (isinf(x)) return x;
  int e;
  double m = frexp(x, &e); /* exact: x = m·2^e, 0.5 <= m < 1 */
  if (m < 0.70710678118654752440) {
    m *= 2;
    e--;
  }
  /* log m = 2 atanh(t), t = (m-1)/(m+1), |t| <= 0.1716: the series to t^25 is below 1e-19. */
  double t = (m - 1) / (m + 1), t2 = t * t, sum = 0;
  for (int k = 25; k >= 3; k -= 2) sum = (sum + 1.0 / k) * t2;
  double lm = 2 * t + 2 * t * sum;
  return (double)e * LN2_HI + ((double)e * LN2_LO + lm);
}

double pcf_exp(double x) {
  if (isnan(x)) return x;
  if (x > 709.78) return INFINITY;
  if (x < -745.2) return 0;
  double kf = x * 1.44269504088896340736; /* x / ln 2 */
  int k = (int)(kf < 0 ? kf - 0.5 : kf + 0.5);
  double r = (x - k * LN2_HI) - k * LN2_LO; /* |r| <= 0.35 */
  /* Taylor series to r^20/20!: below 1e-22 for |r| <= 0.35. */
  double sum = 1;
  for (int i = 20; i >= 1; i--) sum = 1 + sum * r / i;
  return ldexp(sum, k);
}

static double poly(const double *c, int n, double x) {
  double v = c[n - 1];
  for (int i = n - 2; i >= 0; i--) v = v * x + c[i];
  return v;
}

double pcf_normal_quantile(double p) {
  static const double a[8] = {3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
                              1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
                              3.3430575583588128105e+4, 2.5090809287301226727e+3};
  static const double b[8] = {1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
                              2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
                              5.2264952788528545610e+3};
  static const double c[8] = {1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
                              3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
                              2.27238449892691845833e-2, 7.74545014278341407640e-4};
  static const double d[8] = {1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
                              1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
                              1.05075007164441684324e-9};
  static const double e[8] = {6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
                              2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
                              2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static const double f[8] = {1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
                              7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
                              2.04426310338993978564e-15};
  if (!(p > 0 && p < 1)) return p == 0 ? -INFINITY : p == 1 ? INFINITY : NAN;
  double q = p - 0.5;
  if (fabs(q) <= 0.425) {
    double r = 0.180625 - q * q;
    return q * poly(a, 8, r) / poly(b, 8, r);
  }
  double r = q < 0 ? p : 1 - p;
  r = sqrt(-pcf_log(r));
  double x;
  if (r <= 5) {
    r -= 1.6;
    x = poly(c, 8, r) / poly(d, 8, r);
  } else {
    r -= 5;
    x = poly(e, 8, r) / poly(f, 8, r);
  }
  return q < 0 ? -x : x;
}
