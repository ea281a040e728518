/* auth.h: OAuth 2.0 client credentials for pcf serve (RFC 6749 section 4.4, as PACT's
 * "Authentication flow" asks): the clients allowed in, their hashed secrets, the bearer tokens
 * issued to them, and the throttle on failed attempts. Thread-safe. */
#ifndef PCF_SERVE_AUTH_H
#define PCF_SERVE_AUTH_H

#include <pcf/error.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Secrets are stored as "pbkdf2-sha256$ITERATIONS$SALT$HASH" (PKCS #5 v2.1 PBKDF2 with
 * HMAC-SHA-256, RFC 8018; salt and 32-byte hash in base64): pcf serve hash-secret writes one. */
int serve_hash_secret(const char *secret, unsigned iterations, char *out, size_t size);
/* 1 when secret matches the stored hash (constant time in the comparison), else 0. */
int serve_check_secret(const char *secret, const char *stored);

typedef struct serve_client {
  char *name, *id, *secret_hash;
  /* Where this client receives events (its Action Events endpoint) and how pcf serve signs in
   * there to call back: request answers go only to event sources under events_url. */
  char *events_url, *callback_auth_url, *callback_id, *callback_secret, *callback_ca;
} serve_client;

typedef struct serve_auth serve_auth;

int serve_auth_new(serve_auth **out, serve_client *clients, size_t n, int token_ttl, int failures_per_minute,
                   pcf_error *err);
void serve_auth_free(serve_auth *a); /* frees the clients too */

/* Checks Basic credentials; on success issues a token (43 characters, 256 random bits) into tok
 * and returns the client. NULL when they do not match. */
const serve_client *serve_auth_login(serve_auth *a, const char *id, const char *secret, char tok[64]);
/* The client of a bearer token; *expired is set when the token was issued but has expired. */
const serve_client *serve_auth_bearer(serve_auth *a, const char *token, int *expired);
/* Failed-attempt throttle per client address: serve_auth_blocked says whether addr has had
 * failures_per_minute failures within the last minute; serve_auth_failed counts one. */
int serve_auth_blocked(serve_auth *a, const char *addr);
void serve_auth_failed(serve_auth *a, const char *addr);
int serve_auth_ttl(const serve_auth *a);

#endif
