/* openapi_check.h: a small JSON Schema validator for the tests, run over the OpenAPI documents of
 * PACT's own conformance tool (tests/fixtures/pact/openapi_v2_3.json and openapi_v3_0.json, the
 * tool's YAML converted once to JSON: tests/fixtures/pact/PROVENANCE.md).
 *
 * It reads the schemas as the tool does (src/utils/openApiSchemaExtractor.ts: components.schemas
 * turned into JSON Schema draft 7 for Ajv with ajv-formats): a $ref replaces the object holding it
 * (siblings ignored), "nullable: true" also admits null, x-* keys and annotations (description,
 * title, examples, deprecated) are ignored, the formats int32, int64, float and double are
 * dropped, urn becomes the pattern ^([uU][rR][nN]):. Keywords: type (a name or a list), enum,
 * const, required, properties, additionalProperties, items, minItems, maxItems, uniqueItems,
 * minLength, maxLength, pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum, allOf,
 * anyOf, oneOf, not, format. A keyword it does not know is reported as an error, never skipped.
 *
 * Two checks go beyond the tool's, so that what passes here also passes there:
 *  - format "decimal" (the tool drops it) is checked as the PACT specifications define Decimal:
 *    a JSON string matching ^-?[0-9]+(\.[0-9]+)?$ (no exponent, no leading +);
 *  - strict mode reports properties an object schema does not name (a typo in pcf's writer would
 *    otherwise pass: the schemas leave objects open).
 * Patterns are ECMA-262 in the schemas and POSIX ERE here: \d is rewritten [0-9]; the five
 * patterns the PACT schemas use need nothing else. Formats follow ajv-formats' "full" mode for
 * date-time (RFC 3339 with a time zone), uuid, uri (a scheme) and uri-reference (no spaces). */
#ifndef PCF_TEST_OPENAPI_CHECK_H
#define PCF_TEST_OPENAPI_CHECK_H

#include <jansson.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

typedef struct oa_ctx {
  const json_t *spec; /* the whole OpenAPI document, for $ref */
  int strict;
  int quiet; /* inside anyOf/oneOf/not: count, do not write */
  char *msgs;
  size_t size;
} oa_ctx;

static void oa_say(oa_ctx *c, const char *path, const char *what, const char *detail) {
  if (c->quiet || !c->msgs) return;
  size_t n = strlen(c->msgs);
  if (n + 1 < c->size)
    snprintf(c->msgs + n, c->size - n, "%s: %s%s%s\n", path, what, detail ? " " : "", detail ? detail : "");
}

static int oa_match(const char *ecma, const char *text) {
  char ere[512];
  size_t k = 0;
  for (const char *p = ecma; *p && k + 8 < sizeof ere; p++) {
    if (p[0] == '\\' && p[1] == 'd')
      k += (size_t)snprintf(ere + k, sizeof ere - k, "[0-9]"), p++;
    else
      ere[k++] = *p;
  }
  ere[k] = 0;
  regex_t re;
  if (regcomp(&re, ere, REG_EXTENDED | REG_NOSUB)) return -1;
  int ok = regexec(&re, text, 0, NULL, 0) == 0;
  regfree(&re);
  return ok;
}

static int oa_format_ok(const char *format, const char *s) {
  if (!strcmp(format, "date-time"))
    return oa_match(
               "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)"
               "(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$",
               s) == 1;
  if (!strcmp(format, "uuid"))
    return oa_match("^(urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", s) ==
           1;
  if (!strcmp(format, "uri")) return oa_match("^[a-zA-Z][a-zA-Z0-9+.-]*:[^ \t\r\n]*$", s) == 1;
  if (!strcmp(format, "uri-reference")) return oa_match("^[^ \t\r\n]*$", s) == 1;
  if (!strcmp(format, "decimal")) return oa_match("^-?[0-9]+(\\.[0-9]+)?$", s) == 1;
  if (!strcmp(format, "urn")) return oa_match("^([uU][rR][nN]):", s) == 1;
  return 1; /* int32, int64, float, double: dropped, as the tool does */
}

static const json_t *oa_resolve(const oa_ctx *c, const char *ref) {
  if (strncmp(ref, "#/", 2) != 0) return NULL;
  const json_t *at = c->spec;
  char seg[256];
  for (const char *p = ref + 2; at && *p;) {
    size_t n = strcspn(p, "/");
    snprintf(seg, sizeof seg, "%.*s", (int)n, p);
    at = json_object_get(at, seg);
    p += n + (p[n] == '/');
  }
  return at;
}

static int oa_type_is(const char *type, const json_t *v) {
  if (!strcmp(type, "string")) return json_is_string(v);
  if (!strcmp(type, "number")) return json_is_number(v);
  if (!strcmp(type, "integer"))
    return json_is_integer(v) || (json_is_real(v) && json_real_value(v) == floor(json_real_value(v)));
  if (!strcmp(type, "boolean")) return json_is_boolean(v);
  if (!strcmp(type, "array")) return json_is_array(v);
  if (!strcmp(type, "object")) return json_is_object(v);
  if (!strcmp(type, "null")) return json_is_null(v);
  return 0;
}

static size_t oa_utf8_len(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

static int oa_check(oa_ctx *c, const json_t *schema, const json_t *v, const char *path);

/* Errors of v against s without writing them. */
static int oa_quiet(oa_ctx *c, const json_t *s, const json_t *v, const char *path) {
  int q = c->quiet;
  c->quiet = 1;
  int n = oa_check(c, s, v, path);
  c->quiet = q;
  return n;
}

static int oa_check(oa_ctx *c, const json_t *s, const json_t *v, const char *path) {
  char sub[512];
  if (!json_is_object(s)) return oa_say(c, path, "schema is not an object", NULL), 1;
  const json_t *ref = json_object_get(s, "$ref");
  if (ref) {
    const json_t *to = oa_resolve(c, json_string_value(ref));
    if (!to) return oa_say(c, path, "unresolved $ref", json_string_value(ref)), 1;
    return oa_check(c, to, v, path);
  }
  if (json_is_true(json_object_get(s, "nullable")) && json_is_null(v)) return 0;
  int errors = 0;
  const char *key;
  const json_t *k;
  json_object_foreach((json_t *)s, key, k) {
    if (!strncmp(key, "x-", 2) || !strcmp(key, "description") || !strcmp(key, "title") || !strcmp(key, "examples") ||
        !strcmp(key, "example") || !strcmp(key, "deprecated") || !strcmp(key, "nullable") || !strcmp(key, "readOnly") ||
        !strcmp(key, "writeOnly") || !strcmp(key, "default"))
      continue;
    if (!strcmp(key, "type")) {
      int ok = 0;
      if (json_is_string(k)) ok = oa_type_is(json_string_value(k), v);
      for (size_t i = 0; json_is_array(k) && i < json_array_size(k); i++)
        ok |= oa_type_is(json_string_value(json_array_get(k, i)), v);
      if (!ok) errors++, oa_say(c, path, "wrong type, expected", json_is_string(k) ? json_string_value(k) : "(list)");
      if (!ok) return errors; /* the other keywords would only repeat it */
    } else if (!strcmp(key, "enum")) {
      int ok = 0;
      for (size_t i = 0; i < json_array_size(k); i++) ok |= json_equal(json_array_get(k, i), v);
      if (!ok) errors++, oa_say(c, path, "not one of the enum values", json_string_value(v));
    } else if (!strcmp(key, "const")) {
      if (!json_equal(k, v)) errors++, oa_say(c, path, "not the const value", json_string_value(k));
    } else if (!strcmp(key, "required")) {
      for (size_t i = 0; json_is_object(v) && i < json_array_size(k); i++)
        if (!json_object_get(v, json_string_value(json_array_get(k, i))))
          errors++, oa_say(c, path, "missing required property", json_string_value(json_array_get(k, i)));
    } else if (!strcmp(key, "properties")) {
      const char *name;
      const json_t *pv;
      if (!json_is_object(v)) continue;
      json_object_foreach((json_t *)v, name, pv) {
        const json_t *ps = json_object_get(k, name);
        snprintf(sub, sizeof sub, "%s.%s", path, name);
        if (ps)
          errors += oa_check(c, ps, pv, sub);
        else if (c->strict && !json_object_get(s, "additionalProperties"))
          errors++, oa_say(c, sub, "property not defined by the schema (strict)", NULL);
      }
    } else if (!strcmp(key, "additionalProperties")) {
      const json_t *props = json_object_get(s, "properties");
      const char *name;
      const json_t *pv;
      if (!json_is_object(v)) continue;
      json_object_foreach((json_t *)v, name, pv) {
        if (json_object_get(props, name)) continue;
        snprintf(sub, sizeof sub, "%s.%s", path, name);
        if (json_is_false(k))
          errors++, oa_say(c, sub, "additional property not allowed", NULL);
        else if (json_is_object(k))
          errors += oa_check(c, k, pv, sub);
      }
    } else if (!strcmp(key, "items")) {
      for (size_t i = 0; json_is_array(v) && i < json_array_size(v); i++) {
        snprintf(sub, sizeof sub, "%s[%zu]", path, i);
        errors += oa_check(c, k, json_array_get(v, i), sub);
      }
    } else if (!strcmp(key, "minItems") || !strcmp(key, "maxItems")) {
      if (!json_is_array(v)) continue;
      size_t n = json_array_size(v), lim = (size_t)json_integer_value(k);
      if (key[1] == 'i' ? n < lim : n > lim) errors++, oa_say(c, path, key, "not met");
    } else if (!strcmp(key, "uniqueItems")) {
      for (size_t i = 0; json_is_true(k) && json_is_array(v) && i < json_array_size(v); i++)
        for (size_t j = 0; j < i; j++)
          if (json_equal(json_array_get(v, i), json_array_get(v, j)))
            errors++, oa_say(c, path, "items not unique", NULL);
    } else if (!strcmp(key, "minLength") || !strcmp(key, "maxLength")) {
      if (!json_is_string(v)) continue;
      size_t n = oa_utf8_len(json_string_value(v)), lim = (size_t)json_integer_value(k);
      if (key[1] == 'i' ? n < lim : n > lim) errors++, oa_say(c, path, key, "not met");
    } else if (!strcmp(key, "pattern")) {
      if (json_is_string(v) && oa_match(json_string_value(k), json_string_value(v)) != 1)
        errors++, oa_say(c, path, "does not match the pattern", json_string_value(k));
    } else if (!strcmp(key, "minimum") || !strcmp(key, "maximum") || !strcmp(key, "exclusiveMinimum") ||
               !strcmp(key, "exclusiveMaximum")) {
      if (!json_is_number(v)) continue;
      double x = json_number_value(v), lim = json_number_value(k);
      int bad = !strcmp(key, "minimum")            ? x < lim
                : !strcmp(key, "maximum")          ? x > lim
                : !strcmp(key, "exclusiveMinimum") ? x <= lim
                                                   : x >= lim;
      if (bad) errors++, oa_say(c, path, key, "not met");
    } else if (!strcmp(key, "format")) {
      if (json_is_string(v) && !oa_format_ok(json_string_value(k), json_string_value(v)))
        errors++, oa_say(c, path, "not of format", json_string_value(k));
    } else if (!strcmp(key, "allOf")) {
      for (size_t i = 0; i < json_array_size(k); i++) errors += oa_check(c, json_array_get(k, i), v, path);
    } else if (!strcmp(key, "anyOf") || !strcmp(key, "oneOf")) {
      size_t ok = 0;
      for (size_t i = 0; i < json_array_size(k); i++) ok += oa_quiet(c, json_array_get(k, i), v, path) == 0;
      if (key[0] == 'a' ? ok == 0 : ok != 1)
        errors++, oa_say(c, path, key, ok ? "matched more than one" : "matched none");
    } else if (!strcmp(key, "not")) {
      if (oa_quiet(c, k, v, path) == 0) errors++, oa_say(c, path, "matches the schema under \"not\"", NULL);
    } else {
      errors++, oa_say(c, path, "schema keyword not supported by this validator:", key);
    }
  }
  return errors;
}

/* Checks doc against components.schemas.<name> of spec; writes one line per error into msgs
 * (size bytes, may be NULL) and returns the number of errors. */
static inline int oa_validate(const json_t *spec, const char *name, const json_t *doc, int strict, char *msgs,
                              size_t size) {
  oa_ctx c = {spec, strict, 0, msgs, size};
  if (msgs && size) msgs[0] = 0;
  const json_t *s = json_object_get(json_object_get(json_object_get(spec, "components"), "schemas"), name);
  if (!s) return oa_say(&c, "$", "no such schema", name), 1;
  return oa_check(&c, s, doc, "$");
}

#endif
