/* textcol.c: names in text tables written whole (textcol.h). */
#include "textcol.h"

#include <string.h>

void pcf__textcol_name(FILE *out, int indent, const char *s, int width) {
  int len = (int)strlen(s);
  if (len <= width) {
    fprintf(out, "%*s%-*s", indent, "", width, s);
    return;
  }
  fprintf(out, "%*s%s\n%*s", indent, "", s, indent + width, "");
}

int pcf__textcol_width(size_t n, const char *(*get)(const void *ctx, size_t i), const void *ctx, int min, int max) {
  int w = min;
  for (size_t i = 0; i < n; i++) {
    int len = (int)strlen(get(ctx, i));
    if (len > w) w = len;
  }
  return w < max ? w : max;
}

void pcf__textcol_wrap(FILE *out, const char *first, int indent, const char *text, int width) {
  int col = fprintf(out, "%s", first), start = col;
  while (*text) {
    size_t word = strcspn(text, " ");
    if (col > start && col + 1 + (int)word > width) {
      col = fprintf(out, "\n%*s", indent, "") - 1;
      start = col;
    } else if (col > start) {
      col += fprintf(out, " ");
    }
    col += fprintf(out, "%.*s", (int)word, text);
    text += word;
    while (*text == ' ') text++;
  }
  fputc('\n', out);
}
