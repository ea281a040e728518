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

/* Each component goes through the SplitMix64 mixer before being combined, so that nearby keys and
 * iterations give unrelated states. */
uint64_t pcf_rng_key_mix(uint64_t seed, uint64_t key) {
  uint64_t a = seed, b = key;
  return splitmix64(&a) ^ rotl(splitmix64(&b), 21);
}

uint64_t pcf_rng_iteration_mix(uint64_t iteration) {
  uint64_t c = iteration;
  return rotl(splitmix64(&c), 42);
}

void pcf_rng_seed_mixed(pcf_rng *rng, uint64_t key_mix, uint64_t iteration_mix) {
  uint64_t st = key_mix ^ iteration_mix;
  for (int i = 0; i < 4; i++) rng->s[i] = splitmix64(&st);
}

void pcf_rng_seed_keyed(pcf_rng *rng, uint64_t seed, uint64_t key, uint64_t iteration) {
  pcf_rng_seed_mixed(rng, pcf_rng_key_mix(seed, key), pcf_rng_iteration_mix(iteration));
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

double pcf_rng_uniform(pcf_rng *rng) { return ((double)(pcf_rng_next(rng) >> 11) + 0.5) * 0x1.0p-53; }

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

/* ln(j/64) for j = 45..91 (the grid over [sqrt(1/2), sqrt(2)]) as hi + lo, computed like the table
 * of exp below. */
static const double LOG_HI[47] = {
    -0x1.68ac83e9c6a14p-2, -0x1.522ae0738a3d8p-2, -0x1.3c25277333184p-2, -0x1.269621134db92p-2, -0x1.1178e8227e47cp-2,
    -0x1.f991c6cb3b379p-3, -0x1.d1037f2655e7bp-3, -0x1.a93ed3c8ad9e3p-3, -0x1.823c16551a3c2p-3, -0x1.5bf406b543db2p-3,
    -0x1.365fcb0159016p-3, -0x1.1178e8227e47cp-3, -0x1.da727638446a2p-4, -0x1.9335e5d594989p-4, -0x1.4d3115d207eacp-4,
    -0x1.08598b59e3a07p-4, -0x1.894aa149fb343p-5, -0x1.0415d89e74444p-5, -0x1.0205658935847p-6, 0x0p+0,
    0x1.fc0a8b0fc03e4p-7,  0x1.f829b0e783300p-6,  0x1.77458f632dcfcp-5,  0x1.f0a30c01162a6p-5,  0x1.341d7961bd1d1p-4,
    0x1.6f0d28ae56b4cp-4,  0x1.a926d3a4ad563p-4,  0x1.e27076e2af2e6p-4,  0x1.0d77e7cd08e59p-3,  0x1.29552f81ff523p-3,
    0x1.44d2b6ccb7d1ep-3,  0x1.5ff3070a793d4p-3,  0x1.7ab890210d909p-3,  0x1.9525a9cf456b4p-3,  0x1.af3c94e80bff3p-3,
    0x1.c8ff7c79a9a22p-3,  0x1.e27076e2af2e6p-3,  0x1.fb9186d5e3e2bp-3,  0x1.0a324e27390e3p-2,  0x1.1675cababa60ep-2,
    0x1.22941fbcf7966p-2,  0x1.2e8e2bae11d31p-2,  0x1.3a64c556945eap-2,  0x1.4618bc21c5ec2p-2,  0x1.51aad872df82dp-2,
    0x1.5d1bdbf5809cap-2,  0x1.686c81e9b14afp-2,
};
static const double LOG_LO[47] = {
    -0x1.a64eadd740178p-58, 0x1.8f7e9b38a6979p-57,  0x1.2ad27e50a8ec6p-56,  -0x1.e0efadd9db02bp-56,
    0x1.0e63a5f01c691p-57,  -0x1.f665066f980a2p-57, -0x1.60629242471a2p-57, -0x1.bcafa9de97203p-57,
    0x1.1232ce70be781p-57,  0x1.1f5b44c0df7e7p-61,  -0x1.7d411a5b944adp-58, 0x1.0e63a5f01c691p-58,
    -0x1.401fa71733019p-58, 0x1.478a85704ccb7p-58,  -0x1.769f42c7842ccp-58, 0x1.dd7009902bf32p-58,
    -0x1.a8be97660a23dp-60, -0x1.c05cf1d753622p-59, -0x1.27c8e8416e71fp-60, 0x0p+0,
    -0x1.83092c59642a1p-62, 0x1.33e3f04f1ef23p-60,  0x1.18d3ca87b9296p-59,  0x1.85f325c5bbacdp-59,
    -0x1.b599f227becbbp-58, -0x1.906d99184b992p-58, 0x1.942f48aa70ea9p-58,  -0x1.61578001e0162p-60,
    0x1.9a5dc5e9030acp-57,  0x1.301771c407dbfp-57,  0x1.9f4f6543e1f88p-57,  -0x1.bc60efafc6f6ep-58,
    0x1.be36b2d6a0608p-59,  0x1.d904c1d4e2e26p-57,  -0x1.398cff3641985p-58, -0x1.4f689f8434012p-57,
    -0x1.61578001e0162p-59, -0x1.caaae64f21acbp-57, 0x1.7dcfde8061c03p-56,  0x1.ce63eab883717p-61,
    -0x1.76f5eb09628afp-56, -0x1.8f4cdb95ebdf9p-56, -0x1.c68651945f97cp-57, 0x1.f42decdeccf1dp-56,
    0x1.3927ac19f55e3p-59,  0x1.4236383dc7fe1p-56,  -0x1.ddea0f7f58e3dp-57,
};

/* x = m·2^e with sqrt(1/2) <= m < sqrt(2) (exact); c = j/64 the grid point nearest m; then
 * log x = e·ln 2 + ln c + 2 atanh(t) with t = (m − c)/(m + c), |t| < 0.0056, where the series to
 * t^7 leaves out 2t^9/9, below 1.1e-19 of the series (t^8/9). One division and a short polynomial
 * (the series about 1 this replaces, to t^25, had a division per term). Within 2 ulp of the exact
 * value (t is rounded twice), the same bits everywhere. */
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
  int j = (int)(m * 64 + 0.5); /* 45..91: m·64 is exact, so is the rounding */
  double c = j * 0x1p-6, t = (m - c) / (m + c), t2 = t * t;
  double series = 2 * t + 2 * t * t2 * (0x1.5555555555555p-2 + t2 * (0x1.999999999999ap-3 + t2 * 0x1.2492492492492p-3));
  return ((double)e * LN2_HI + LOG_HI[j - 45]) + (((double)e * LN2_LO + LOG_LO[j - 45]) + series);
}

/* 2^(j/64), j = 0..63, to about 106 bits as a sum hi + lo of doubles (computed with Python's decimal
 * module at 60 digits: float(d) and float(d - Decimal(float(d))) for d = (ln 2 · j / 64).exp()). */
static const double EXP2_HI[64] = {
    0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0, 0x1.0b5586cf9890fp+0,
    0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0, 0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0,
    0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0, 0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0,
    0x1.2d285a6e4030bp+0, 0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
    0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0, 0x1.4bfdad5362a27p+0,
    0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0, 0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0,
    0x1.6247eb03a5585p+0, 0x1.6623882552225p+0, 0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0,
    0x1.75feb564267c9p+0, 0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0, 0x1.9c49182a3f090p+0,
    0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0, 0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0,
    0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0, 0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0,
    0x1.d072d4a07897cp+0, 0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
    0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0,
};
static const double EXP2_LO[64] = {
    0x0.0p+0,
    -0x1.19083535b085dp-56,
    0x1.d73e2a475b465p-55,
    0x1.186be4bb284ffp-57,
    0x1.8a62e4adc610bp-54,
    0x1.03a1727c57b53p-59,
    -0x1.6c51039449b3ap-54,
    -0x1.32fbf9af1369ep-54,
    -0x1.19041b9d78a76p-55,
    0x1.e5b4c7b4968e4p-55,
    0x1.e016e00a2643cp-54,
    0x1.dc775814a8495p-55,
    0x1.9b07eb6c70573p-54,
    0x1.2bd339940e9d9p-55,
    0x1.612e8afad1255p-55,
    0x1.0024754db41d5p-54,
    0x1.6f46ad23182e4p-55,
    0x1.32721843659a6p-54,
    -0x1.63aeabf42eae2p-54,
    -0x1.5e436d661f5e3p-56,
    0x1.ada0911f09ebcp-55,
    -0x1.ef3691c309278p-58,
    0x1.89b7a04ef80d0p-59,
    0x1.3c1a3b69062f0p-56,
    0x1.d4397afec42e2p-56,
    -0x1.4b309d25957e3p-54,
    -0x1.07abe1db13cadp-55,
    0x1.9bb2c011d93adp-54,
    0x1.6324c054647adp-54,
    0x1.ba6f93080e65ep-54,
    -0x1.383c17e40b497p-54,
    -0x1.bb60987591c34p-54,
    -0x1.bdd3413b26456p-54,
    -0x1.bbe3a683c88abp-57,
    -0x1.16e4786887a99p-55,
    -0x1.0245957316dd3p-54,
    -0x1.41577ee04992fp-55,
    0x1.05d02ba15797ep-56,
    -0x1.d4c1dd41532d8p-54,
    -0x1.fc6f89bd4f6bap-54,
    0x1.6e9f156864b27p-54,
    0x1.5cc13a2e3976cp-55,
    -0x1.75fc781b57ebcp-57,
    -0x1.d185b7c1b85d1p-54,
    0x1.c7c46b071f2bep-56,
    -0x1.359495d1cd533p-54,
    -0x1.d2f6edb8d41e1p-54,
    0x1.0fac90ef7fd31p-54,
    0x1.7a1cd345dcc81p-54,
    -0x1.2805e3084d708p-57,
    -0x1.5584f7e54ac3bp-56,
    0x1.23dd07a2d9e84p-55,
    0x1.11065895048ddp-55,
    0x1.2884dff483cadp-54,
    0x1.503cbd1e949dbp-56,
    -0x1.cbc3743797a9cp-54,
    0x1.2ed02d75b3707p-55,
    0x1.c2300696db532p-54,
    -0x1.1a5cd4f184b5cp-54,
    0x1.39e8980a9cc8fp-55,
    -0x1.e9c23179c2893p-54,
    0x1.dc7f486a4b6b0p-54,
    0x1.9d3e12dd8a18bp-54,
    0x1.74853f3a5931ep-55,
};

/* ln 2 / 64 split so that k·LN2_64_HI is exact for |k| < 2^21 (32 significant bits), and 64 / ln 2. */
static const double LN2_64_HI = 0x1.62e42feep-7, LN2_64_LO = 0x1.a39ef35793c76p-39, INV_LN2_64 = 0x1.71547652b82fep+6;

/* exp x = 2^n · 2^(j/64) · exp r with k = n·64 + j the integer nearest x·64/ln 2 and |r| <= ln 2/128:
 * the table gives 2^(j/64) and a polynomial of degree 5 gives exp r − 1 (the next term, r^6/720, is
 * below 3.5e-17 relatively). Only + and × on doubles, then an exact scaling by 2^n: no division
 * (the Taylor series this replaces, 20 terms with a division each, was 70 % of a Monte Carlo
 * run), and the same bits on every IEEE 754 machine. Within 1 ulp of the exact value. */
double pcf_exp(double x) {
  if (isnan(x)) return x;
  if (x > 709.78) return INFINITY;
  if (x < -745.2) return 0;
  /* k = x·64/ln 2 rounded to nearest (even on ties) by adding and taking off 1.5·2^52: no
   * conversions on the chain of dependent operations; the sum's low bits are k. */
  double shifted = x * INV_LN2_64 + 0x1.8p52, kf = shifted - 0x1.8p52;
  union {
    double d;
    uint64_t u;
  } kb = {.d = shifted};
  int k = (int)(int32_t)(uint32_t)kb.u;
  double r = (x - kf * LN2_64_HI) - kf * LN2_64_LO;
  int j = k & 63, n = (k - j) / 64;
  /* r + r²/2 + r³/6 + r⁴/24 + r⁵/120 by Estrin's scheme (short chain). */
  double r2 = r * r;
  double p = r + r2 * (0.5 + r * 0x1.5555555555555p-3) + (r2 * r2) * (0x1.5555555555555p-5 + r * 0x1.1111111111111p-7);
  double t = EXP2_HI[j], s = t + (EXP2_LO[j] + t * p);
  if (n < -1021 || n > 1023) return ldexp(s, n); /* subnormal or huge: ldexp rounds once, exactly */
  union {
    uint64_t u;
    double d;
  } two_n = {.u = (uint64_t)(n + 1023) << 52};
  return s * two_n.d; /* exact: a power of two in the normal range */
}

/* c[0] + c[1] x + ... + c[7] x^7 by Estrin's scheme: the pairs and the powers of x are
 * independent, so the chain of dependent operations is 5 long instead of Horner's 14. */
static double poly8(const double *c, double x) {
  double x2 = x * x, x4 = x2 * x2;
  double p01 = c[0] + c[1] * x, p23 = c[2] + c[3] * x, p45 = c[4] + c[5] * x, p67 = c[6] + c[7] * x;
  return (p01 + x2 * p23) + x4 * (p45 + x2 * p67);
}

double pcf_normal_quantile(double p) {
  static const double a[8] = {3.3871328727963666080e0,  1.3314166789178437745e+2, 1.9715909503065514427e+3,
                              1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
                              3.3430575583588128105e+4, 2.5090809287301226727e+3};
  static const double b[8] = {1.0,
                              4.2313330701600911252e+1,
                              6.8718700749205790830e+2,
                              5.3941960214247511077e+3,
                              2.1213794301586595867e+4,
                              3.9307895800092710610e+4,
                              2.8729085735721942674e+4,
                              5.2264952788528545610e+3};
  static const double c[8] = {1.42343711074968357734e0,  4.63033784615654529590e0, 5.76949722146069140550e0,
                              3.64784832476320460504e0,  1.27045825245236838258e0, 2.41780725177450611770e-1,
                              2.27238449892691845833e-2, 7.74545014278341407640e-4};
  static const double d[8] = {1.0,
                              2.05319162663775882187e0,
                              1.67638483018380384940e0,
                              6.89767334985100004550e-1,
                              1.48103976427480074590e-1,
                              1.51986665636164571966e-2,
                              5.47593808499534494600e-4,
                              1.05075007164441684324e-9};
  static const double e[8] = {6.65790464350110377720e0,  5.46378491116411436990e0,  1.78482653991729133580e0,
                              2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
                              2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static const double f[8] = {1.0,
                              5.99832206555887937690e-1,
                              1.36929880922735805310e-1,
                              1.48753612908506148525e-2,
                              7.86869131145613259100e-4,
                              1.84631831751005468180e-5,
                              1.42151175831644588870e-7,
                              2.04426310338993978564e-15};
  if (!(p > 0 && p < 1)) return p == 0 ? -INFINITY : p == 1 ? INFINITY : NAN;
  double q = p - 0.5;
  if (fabs(q) <= 0.425) {
    double r = 0.180625 - q * q;
    return q * poly8(a, r) / poly8(b, r);
  }
  double r = q < 0 ? p : 1 - p;
  r = sqrt(-pcf_log(r));
  double x;
  if (r <= 5) {
    r -= 1.6;
    x = poly8(c, r) / poly8(d, r);
  } else {
    r -= 5;
    x = poly8(e, r) / poly8(f, r);
  }
  return q < 0 ? -x : x;
}
