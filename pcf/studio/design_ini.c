/* design_ini.c: a product file's INI text as the page edits it, and back: sections and entries
 * in file order with their comment lines, so that a save keeps the file's comments (issue 20).
 * The reading rules are those of pcf/src/model/ini_file.h (comment lines start with ';' or '#',
 * a comment after white space ends a value, "key = value" or "key: value"); what cannot be
 * written back as one line the product reader reads the same way is refused by name. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "studio.h"

static char *trim(char *s, size_t *len) {
  while (*len && isspace((unsigned char)*s)) s++, (*len)--;
  while (*len && isspace((unsigned char)s[*len - 1])) (*len)--;
  return s;
}

static int push_str(json_t *arr, const char *s, size_t n) { return json_array_append_new(arr, json_stringn(s, n)); }

/* Where an inline comment (" ;" or "\t;") starts in s, or n. */
static size_t inline_comment(const char *s, size_t n) {
  for (size_t i = 1; i < n; i++)
    if (s[i] == ';' && (s[i - 1] == ' ' || s[i - 1] == '\t')) return i;
  return n;
}

/* Appends {"name", "comments" (stolen), "entries": []} to sections; returns its entries or NULL. */
static json_t *new_section(json_t *sections, const char *name, size_t n, json_t *comments) {
  json_t *sec = json_object(), *entries = json_array();
  if (!sec || json_object_set_new(sec, "comments", comments) || json_object_set_new(sec, "entries", entries) ||
      json_object_set_new(sec, "name", json_stringn(name, n))) {
    if (!sec) json_decref(comments), json_decref(entries);
    json_decref(sec);
    return NULL;
  }
  return json_array_append_new(sections, sec) ? NULL : entries; /* append_new frees sec on failure */
}

int studio_ini_parse(json_t **out, const char *text, size_t len, const char *what, pcf_error *err) {
  *out = NULL;
  json_t *ini = json_object(), *sections = json_array(), *pending = json_array(), *entries = NULL;
  if (!ini || !sections || !pending || json_object_set_new(ini, "sections", sections)) goto nomem;
  long lineno = 0;
  size_t pos = 0;
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) pos = 3;
  while (pos < len) {
    size_t end = pos;
    while (end < len && text[end] != '\n') end++;
    lineno++;
    char buf[4096];
    size_t n = end - pos;
    if (n >= sizeof buf) {
      json_decref(pending);
      json_decref(ini);
      return pcf_error_set(err, PCF_ERR_PARSE, what, lineno, "line longer than %zu bytes", sizeof buf - 1);
    }
    if (lineno == 1 && n && text[end - 1] == '\r' && json_object_set_new(ini, "newline", json_string("\r\n")))
      goto nomem;
    memcpy(buf, text + pos, n);
    pos = end + 1;
    char *s = trim(buf, &n);
    s[n] = 0;
    if (!n || *s == ';' || *s == '#') {
      if (push_str(pending, s, n)) goto nomem;
      continue;
    }
    if (*s == '[') {
      char *close = memchr(s, ']', n);
      if (!close) goto bad;
      json_t *comments = pending;
      pending = NULL;
      if (!(entries = new_section(sections, s + 1, (size_t)(close - s - 1), comments)) || !(pending = json_array()))
        goto nomem;
      continue;
    }
    size_t c = inline_comment(s, n);
    char *eq = memchr(s, '=', c), *colon = memchr(s, ':', c);
    char *sep = eq ? eq : colon;
    if (!sep || sep == s) goto bad;
    size_t kn = (size_t)(sep - s), vn = c - (size_t)(sep - s) - 1;
    char *k = trim(s, &kn), *v = trim(sep + 1, &vn);
    size_t notelen = n - c;
    char *note = notelen ? trim(s + c + 1, &notelen) : s + n;
    /* keys before any section: an unnamed section */
    if (!entries && !(entries = new_section(sections, "", 0, json_array()))) goto nomem;
    json_t *e = json_object(), *comments = pending;
    pending = NULL;
    if (!e || json_object_set_new(e, "comments", comments) || json_object_set_new(e, "key", json_stringn(k, kn)) ||
        json_object_set_new(e, "value", json_stringn(v, vn)) ||
        json_object_set_new(e, "note", json_stringn(note, notelen)) || json_array_append_new(entries, e) ||
        !(pending = json_array()))
      goto nomem;
  }
  /* Comment lines before the first section are its comments; those after the last entry the tail. */
  json_t *tail = pending;
  pending = NULL;
  if (json_object_set_new(ini, "tail", tail)) goto nomem;
  *out = ini;
  return 0;
bad:
  json_decref(pending);
  json_decref(ini);
  return pcf_error_set(err, PCF_ERR_PARSE, what, lineno, "neither a [section], a comment nor key = value");
nomem:
  json_decref(pending);
  json_decref(ini);
  return pcf_error_nomem(err);
}

static const char *str(const json_t *o, const char *key) {
  const char *s = json_string_value(json_object_get(o, key));
  return s ? s : "";
}

/* The file's line end ("\r\n" when its first line had one). */
static const char *eol(const json_t *ini) {
  const char *nl = json_string_value(json_object_get(ini, "newline"));
  return nl && strcmp(nl, "\r\n") == 0 ? "\r\n" : "\n";
}

static int emit_comments(const json_t *arr, FILE *f, const char *nl) {
  size_t i;
  const json_t *c;
  json_array_foreach(arr, i, c) {
    const char *s = json_string_value(c);
    if (!s || strpbrk(s, "\r\n") || (*s && *s != ';' && *s != '#')) return -1;
    fprintf(f, "%s%s", s, nl);
  }
  return 0;
}

/* A value that the product reader would read back unchanged: one line, no inline comment. */
static int writable(const char *s) { return !strpbrk(s, "\r\n") && inline_comment(s, strlen(s)) == strlen(s); }

/* value, with each comma-separated relative path made absolute against dir. */
static void resolve(const char *value, const char *dir, int list, char *out, size_t size) {
  out[0] = 0;
  size_t used = 0;
  const char *p = value;
  while (*p) {
    size_t n = list ? strcspn(p, ",") : strlen(p);
    size_t tn = n;
    const char *t = p;
    while (tn && isspace((unsigned char)*t)) t++, tn--;
    while (tn && isspace((unsigned char)t[tn - 1])) tn--;
    int w = snprintf(out + used, size - used, "%s%s%s%.*s", used ? ", " : "", t[0] == '/' ? "" : dir,
                     t[0] == '/' ? "" : "/", (int)tn, t);
    if (w < 0 || (size_t)w >= size - used) return;
    used += (size_t)w;
    p += n;
    if (*p == ',') p++;
  }
}

int studio_ini_emit(const json_t *ini, FILE *f, const char *bom_name, const char *resolve_dir, pcf_error *err) {
  const json_t *sections = json_object_get(ini, "sections"), *sec;
  if (!json_is_array(sections)) return pcf_error_set(err, PCF_ERR_INPUT, "", 0, "the design has no INI sections");
  const char *nl = eol(ini);
  size_t i;
  json_array_foreach(sections, i, sec) {
    const char *name = str(sec, "name");
    if (strpbrk(name, "[]\r\n;#") || strlen(name) > 49)
      return pcf_error_set(err, PCF_ERR_INPUT, "product.ini", 0, "section name \"%s\" cannot be written", name);
    if (emit_comments(json_object_get(sec, "comments"), f, nl))
      return pcf_error_set(err, PCF_ERR_INPUT, "product.ini", 0, "[%s]: a comment line must start with ';' or '#'",
                           name);
    if (*name) fprintf(f, "[%s]%s", name, nl);
    const int product = strcmp(name, "product") == 0;
    size_t k;
    const json_t *e;
    json_array_foreach(json_object_get(sec, "entries"), k, e) {
      const char *key = str(e, "key"), *value = str(e, "value"), *note = str(e, "note");
      if (!*key || strpbrk(key, "=:\r\n[") || *key == ';' || *key == '#' || !writable(value) || strpbrk(note, "\r\n"))
        return pcf_error_set(err, PCF_ERR_INPUT, "product.ini", 0,
                             "[%s] %s: a key needs a name without '=', ':' or '[', and a value on one line without "
                             "\" ;\" (which starts a comment)",
                             name, key);
      if (emit_comments(json_object_get(e, "comments"), f, nl))
        return pcf_error_set(err, PCF_ERR_INPUT, "product.ini", 0, "[%s] %s: a comment line must start with ';' or '#'",
                             name, key);
      char buf[4096];
      if (product && bom_name && strcmp(key, "bom") == 0 && strcmp(value, "none") != 0) value = bom_name;
      if (product && resolve_dir && *value &&
          (strcmp(key, "data") == 0 || strcmp(key, "materials") == 0 || strcmp(key, "services") == 0)) {
        resolve(value, resolve_dir, strcmp(key, "data") == 0, buf, sizeof buf);
        value = buf;
      }
      fprintf(f, "%s = %s%s%s%s", key, value, *note ? " ; " : "", note, nl);
    }
  }
  if (emit_comments(json_object_get(ini, "tail"), f, nl))
    return pcf_error_set(err, PCF_ERR_INPUT, "product.ini", 0, "a comment line must start with ';' or '#'");
  return ferror(f) ? pcf_error_set(err, PCF_ERR_IO, "product.ini", 0, "cannot be written") : 0;
}
