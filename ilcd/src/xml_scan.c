/* xml_scan.c: a linear pass over an XML document before libxml2 parses it, refusing a start tag
 * with more attributes (namespace declarations included) than XML_MAX_ATTRIBUTES.
 *
 * libxml2 2.9 compares each attribute of a start tag with every one before it (duplicates,
 * namespaces) before any SAX callback runs: 400,000 attributes on one element took 86 s, so the
 * limit has to act before the parser sees the tag. ILCD elements carry a handful of attributes
 * (a root element a dozen namespace declarations). The scan counts '=' outside quoted values
 * between '<' and '>' of start tags, skipping comments, CDATA sections, processing instructions,
 * declarations and end tags; in a document it misreads (an unclosed comment, a DOCTYPE) libxml2
 * reports the real error. */
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
  for (; i + n <= size; i++) {
    const char *p = memchr(xml + i, what[0], size - i);
    if (!p) return size;
    i = (size_t)(p - xml);
    if (i + n <= size && memcmp(p, what, n) == 0) return i + n;
  }
  return size;
}

static bool starts(const char *xml, size_t size, size_t i, const char *what) {
  size_t n = strlen(what);
  return i + n <= size && memcmp(xml + i, what, n) == 0;
}

int xml_check_attributes(const char *xml, size_t size, long *line) {
  size_t i = 0;
  while (i < size) {
    const char *lt = memchr(xml + i, '<', size - i);
    if (!lt) break;
    i = (size_t)(lt - xml);
    if (starts(xml, size, i, "<!--")) i = past(xml, size, i + 4, "-->", 3);
    else if (starts(xml, size, i, "<![CDATA[")) i = past(xml, size, i + 9, "]]>", 3);
    else if (starts(xml, size, i, "<?")) i = past(xml, size, i + 2, "?>", 2);
    else if (starts(xml, size, i, "<!") || starts(xml, size, i, "</")) i = past(xml, size, i + 2, ">", 1);
    else {
      size_t tag = i, count = 0;
      char quote = 0;
      for (i++; i < size; i++) {
        char c = xml[i];
        if (quote) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          break;
        } else if (c == '=' && ++count > XML_MAX_ATTRIBUTES) {
          *line = line_of(xml, tag);
          return -1;
        }
      }
      i++;
    }
  }
  return 0;
}
