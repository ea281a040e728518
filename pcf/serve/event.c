/* event.c: CloudEvents 1.0 in structured content mode (the JSON format, application/
 * cloudevents+json) as PACT's Action Events receives them: v2.2/v2.3 "ProductFootprintRequest"
 * and "ProductFootprint.Published" events, v3.0 RequestCreatedEvent, RequestFulfilledEvent,
 * RequestRejectedEvent and PublishedEvent (openapi components BaseEvent and its subtypes).
 * A host "MUST validate the event and return an HTTP 4xx status code if the event is invalid":
 * every check here is one of those schemas' rules. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

static const char *const types[2][4] = {
    {"org.wbcsd.pathfinder.ProductFootprint.Published.v1", "org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1",
     "org.wbcsd.pathfinder.ProductFootprintRequest.Fulfilled.v1",
     "org.wbcsd.pathfinder.ProductFootprintRequest.Rejected.v1"},
    {"org.wbcsd.pact.ProductFootprint.PublishedEvent.3", "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3",
     "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3",
     "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3"}};

const char *serve_event_type(int api, serve_event_kind kind) { return types[api == 3][kind - 1]; }

static int bad(pcf_error *err, const char *fmt, const char *a) {
  return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, fmt, a);
}

static int uuid_ok(const char *s) {
  if (!s || strlen(s) != 36) return 0;
  for (int i = 0; i < 36; i++) {
    int dash = i == 8 || i == 13 || i == 18 || i == 23;
    char c = s[i];
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return 0;
  }
  return 1;
}

void serve_event_free(serve_event *e) {
  free(e->id), free(e->source), free(e->type);
  for (size_t i = 0; i < e->n_values; i++) free(e->values[i]);
  free(e->values);
  memset(e, 0, sizeof *e);
}

/* An array of strings copied into e->values; *start and *n say where. NULL json: absent. */
static int strings(serve_event *e, const json_t *a, const char *name, const char ***start, size_t *n, pcf_error *err) {
  *n = 0;
  if (!a) return 0;
  if (!json_is_array(a)) return bad(err, "event data.%s must be an array of strings", name);
  size_t k = json_array_size(a);
  if (k > 64) return bad(err, "event data.%s: at most 64 values", name);
  for (size_t i = 0; i < k; i++)
    if (!json_is_string(json_array_get(a, i))) return bad(err, "event data.%s must be an array of strings", name);
  char **v = realloc(e->values, (e->n_values + k + 1) * sizeof *v);
  if (!v) return pcf_error_nomem(err);
  e->values = v;
  size_t first = e->n_values;
  for (size_t i = 0; i < k; i++) {
    if (!(v[e->n_values] = strdup(json_string_value(json_array_get(a, i))))) return pcf_error_nomem(err);
    e->n_values++;
  }
  *start = (const char **)(e->values + first); /* fixed up after the last realloc */
  *n = k;
  (void)first;
  return 0;
}

static int date(const json_t *d, const char *name, int *has, int64_t *out, pcf_error *err) {
  const json_t *v = json_object_get(d, name);
  if (!v) return 0;
  if (!json_is_string(v) || pcf_rfc3339_parse(json_string_value(v), out))
    return bad(err, "event data.%s must be an RFC 3339 date-time", name);
  *has = 1;
  return 0;
}

/* The filter arrays point into e->values, which may have moved while they were filled: they are
 * recorded as offsets first and turned into pointers at the end. */
typedef struct spans {
  size_t at[5], n[5];
} spans;

static int criteria(serve_event *e, int api, const json_t *data, pcf_error *err) {
  static const char *const v3names[] = {"productId", "companyId", "geography", "classification", "status"};
  static const char *const v2names[] = {"productIds", "companyIds"};
  const json_t *src = data;
  if (api == 2) {
    src = json_object_get(data, "pf");
    if (!json_is_object(src))
      return bad(err, "event data.pf must be an object (the requested footprint's%s properties)", "");
  }
  spans sp = {0};
  for (int k = 0; k < (api == 2 ? 2 : 5); k++) {
    const char **start;
    sp.at[k] = e->n_values;
    int rc = strings(e, json_object_get(src, api == 2 ? v2names[k] : v3names[k]), api == 2 ? v2names[k] : v3names[k],
                     &start, &sp.n[k], err);
    if (rc) return rc;
  }
  if (api == 3) {
    int rc = date(data, "validOn", &e->crit.has_valid_on, &e->crit.valid_on, err);
    if (!rc) rc = date(data, "validAfter", &e->crit.has_valid_after, &e->crit.valid_after, err);
    if (!rc) rc = date(data, "validBefore", &e->crit.has_valid_before, &e->crit.valid_before, err);
    if (rc) return rc;
    for (size_t i = 0; i < sp.n[4]; i++) {
      const char *s = e->values[sp.at[4] + i];
      if (strcmp(s, "Active") && strcmp(s, "Deprecated"))
        return bad(err, "event data.status \"%s\": Active or Deprecated", s);
    }
  }
  const json_t *c = json_object_get(data, "comment");
  if (c && !json_is_string(c)) return bad(err, "event data.comment must be a string%s", "");
  /* No values at all leaves e->values NULL, and NULL + 0 is undefined in C: point nowhere then. */
  const char **base = (const char **)e->values;
  if (!base) sp = (spans){0};
  e->crit.product_ids = base ? base + sp.at[0] : NULL, e->crit.n_product_ids = sp.n[0];
  e->crit.company_ids = base ? base + sp.at[1] : NULL, e->crit.n_company_ids = sp.n[1];
  e->crit.geographies = base ? base + sp.at[2] : NULL, e->crit.n_geographies = sp.n[2];
  e->crit.classifications = base ? base + sp.at[3] : NULL, e->crit.n_classifications = sp.n[3];
  e->crit.statuses = base ? base + sp.at[4] : NULL, e->crit.n_statuses = sp.n[4];
  size_t any = 0;
  for (int k = 0; k < 5; k++) any += sp.n[k];
  if (!any && !e->crit.has_valid_on && !e->crit.has_valid_after && !e->crit.has_valid_before)
    return bad(err, "the request names no footprint: give %s", api == 2 ? "data.pf.productIds" : "data.productId");
  return 0;
}

static const char *text(const json_t *o, const char *k) {
  const json_t *v = json_object_get(o, k);
  return json_is_string(v) && *json_string_value(v) ? json_string_value(v) : NULL;
}

int serve_event_parse(serve_event *e, int api, const char *body, size_t len, pcf_error *err) {
  memset(e, 0, sizeof *e);
  json_error_t je;
  json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
  if (!j) return pcf_error_set(err, PCF_ERR_INPUT, NULL, je.line, "event is not JSON: %s", je.text);
  int rc = 0;
  const char *spec = text(j, "specversion"), *id = text(j, "id"), *source = text(j, "source"), *type = text(j, "type");
  const json_t *data = json_object_get(j, "data"), *time = json_object_get(j, "time");
  int64_t t;
  if (!json_is_object(j))
    rc = bad(err, "event must be a JSON object%s", "");
  else if (!spec || strcmp(spec, "1.0"))
    rc = bad(err, "event specversion must be \"1.0\" (CloudEvents 1.0)%s", "");
  else if (!id || !source || !type)
    rc = bad(err, "event needs non-empty id, source and type%s", "");
  else if (strlen(id) > 512 || strlen(source) > 2048)
    rc = bad(err, "event id or source too long%s", "");
  else if (time && (!json_is_string(time) || pcf_rfc3339_parse(json_string_value(time), &t)))
    rc = bad(err, "event time must be an RFC 3339 date-time%s", "");
  else if (!time && api == 3)
    rc = bad(err, "event time is required%s", "");
  else if (!json_is_object(data))
    rc = bad(err, "event data must be an object%s", "");
  if (!rc) {
    for (int k = 0; k < 4; k++)
      if (strcmp(type, types[api == 3][k]) == 0) e->kind = (serve_event_kind)(k + 1);
    if (!e->kind) rc = bad(err, "unknown event type \"%s\" for this API version", type);
  }
  if (!rc && !((e->id = strdup(id)) && (e->source = strdup(source)) && (e->type = strdup(type))))
    rc = pcf_error_nomem(err);
  if (!rc) switch (e->kind) {
      case EVENT_PUBLISHED: {
        const json_t *ids = json_object_get(data, "pfIds");
        if (!json_is_array(ids) || !json_array_size(ids)) {
          rc = bad(err, "event data.pfIds must be a non-empty array of footprint ids%s", "");
          break;
        }
        for (size_t i = 0; i < json_array_size(ids) && !rc; i++)
          if (!uuid_ok(json_string_value(json_array_get(ids, i))))
            rc = bad(
                err, "event data.pfIds: \"%s\" is not a footprint id (a UUID)",
                json_is_string(json_array_get(ids, i)) ? json_string_value(json_array_get(ids, i)) : "(not a string)");
        break;
      }
      case EVENT_REQUEST_CREATED: rc = criteria(e, api, data, err); break;
      case EVENT_REQUEST_FULFILLED: {
        const json_t *pfs = json_object_get(data, "pfs");
        if (!text(data, "requestEventId"))
          rc = bad(err, "event data.requestEventId is required%s", "");
        else if (!json_is_array(pfs) || !json_array_size(pfs))
          rc = bad(err, "event data.pfs must be a non-empty array%s", "");
        break;
      }
      case EVENT_REQUEST_REJECTED: {
        const json_t *er = json_object_get(data, "error");
        if (!text(data, "requestEventId"))
          rc = bad(err, "event data.requestEventId is required%s", "");
        else if (!json_is_object(er) || !text(er, "code") || !text(er, "message"))
          rc = bad(err, "event data.error must hold a code and a message%s", "");
        break;
      }
    }
  json_decref(j);
  if (rc) serve_event_free(e);
  return rc;
}
