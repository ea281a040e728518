/* xml_scan.c: a linear pass over an XML document before libxml2 parses it, refusing a start tag
 * with more attributes (namespace declarations included) than XML_MAX_ATTRIBUTES.
 *
 * libxml2 2.9 compares each attribute of a start tag with every one before it (duplicates,
 * namespaces) before any SAX callback runs: 400,000 attributes on one element took 86 s, so the
 * limit has to act before the parser sees the tag. ILCD elements carry a handful of attributes
 * (a root element a dozen namespace declarations).
 *
 * The scan jumps from '<' to '<' (memchr). A '<' cannot appear inside an attribute value (XML 1.0,
 * AttValue), so a start tag ends before the next '<', and one shorter than 5 bytes per attribute
 * (" a=''") cannot hold too many: only longer stretches are read byte by byte, counting '=' outside
 * quoted values up to the '>' that ends the tag. Comments, CDATA sections and processing
 * instructions are skipped whole. A document that puts '<' inside a value is malformed, and
 * libxml2 stops reading the start tag at that error ("Unescaped '<' not allowed in attributes
 * values": 400,000 attributes after it cost nothing, tests/ilcd/test_limits.c). */
#include "internal.h"

#include <string.h>

/* The 1-based line of byte at in xml. */
static long line_of(const char *xml, size_t at) {
  long line = 1;
  for (const char *p = xml, *end = xml + at; (p = memchr(p, '\n', (size_t)(end - p))); p++) line++;
  return line;
}

/* Index just past the first occurrence of what (length n) at or after i, or size. */
static size_t past(const char *xml, size_t size, size_t i, const char *what, size_t n) {
  while (i + n <= size) {
    const char *p = memchr(xml + i, what[0], size - i);
    if (!p) return size;
    i = (size_t)(p - xml);
    if (i + n <= size && memcmp(p, what, n) == 0) return i + n;
    i++;
  }
  return size;
}

/* Counts the attributes of the start tag at xml[i] ('<'), up to end (the next '<'). Returns the
 * index after the tag, or size_t -1 when it holds more than XML_MAX_ATTRIBUTES. */
static size_t count(const char *xml, size_t i, size_t end) {
  size_t n = 0;
  char quote = 0;
  for (i++; i < end; i++) {
    char c = xml[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    } else if (c == '=' && ++n > XML_MAX_ATTRIBUTES) {
      return (size_t)-1;
    }
  }
  return end;
}

int ilcd__xml_check_attributes(const char *xml, size_t size, long *line) {
  const size_t shortest = 5 * ((size_t)XML_MAX_ATTRIBUTES + 1);
  size_t i = 0;
  while (i < size) {
    const char *lt = memchr(xml + i, '<', size - i);
    if (!lt) break;
    i = (size_t)(lt - xml);
    char next = i + 1 < size ? xml[i + 1] : '\0';
    if (next == '!' && i + 4 <= size && memcmp(lt, "<!--", 4) == 0) {
      i = past(xml, size, i + 4, "-->", 3);
    } else if (next == '!' && i + 9 <= size && memcmp(lt, "<![CDATA[", 9) == 0) {
      i = past(xml, size, i + 9, "]]>", 3);
    } else if (next == '?') {
      i = past(xml, size, i + 2, "?>", 2);
    } else if (next == '!' || next == '/') {
      i += 2; /* a declaration or an end tag: no attributes */
    } else {
      const char *following = memchr(xml + i + 1, '<', size - i - 1);
      size_t end = following ? (size_t)(following - xml) : size;
      if (end - i < shortest) {
        i = end;
        continue;
      }
      size_t after = count(xml, i, end);
      if (after == (size_t)-1) {
        *line = line_of(xml, i);
        return -1;
      }
      i = after;
    }
  }
  return 0;
}
