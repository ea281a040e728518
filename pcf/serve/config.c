/* config.c: pcf serve's INI configuration (serve.h), read by the rules of every pcf INI file
 * (pcf/src/model/ini_file.h: a regular file, UTF-8, a key once per section, with its line). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ini_file.h"
#include "input_file.h"
#include "serve.h"

typedef struct reader {
  serve_config *c;
  pcf_error *err;
  char dir[PATH_MAX];
  int failed;
} reader;

static char *path_in(const reader *r, const char *v) {
  if (v[0] == '/' || !r->dir[0]) return strdup(v);
  size_t n = strlen(r->dir) + strlen(v) + 2;
  char *p = malloc(n);
  if (p) snprintf(p, n, "%s/%s", r->dir, v);
  return p;
}

static int number(reader *r, const char *key, const char *v, long lo, long hi, long *out, long line) {
  char *end;
  long x = strtol(v, &end, 10);
  if (!*v || *end || x < lo || x > hi) {
    pcf_error_set(r->err, PCF_ERR_INPUT, r->c->path, line, "%s = \"%s\": expected an integer from %ld to %ld", key, v,
                  lo, hi);
    return -1;
  }
  *out = x;
  return 0;
}

static int set(char **slot, char *v) {
  free(*slot);
  *slot = v;
  return v ? 0 : -1;
}

static int handler(void *user, const char *section, const char *key, const char *value, long line) {
  reader *r = user;
  serve_config *c = r->c;
  if (r->failed) return 0;
  long x = 0;
  int rc = 0;
  if (strcasecmp(section, "server") == 0) {
    if (strcasecmp(key, "store") == 0)
      rc = set(&c->store, path_in(r, value));
    else if (strcasecmp(key, "cert") == 0)
      rc = set(&c->cert, path_in(r, value));
    else if (strcasecmp(key, "key") == 0)
      rc = set(&c->key, path_in(r, value));
    else if (strcasecmp(key, "bind") == 0)
      rc = set(&c->bind, strdup(value));
    else if (strcasecmp(key, "base_url") == 0) {
      if (strncmp(value, "https://", 8)) {
        pcf_error_set(r->err, PCF_ERR_INPUT, c->path, line, "base_url \"%s\" must start with https://", value);
        rc = -1;
      } else {
        rc = set(&c->base_url, strdup(value));
        size_t n = c->base_url ? strlen(c->base_url) : 0;
        while (n && c->base_url[n - 1] == '/') c->base_url[--n] = 0;
      }
    } else if (strcasecmp(key, "port") == 0)
      rc = number(r, key, value, 0, 65535, &x, line), c->port = (int)x;
    else if (strcasecmp(key, "token_ttl") == 0)
      rc = number(r, key, value, 1, 86400, &x, line), c->token_ttl = (int)x;
    else if (strcasecmp(key, "threads") == 0)
      rc = number(r, key, value, 1, 64, &x, line), c->threads = (int)x;
    else if (strcasecmp(key, "max_connections") == 0)
      rc = number(r, key, value, 1, 10000, &x, line), c->max_connections = (int)x;
    else if (strcasecmp(key, "max_connections_per_ip") == 0)
      rc = number(r, key, value, 1, 10000, &x, line), c->max_per_ip = (int)x;
    else if (strcasecmp(key, "timeout") == 0)
      rc = number(r, key, value, 1, 3600, &x, line), c->timeout = (int)x;
    else if (strcasecmp(key, "max_body") == 0)
      rc = number(r, key, value, 1024, 16 << 20, &x, line), c->max_body = (size_t)x;
    else if (strcasecmp(key, "max_header") == 0)
      rc = number(r, key, value, 4096, 1 << 20, &x, line), c->max_header = (size_t)x;
    else if (strcasecmp(key, "page_size") == 0)
      rc = number(r, key, value, 1, 10000, &x, line), c->page_size = (size_t)x;
    else if (strcasecmp(key, "auth_failures_per_minute") == 0)
      rc = number(r, key, value, 0, 1000000, &x, line), c->failures_per_minute = (int)x;
    else if (strcasecmp(key, "callback_retries") == 0) {
      c->n_retries = 0;
      for (const char *s = value; *s && !rc;) {
        char *end;
        long d = strtol(s, &end, 10);
        if (end == s || d < 0 || d > 86400 || c->n_retries == 32) {
          pcf_error_set(r->err, PCF_ERR_INPUT, c->path, line,
                        "callback_retries: up to 32 delays in seconds, "
                        "comma-separated");
          rc = -1;
          break;
        }
        c->retry_delays[c->n_retries++] = (int)d;
        s = end;
        while (*s == ',' || *s == ' ') s++;
      }
    } else {
      pcf_error_set(r->err, PCF_ERR_INPUT, c->path, line, "unknown key \"%s\" in [server]", key);
      rc = -1;
    }
  } else if (strncasecmp(section, "client ", 7) == 0 && section[7]) {
    const char *name = section + 7;
    serve_client *cl = NULL;
    for (size_t i = 0; i < c->n_clients; i++)
      if (strcmp(c->clients[i].name, name) == 0) cl = &c->clients[i];
    if (!cl) {
      serve_client *t = realloc(c->clients, (c->n_clients + 1) * sizeof *t);
      if (!t) return r->failed = 1, 0;
      c->clients = t;
      cl = &c->clients[c->n_clients++];
      memset(cl, 0, sizeof *cl);
      if (!(cl->name = strdup(name))) return r->failed = 1, 0;
    }
    if (strcasecmp(key, "id") == 0)
      rc = set(&cl->id, strdup(value));
    else if (strcasecmp(key, "secret") == 0) {
      if (strncmp(value, "pbkdf2-sha256$", 14)) {
        pcf_error_set(r->err, PCF_ERR_INPUT, c->path, line,
                      "[client %s] secret must be a hash written by pcf serve "
                      "hash-secret (pbkdf2-sha256$...), never the secret itself",
                      name);
        rc = -1;
      } else
        rc = set(&cl->secret_hash, strdup(value));
    } else if (strcasecmp(key, "events_url") == 0)
      rc = set(&cl->events_url, strdup(value));
    else if (strcasecmp(key, "callback_client_id") == 0)
      rc = set(&cl->callback_id, strdup(value));
    else if (strcasecmp(key, "callback_client_secret") == 0)
      rc = set(&cl->callback_secret, strdup(value));
    else if (strcasecmp(key, "callback_auth_url") == 0)
      rc = set(&cl->callback_auth_url, strdup(value));
    else if (strcasecmp(key, "callback_ca") == 0)
      rc = set(&cl->callback_ca, path_in(r, value));
    else {
      pcf_error_set(r->err, PCF_ERR_INPUT, c->path, line, "unknown key \"%s\" in [client %s]", key, name);
      rc = -1;
    }
  } else {
    pcf_error_set(r->err, PCF_ERR_INPUT, c->path, line, "unknown section [%s] (server, client NAME)", section);
    rc = -1;
  }
  if (rc) {
    if (!r->err || !r->err->code) pcf_error_nomem(r->err);
    r->failed = 1;
  }
  return 1;
}

int serve_config_read(serve_config *c, const char *path, pcf_error *err) {
  memset(c, 0, sizeof *c);
  c->port = 8443, c->token_ttl = 3600, c->threads = 4, c->max_connections = 64, c->max_per_ip = 64, c->timeout = 30;
  c->max_body = 65536, c->max_header = 16384, c->page_size = 100, c->failures_per_minute = 30;
  static const int delays[] = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
  c->n_retries = sizeof delays / sizeof *delays;
  memcpy(c->retry_delays, delays, sizeof delays);
  reader r = {.c = c, .err = err};
  if (!(c->path = strdup(path)) || !(c->bind = strdup("127.0.0.1"))) return pcf_error_nomem(err);
  const char *slash = strrchr(path, '/');
  if (slash) snprintf(r.dir, sizeof r.dir, "%.*s", (int)(slash - path), path);
  int rc = pcf_ini_read(path, "configuration", PCF_INI_MAX_FILE, handler, &r, NULL, err);
  if (r.failed) return err && err->code ? err->code : PCF_ERR_NOMEM;
  if (rc) return rc;
  if (!c->store || !c->cert || !c->key)
    return pcf_error_set(err, PCF_ERR_INPUT, path, 0, "[server] needs store, cert and key");
  for (size_t i = 0; i < c->n_clients; i++) {
    serve_client *cl = &c->clients[i];
    if (!cl->id || !cl->secret_hash)
      return pcf_error_set(err, PCF_ERR_INPUT, path, 0, "[client %s] needs id and secret", cl->name);
    if (cl->events_url && strncmp(cl->events_url, "https://", 8))
      return pcf_error_set(err, PCF_ERR_INPUT, path, 0, "[client %s] events_url must start with https://", cl->name);
    for (size_t k = 0; k < i; k++)
      if (strcmp(c->clients[k].id, cl->id) == 0)
        return pcf_error_set(err, PCF_ERR_INPUT, path, 0, "client id \"%s\" is given twice", cl->id);
  }
  if (!c->n_clients)
    return pcf_error_set(err, PCF_ERR_INPUT, path, 0, "no [client NAME] section: nobody could sign in");
  return 0;
}

void serve_config_free(serve_config *c) {
  if (!c) return;
  free(c->path), free(c->store), free(c->cert), free(c->key), free(c->bind), free(c->base_url);
  /* clients belong to the auth table once serve_run has started; freed here otherwise */
  for (size_t i = 0; i < c->n_clients; i++) {
    serve_client *cl = &c->clients[i];
    free(cl->name), free(cl->id), free(cl->secret_hash), free(cl->events_url), free(cl->callback_auth_url);
    free(cl->callback_id), free(cl->callback_secret), free(cl->callback_ca);
  }
  free(c->clients);
  memset(c, 0, sizeof *c);
}
