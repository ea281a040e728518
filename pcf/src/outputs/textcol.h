/* textcol.h: names in the columns of pcf's text tables, never cut: a name wider than its column is
 * written whole and the figures go on the next line, under their column, so that two names that
 * begin alike ("carbon dioxide (fossil) (Emissions / Emissions to air / ...") stay apart. */
#ifndef PCF_TEXTCOL_H
#define PCF_TEXTCOL_H

#include <stddef.h>
#include <stdio.h>

/* Writes indent spaces and s left-aligned in width; a longer s is written whole, then a line
 * break and indent + width spaces, so that what follows starts at the same column as it would. */
void pcf__textcol_name(FILE *out, int indent, const char *s, int width);

/* The width a column of names needs: the longest of n names (get(ctx, i)), at least min and at
 * most max (wider ones are then written whole by pcf__textcol_name). */
int pcf__textcol_width(size_t n, const char *(*get)(const void *ctx, size_t i), const void *ctx, int min, int max);

/* Writes text after first (e.g. "  warning: ") in lines of at most width characters where the
 * words allow, the following lines indented by indent spaces; ends with a line break. */
void pcf__textcol_wrap(FILE *out, const char *first, int indent, const char *text, int width);

#endif
