/* request.h: the parts of an HTTP request pcf serve acts on, parsed from the raw request target
 * (RFC 9112 origin-form "/path?query") and the bodies it accepts. Pure functions with no I/O:
 * they are what fuzz/fuzz_serve_request.c drives.
 */
#ifndef PCF_SERVE_REQUEST_H
#define PCF_SERVE_REQUEST_H

#include <pcf/error.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef enum serve_route {
  ROUTE_NONE = 0, /* no such resource: 404 */
  ROUTE_TOKEN,    /* /auth/token */
  ROUTE_OIDC,     /* /.well-known/openid-configuration */
  ROUTE_LIST,     /* /{2,3}/footprints */
  ROUTE_GET,      /* /{2,3}/footprints/{id} */
  ROUTE_EVENTS    /* /{2,3}/events */
} serve_route;

#define SERVE_MAX_PARAMS 64
#define SERVE_MAX_TARGET 8192

typedef struct serve_param {
  char *key, *value; /* percent-decoded ('+' as space), NUL-free */
} serve_param;

typedef struct serve_target {
  serve_route route;
  int api;     /* 2 or 3 for the footprint and event routes */
  char id[64]; /* ROUTE_GET: the id as given (checked by the caller) */
  serve_param params[SERVE_MAX_PARAMS];
  size_t n_params;
  char *query; /* the raw query string, "" when none (for pagination links) */
} serve_target;

/* Parses a request target. Returns 0; PCF_ERR_PARSE for a malformed one (bad percent escape,
 * NUL, a path segment "." or "..", too long, too many parameters) with err naming the problem. */
int serve_target_parse(serve_target *t, const char *raw, pcf_error *err);
void serve_target_free(serve_target *t);

/* ListFootprints' parameters as a store filter, limit and offset. The filter's arrays point into
 * t (valid while t is). Unknown parameters are ignored, except the v2 OData $filter, which pcf
 * does not implement (PCF_ERR_INPUT: the caller answers 400). Returns 0 or PCF_ERR_INPUT. */
typedef struct serve_list_query {
  pcf_store_filter filter;
  const char *values[SERVE_MAX_PARAMS]; /* storage for the filter's arrays */
  size_t limit, offset;
  int has_limit;
} serve_list_query;
int serve_list_query_parse(serve_list_query *q, const serve_target *t, size_t max_limit, pcf_error *err);

/* HTTP Basic credentials (RFC 7617; client id and secret form-urlencoded as RFC 6749 2.3.1 asks)
 * from an Authorization header value. Returns 0 or -1. */
int serve_basic_auth(const char *header, char *id, size_t id_size, char *secret, size_t secret_size);

/* Whether a form-urlencoded body holds grant_type=client_credentials. */
int serve_form_grant_ok(const char *body, size_t len);

/* ---- events ---------------------------------------------------------------------------------- */

typedef enum serve_event_kind {
  EVENT_PUBLISHED = 1,
  EVENT_REQUEST_CREATED,
  EVENT_REQUEST_FULFILLED,
  EVENT_REQUEST_REJECTED
} serve_event_kind;

/* A CloudEvent as the Action Events endpoint accepts it. For RequestCreated the criteria are
 * copied into crit (v2: data.pf productIds and companyIds; v3: data's filter criteria). */
typedef struct serve_event {
  serve_event_kind kind;
  char *id, *source, *type;
  char **values; /* storage for crit's arrays */
  size_t n_values;
  pcf_store_filter crit;
} serve_event;

/* Parses and validates an event body for API version api (CloudEvents 1.0 structured mode and
 * the PACT event schemas). Returns 0, or PCF_ERR_INPUT with err saying what is wrong. */
int serve_event_parse(serve_event *e, int api, const char *body, size_t len, pcf_error *err);
void serve_event_free(serve_event *e);
const char *serve_event_type(int api, serve_event_kind kind);

#endif
