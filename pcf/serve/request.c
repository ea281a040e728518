/* request.c: request targets (RFC 9112 section 3.2 origin-form, RFC 3986 percent-encoding),
 * ListFootprints parameters (PACT v3 "Action ListFootprints": limit and the filters, each
 * repeatable), HTTP Basic credentials (RFC 7617, RFC 6749 section 2.3.1) and token request
 * bodies (RFC 6749 section 4.4.2). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "request.h"

static int hexval(int c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* Percent-decodes s[0..n) (plus as space when form); NULL for a bad escape or an encoded NUL. */
static char *decode(const char *s, size_t n, int form) {
  char *out = malloc(n + 1), *o = out;
  if (!out) return NULL;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '%') {
      int a = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1, b = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
      if (a < 0 || b < 0 || (a == 0 && b == 0)) {
        free(out);
        return NULL;
      }
      *o++ = (char)(a * 16 + b);
      i += 2;
    } else if (form && s[i] == '+') {
      *o++ = ' ';
    } else {
      *o++ = s[i];
    }
  }
  *o = 0;
  return out;
}

void serve_target_free(serve_target *t) {
  for (size_t i = 0; i < t->n_params; i++) free(t->params[i].key), free(t->params[i].value);
  free(t->query);
  memset(t, 0, sizeof *t);
}

static int bad(pcf_error *err, const char *what) { return pcf_error_set(err, PCF_ERR_PARSE, NULL, 0, "%s", what); }

int serve_target_parse(serve_target *t, const char *raw, pcf_error *err) {
  memset(t, 0, sizeof *t);
  size_t len = strlen(raw);
  if (len == 0 || len > SERVE_MAX_TARGET) return bad(err, "request target empty or too long");
  if (raw[0] != '/') return bad(err, "request target must start with /");
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)raw[i] <= 0x20 || (unsigned char)raw[i] == 0x7f)
      return bad(err, "control character or space in the request target");
  const char *q = strchr(raw, '?'), *hash = strchr(raw, '#');
  if (hash && (!q || hash < q)) return bad(err, "fragment in the request target");
  size_t plen = q ? (size_t)(q - raw) : len;
  char *path = decode(raw, plen, 0);
  if (!path) return bad(err, "bad percent-encoding in the path");
  /* Segments: no "." or ".." and no empty ones, so that no path reaches outside the API. */
  char *segs[8];
  size_t n = 0;
  int rc = 0;
  for (char *s = path + 1, *slash;; s = slash + 1) {
    slash = strchr(s, '/');
    if (slash) *slash = 0;
    if (!*s && !slash) break; /* one trailing slash is allowed */
    if (!*s || strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
      rc = bad(err, "empty, . or .. path segment");
      break;
    }
    if (n == 8) {
      rc = bad(err, "too many path segments");
      break;
    }
    segs[n++] = s;
    if (!slash) break;
  }
  if (!rc) {
    if (n == 2 && strcmp(segs[0], "auth") == 0 && strcmp(segs[1], "token") == 0)
      t->route = ROUTE_TOKEN;
    else if (n == 2 && strcmp(segs[0], ".well-known") == 0 && strcmp(segs[1], "openid-configuration") == 0)
      t->route = ROUTE_OIDC;
    else if ((n == 2 || n == 3) && (strcmp(segs[0], "2") == 0 || strcmp(segs[0], "3") == 0)) {
      t->api = segs[0][0] - '0';
      if (n == 2 && strcmp(segs[1], "footprints") == 0)
        t->route = ROUTE_LIST;
      else if (n == 2 && strcmp(segs[1], "events") == 0)
        t->route = ROUTE_EVENTS;
      else if (n == 3 && strcmp(segs[1], "footprints") == 0) {
        if (strlen(segs[2]) >= sizeof t->id)
          rc = bad(err, "footprint id too long");
        else
          snprintf(t->id, sizeof t->id, "%s", segs[2]), t->route = ROUTE_GET;
      }
    }
  }
  free(path);
  if (rc) return rc;
  t->query = strdup(q ? q + 1 : "");
  if (!t->query) return pcf_error_nomem(err);
  for (const char *s = t->query; *s;) {
    size_t m = strcspn(s, "&");
    if (m) {
      if (t->n_params == SERVE_MAX_PARAMS) {
        serve_target_free(t);
        return bad(err, "too many query parameters");
      }
      const char *eq = memchr(s, '=', m);
      size_t klen = eq ? (size_t)(eq - s) : m;
      char *k = decode(s, klen, 1), *v = decode(eq ? eq + 1 : s + m, eq ? m - klen - 1 : 0, 1);
      if (!k || !v) {
        free(k), free(v);
        serve_target_free(t);
        return bad(err, "bad percent-encoding in the query");
      }
      t->params[t->n_params].key = k;
      t->params[t->n_params].value = v;
      t->n_params++;
    }
    s += m;
    if (*s == '&') s++;
  }
  return 0;
}

static int bad_input(pcf_error *err, const char *fmt, const char *a) {
  return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, fmt, a);
}

static int parse_size(const char *v, size_t *out) {
  if (!*v || strlen(v) > 9) return -1;
  for (const char *c = v; *c; c++)
    if (!isdigit((unsigned char)*c)) return -1;
  *out = (size_t)strtoul(v, NULL, 10);
  return 0;
}

int serve_list_query_parse(serve_list_query *q, const serve_target *t, size_t max_limit, pcf_error *err) {
  memset(q, 0, sizeof *q);
  q->limit = max_limit;
  static const char *const names[] = {"productId", "companyId", "geography", "classification", "status"};
  size_t nv = 0;
  for (size_t k = 0; k < 5; k++) {
    const char **start = q->values + nv;
    size_t count = 0;
    for (size_t i = 0; i < t->n_params; i++)
      if (strcasecmp(t->params[i].key, names[k]) == 0) q->values[nv++] = t->params[i].value, count++;
    switch (k) {
      case 0: q->filter.product_ids = start, q->filter.n_product_ids = count; break;
      case 1: q->filter.company_ids = start, q->filter.n_company_ids = count; break;
      case 2: q->filter.geographies = start, q->filter.n_geographies = count; break;
      case 3: q->filter.classifications = start, q->filter.n_classifications = count; break;
      default: q->filter.statuses = start, q->filter.n_statuses = count; break;
    }
  }
  for (size_t i = 0; i < t->n_params; i++) {
    const char *k = t->params[i].key, *v = t->params[i].value;
    if (strcasecmp(k, "limit") == 0) {
      if (parse_size(v, &q->limit) || q->limit == 0)
        return bad_input(err, "limit \"%s\" must be a positive integer", v);
      if (q->limit > max_limit) q->limit = max_limit; /* the host MAY return fewer */
      q->has_limit = 1;
    } else if (strcasecmp(k, "offset") == 0) {
      if (parse_size(v, &q->offset)) return bad_input(err, "offset \"%s\" must be an integer from 0", v);
    } else if (strcasecmp(k, "validOn") == 0 || strcasecmp(k, "validAfter") == 0 || strcasecmp(k, "validBefore") == 0) {
      int64_t x;
      if (pcf_rfc3339_parse(v, &x)) return bad_input(err, "\"%s\" is not an RFC 3339 date-time", v);
      if (strcasecmp(k, "validOn") == 0)
        q->filter.has_valid_on = 1, q->filter.valid_on = x;
      else if (strcasecmp(k, "validAfter") == 0)
        q->filter.has_valid_after = 1, q->filter.valid_after = x;
      else
        q->filter.has_valid_before = 1, q->filter.valid_before = x;
    } else if (strcmp(k, "$filter") == 0) {
      return bad_input(err,
                       "the OData $filter parameter is not supported%s (PACT v3 filters: productId, companyId, "
                       "geography, classification, validOn, validAfter, validBefore, status)",
                       "");
    }
  }
  return 0;
}

/* RFC 4648 base64 (standard alphabet, padding required). Returns the length or -1. */
static long b64decode(const char *in, unsigned char *out, size_t cap) {
  static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t n = strlen(in), o = 0;
  if (n % 4) return -1;
  for (size_t i = 0; i < n; i += 4) {
    int v[4];
    for (int j = 0; j < 4; j++) {
      const char *p = in[i + j] ? strchr(a, in[i + j]) : NULL;
      if (in[i + j] == '=' && i + 4 == n && j >= 2)
        v[j] = -2;
      else if (!p)
        return -1;
      else
        v[j] = (int)(p - a);
    }
    if (v[0] < 0 || v[1] < 0 || (v[2] == -2 && v[3] != -2)) return -1;
    unsigned x = (unsigned)v[0] << 18 | (unsigned)v[1] << 12 | (unsigned)(v[2] < 0 ? 0 : v[2]) << 6 |
                 (unsigned)(v[3] < 0 ? 0 : v[3]);
    size_t k = v[2] == -2 ? 1 : v[3] == -2 ? 2 : 3;
    if (o + k > cap) return -1;
    out[o++] = (unsigned char)(x >> 16);
    if (k > 1) out[o++] = (unsigned char)(x >> 8);
    if (k > 2) out[o++] = (unsigned char)x;
  }
  return (long)o;
}

int serve_basic_auth(const char *header, char *id, size_t id_size, char *secret, size_t secret_size) {
  if (!header || strncasecmp(header, "Basic ", 6)) return -1;
  const char *b = header + 6;
  while (*b == ' ') b++;
  unsigned char buf[1024];
  if (strlen(b) > 1300) return -1;
  long n = b64decode(b, buf, sizeof buf - 1);
  if (n < 0) return -1;
  buf[n] = 0;
  if (memchr(buf, 0, (size_t)n)) return -1;
  char *colon = strchr((char *)buf, ':');
  if (!colon) return -1;
  *colon = 0;
  char *i = decode((char *)buf, strlen((char *)buf), 1), *s = decode(colon + 1, strlen(colon + 1), 1);
  int rc = !i || !s || !*i || strlen(i) >= id_size || strlen(s) >= secret_size ? -1 : 0;
  if (!rc) strcpy(id, i), strcpy(secret, s);
  free(i), free(s);
  return rc;
}

int serve_form_grant_ok(const char *body, size_t len) {
  int ok = 0;
  for (size_t i = 0; i < len;) {
    size_t m = 0;
    while (i + m < len && body[i + m] != '&') m++;
    const char *eq = memchr(body + i, '=', m);
    if (eq) {
      char *k = decode(body + i, (size_t)(eq - body - i), 1), *v = decode(eq + 1, m - (size_t)(eq - body - i) - 1, 1);
      if (k && v && strcmp(k, "grant_type") == 0) ok = strcmp(v, "client_credentials") == 0;
      free(k), free(v);
    }
    i += m + 1;
  }
  return ok;
}
