/* serve.h: pcf serve, a PACT host (PACT Technical Specifications v2.3 and v3.0, "HTTP REST
 * API"): /auth/token, ListFootprints and GetFootprint under /2 and /3, and Action Events, over
 * HTTPS only, answering from a footprint store (store.h).
 *
 * Configuration: an INI file (docs/serve.md has a complete one):
 *   [server]  store, cert, key (PEM files), bind (default 127.0.0.1), port (8443), base_url
 *             (the public https:// URL, for pagination links and event sources; default: the
 *             request's Host), token_ttl (s, 3600), threads (4), max_connections (64),
 *             max_connections_per_ip (64), timeout (s, 30), max_body (bytes, 65536),
 *             max_header (bytes, 16384), page_size (ListFootprints' largest page, 100),
 *             auth_failures_per_minute (per client address, 30), callback_retries (s, comma list)
 *   [client NAME] id, secret (a hash from pcf serve hash-secret), and to answer its requests:
 *             events_url, callback_client_id, callback_client_secret, callback_auth_url,
 *             callback_ca
 */
#ifndef PCF_SERVE_SERVE_H
#define PCF_SERVE_SERVE_H

#include <pcf/error.h>
#include <signal.h>
#include <stddef.h>

#include "auth.h"

typedef struct serve_config {
  char *path;
  char *store, *cert, *key, *bind, *base_url;
  int port, token_ttl, threads, max_connections, max_per_ip, timeout, failures_per_minute;
  size_t max_body, max_header, page_size;
  int retry_delays[32];
  size_t n_retries;
  serve_client *clients;
  size_t n_clients;
} serve_config;

/* Reads the configuration (relative file names are taken from the file's folder). Returns 0, or
 * PCF_ERR_IO / PCF_ERR_PARSE / PCF_ERR_INPUT naming the file, line and key. */
int serve_config_read(serve_config *c, const char *path, pcf_error *err);
void serve_config_free(serve_config *c);

/* Runs the host until *stop becomes non-zero (a signal handler sets it). Prints the address it
 * listens on to stderr. Returns 0 or a negative pcf_status (cannot bind, bad certificate...). */
int serve_run(serve_config *c, volatile sig_atomic_t *stop, pcf_error *err);

#endif
