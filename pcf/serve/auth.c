/* auth.c: client secrets (PBKDF2-HMAC-SHA-256, RFC 8018 section 5.2, through GnuTLS), opaque
 * bearer tokens with expiry (RFC 6750; random bytes from GnuTLS's CSPRNG, kept in memory: a
 * restart signs every client out, and clients sign in again as OAuth expects), and the
 * failed-attempt throttle. A wrong client id costs the same PBKDF2 work as a wrong secret, and
 * hashes are compared in constant time, so timing tells nothing about either. */
#include "auth.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int b64enc(const unsigned char *in, size_t n, char *out, size_t size) {
  gnutls_datum_t d = {(unsigned char *)in, (unsigned)n}, r = {0};
  if (gnutls_base64_encode2(&d, &r) < 0) return -1;
  int ok = r.size < size;
  if (ok) memcpy(out, r.data, r.size), out[r.size] = 0;
  gnutls_free(r.data);
  return ok ? 0 : -1;
}

static long b64dec(const char *in, unsigned char *out, size_t size) {
  gnutls_datum_t d = {(unsigned char *)in, (unsigned)strlen(in)}, r = {0};
  if (gnutls_base64_decode2(&d, &r) < 0) return -1;
  long n = r.size <= size ? (long)r.size : -1;
  if (n >= 0) memcpy(out, r.data, r.size);
  gnutls_free(r.data);
  return n;
}

static int pbkdf2(const char *secret, const unsigned char *salt, size_t salt_len, unsigned iter,
                  unsigned char out[32]) {
  gnutls_datum_t key = {(unsigned char *)secret, (unsigned)strlen(secret)},
                 s = {(unsigned char *)salt, (unsigned)salt_len};
  return gnutls_pbkdf2(GNUTLS_MAC_SHA256, &key, &s, iter, out, 32) < 0 ? -1 : 0;
}

int serve_hash_secret(const char *secret, unsigned iterations, char *out, size_t size) {
  unsigned char salt[16], h[32];
  char s64[64], h64[64];
  if (gnutls_rnd(GNUTLS_RND_KEY, salt, sizeof salt) < 0 || pbkdf2(secret, salt, sizeof salt, iterations, h) ||
      b64enc(salt, sizeof salt, s64, sizeof s64) || b64enc(h, sizeof h, h64, sizeof h64))
    return -1;
  return snprintf(out, size, "pbkdf2-sha256$%u$%s$%s", iterations, s64, h64) < (int)size ? 0 : -1;
}

static int ct_equal(const unsigned char *a, const unsigned char *b, size_t n) {
  volatile unsigned char d = 0;
  for (size_t i = 0; i < n; i++) d |= (unsigned char)(a[i] ^ b[i]);
  return d == 0;
}

int serve_check_secret(const char *secret, const char *stored) {
  char buf[256];
  if (!stored || strlen(stored) >= sizeof buf || strncmp(stored, "pbkdf2-sha256$", 14)) return 0;
  strcpy(buf, stored + 14);
  char *it = buf, *salt = strchr(it, '$'), *hash = salt ? strchr(salt + 1, '$') : NULL;
  if (!hash) return 0;
  *salt++ = 0, *hash++ = 0;
  char *end;
  unsigned long iter = strtoul(it, &end, 10);
  unsigned char s[64], want[40], got[32];
  long sn = b64dec(salt, s, sizeof s), hn = b64dec(hash, want, sizeof want);
  if (*end || iter < 1 || iter > 10000000 || sn < 8 || hn != 32) return 0;
  if (pbkdf2(secret, s, (size_t)sn, (unsigned)iter, got)) return 0;
  return ct_equal(got, want, 32);
}

/* ---- tokens and throttle ------------------------------------------------------------------ */

#define TOKENS 4096
#define ADDRS 1024

typedef struct token {
  char value[64];
  const serve_client *client;
  time_t expires;
} token;

typedef struct addr_failures {
  char addr[64];
  time_t window;
  int count;
} addr_failures;

struct serve_auth {
  serve_client *clients;
  size_t n;
  int ttl, per_minute;
  pthread_mutex_t lock;
  token tokens[TOKENS]; /* open addressing by hash; a full table replaces the oldest slot */
  addr_failures addrs[ADDRS];
  char dummy_hash[160];
};

int serve_auth_new(serve_auth **out, serve_client *clients, size_t n, int ttl, int per_minute, pcf_error *err) {
  serve_auth *a = calloc(1, sizeof *a);
  if (!a) return pcf_error_nomem(err);
  a->clients = clients, a->n = n, a->ttl = ttl, a->per_minute = per_minute;
  pthread_mutex_init(&a->lock, NULL);
  /* Unknown client ids are checked against this, with the iterations of the first client. */
  unsigned iter = 100000;
  if (n && clients[0].secret_hash) sscanf(clients[0].secret_hash, "pbkdf2-sha256$%u$", &iter);
  if (serve_hash_secret("not a secret", iter, a->dummy_hash, sizeof a->dummy_hash)) {
    free(a);
    return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "cannot hash");
  }
  *out = a;
  return 0;
}

void serve_auth_free(serve_auth *a) {
  if (!a) return;
  for (size_t i = 0; i < a->n; i++) {
    serve_client *c = &a->clients[i];
    free(c->name), free(c->id), free(c->secret_hash), free(c->events_url), free(c->callback_auth_url);
    free(c->callback_id), free(c->callback_secret), free(c->callback_ca);
  }
  free(a->clients);
  pthread_mutex_destroy(&a->lock);
  free(a);
}

int serve_auth_ttl(const serve_auth *a) { return a->ttl; }

static size_t slot_of(const char *s) {
  size_t h = 1469598103934665603u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h % TOKENS;
}

const serve_client *serve_auth_login(serve_auth *a, const char *id, const char *secret, char tok[64]) {
  const serve_client *c = NULL;
  for (size_t i = 0; i < a->n; i++)
    if (strcmp(a->clients[i].id, id) == 0) c = &a->clients[i];
  int ok = serve_check_secret(secret, c ? c->secret_hash : a->dummy_hash) && c;
  if (!ok) return NULL;
  unsigned char r[32];
  if (gnutls_rnd(GNUTLS_RND_KEY, r, sizeof r) < 0 || b64enc(r, sizeof r, tok, 64)) return NULL;
  for (char *p = tok; *p; p++) *p = *p == '+' ? '-' : *p == '/' ? '_' : *p; /* base64url */
  char *eq = strchr(tok, '=');
  if (eq) *eq = 0;
  time_t now = time(NULL);
  pthread_mutex_lock(&a->lock);
  size_t s = slot_of(tok), best = s;
  for (size_t k = 0; k < 16; k++) {
    size_t i = (s + k) % TOKENS;
    if (!a->tokens[i].value[0] || a->tokens[i].expires <= now) {
      best = i;
      break;
    }
    if (a->tokens[i].expires < a->tokens[best].expires) best = i;
  }
  snprintf(a->tokens[best].value, sizeof a->tokens[best].value, "%s", tok);
  a->tokens[best].client = c;
  a->tokens[best].expires = now + a->ttl;
  pthread_mutex_unlock(&a->lock);
  return c;
}

const serve_client *serve_auth_bearer(serve_auth *a, const char *t, int *expired) {
  *expired = 0;
  if (!t || strlen(t) >= 64 || !*t) return NULL;
  time_t now = time(NULL);
  const serve_client *c = NULL;
  pthread_mutex_lock(&a->lock);
  size_t s = slot_of(t);
  for (size_t k = 0; k < 16; k++) {
    token *x = &a->tokens[(s + k) % TOKENS];
    if (x->value[0] && ct_equal((const unsigned char *)x->value, (const unsigned char *)t, strlen(t) + 1)) {
      if (x->expires > now)
        c = x->client;
      else
        *expired = 1;
      break;
    }
  }
  pthread_mutex_unlock(&a->lock);
  return c;
}

static addr_failures *find_addr(serve_auth *a, const char *addr, int create) {
  size_t oldest = 0;
  for (size_t i = 0; i < ADDRS; i++) {
    if (strcmp(a->addrs[i].addr, addr) == 0) return &a->addrs[i];
    if (a->addrs[i].window < a->addrs[oldest].window) oldest = i;
  }
  if (!create) return NULL;
  memset(&a->addrs[oldest], 0, sizeof a->addrs[oldest]);
  snprintf(a->addrs[oldest].addr, sizeof a->addrs[oldest].addr, "%s", addr);
  return &a->addrs[oldest];
}

int serve_auth_blocked(serve_auth *a, const char *addr) {
  if (a->per_minute <= 0) return 0;
  pthread_mutex_lock(&a->lock);
  addr_failures *f = find_addr(a, addr, 0);
  int blocked = f && time(NULL) - f->window < 60 && f->count >= a->per_minute;
  pthread_mutex_unlock(&a->lock);
  return blocked;
}

void serve_auth_failed(serve_auth *a, const char *addr) {
  pthread_mutex_lock(&a->lock);
  addr_failures *f = find_addr(a, addr, 1);
  time_t now = time(NULL);
  if (now - f->window >= 60) f->window = now, f->count = 0;
  f->count++;
  pthread_mutex_unlock(&a->lock);
}
