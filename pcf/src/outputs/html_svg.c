/* html_svg.c: the study report's charts, drawn here (no script, no network): the stages as a bar
 * of HTML boxes with a legend, the largest lines as HTML bars beside their names (text wraps, so no
 * label is ever clipped), and a Sankey diagram of the product in inline SVG (lines -> stages ->
 * total) whose labels are cut to the room they have, the full name in the node's title. Widths
 * follow |value| so that removals show their size; the numbers say the sign. The stage colours are
 * the comparison page's (compare_html.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_internal.h"

const char *const pcf__html_stage_colors[PCF_STAGE_COUNT] = {"#4e79a7", "#f28e2b", "#76b7b2", "#e15759", "#59a14f"};

void pcf__html_chart_stages(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  double sum = 0;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) sum += fabs(pcf_result_stage(r, s, PCF_TOTAL));
  if (sum <= 0) return;
  fputs("<div class=\"stagebar\" role=\"img\" aria-label=\"Footprint per life-cycle stage\">", f);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    double v = pcf_result_stage(r, s, PCF_TOTAL), w = 100 * fabs(v) / sum;
    if (w <= 0) continue;
    fprintf(f, "<div style=\"width:%.3f%%;background:%s\" title=\"%s\">", w, pcf__html_stage_colors[s],
            pcf_stage_title(s));
    if (w >= 6) fprintf(f, "%.0f %%", w);
    fputs("</div>", f);
  }
  fputs("</div>\n<div class=\"legend\">", f);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    fprintf(f, "<span><span class=\"sw\" style=\"background:%s\"></span>%s ", pcf__html_stage_colors[s],
            pcf_stage_title(s));
    pcf__html_num(f, pcf_result_stage(r, s, PCF_TOTAL), 4);
    fputs("</span>", f);
  }
  fputs("</div>\n<p class=\"note\">Bar widths are shares of the sum of |stage| (removals count by their size).</p>\n",
        f);
}

static int by_size(const void *a, const void *b) {
  double x = fabs((*(const pcf_line *const *)a)->value[PCF_TOTAL]),
         y = fabs((*(const pcf_line *const *)b)->value[PCF_TOTAL]);
  return x < y ? 1 : x > y ? -1 : 0;
}

void pcf__html_chart_hotspots(html_ctx *c, size_t max_bars) {
  FILE *f = c->f;
  size_t n = pcf_result_line_count(c->r);
  const pcf_line **l = malloc((n ? n : 1) * sizeof *l);
  if (!l) return (void)(c->oom = 1);
  for (size_t i = 0; i < n; i++) l[i] = pcf_result_line(c->r, i);
  qsort(l, n, sizeof *l, by_size);
  if (n > max_bars) n = max_bars;
  double top = n ? fabs(l[0]->value[PCF_TOTAL]) : 0;
  if (top <= 0) return free(l);
  fputs(
      "<table class=\"small\" id=\"hotspot-bars\"><tr><th>Line</th><th>Dataset</th><th style=\"width:42%\"></th>"
      "<th class=\"n\">kg CO2e</th></tr>\n",
      f);
  for (size_t i = 0; i < n; i++) {
    fputs("<tr><td>", f);
    pcf__html_text(f, l[i]->component);
    fputs("</td><td>", f);
    pcf__html_text(f, l[i]->primary ? "supplier PCF" : l[i]->dataset);
    fprintf(f, "</td><td><span class=\"bar\" style=\"width:%.2f%%;background:%s\"></span></td><td class=\"n\">",
            fmax(100 * fabs(l[i]->value[PCF_TOTAL]) / top, 0.3), pcf__html_stage_colors[l[i]->stage]);
    pcf__html_num(f, l[i]->value[PCF_TOTAL], 4);
    fputs("</td></tr>\n", f);
  }
  fputs("</table>\n", f);
  free(l);
}

static void band(FILE *f, double x0, double y0, double x1, double y1, double h, const char *color) {
  double m = (x0 + x1) / 2;
  fprintf(f,
          "<path d=\"M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f L%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f Z\" "
          "fill=\"%s\" fill-opacity=\"0.45\"/>\n",
          x0, y0, m, y0, m, y1, x1, y1, x1, y1 + h, m, y1 + h, m, y0 + h, x0, y0 + h, color);
}

typedef struct node {
  const pcf_line *line; /* NULL: merged small lines */
  size_t merged;
  double value;
  int stage;
} node;

/* The label of a line: its last path element and its dataset ("Body · ABS"), so that two lines of
 * one component (its material and its end of life, two manufacturing inputs) differ. */
static void label_of(const pcf_line *l, char *buf, size_t size) {
  const char *s = strrchr(l->component, '/');
  snprintf(buf, size, "%s \xc2\xb7 %s", s ? s + 1 : l->component, l->primary ? "supplier PCF" : l->dataset);
  /* end-of-life routes are keys ("incineration_energy_recovery plastic"): read as words */
  for (char *p = buf; *p; p++)
    if (*p == '_') *p = ' ';
}

/* Writes text cut to max characters (UTF-8 aware) with an ellipsis. */
static void cut_text(FILE *f, const char *text, size_t max) {
  size_t chars = 0, i = 0;
  for (; text[i]; i++) {
    if (((unsigned char)text[i] & 0xC0) != 0x80) chars++;
    if (chars > max) break;
  }
  if (!text[i]) return pcf__html_text(f, text);
  char buf[512];
  size_t keep = i;
  while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80) keep--;
  /* room for the ellipsis */
  size_t back = keep;
  for (int k = 0; k < 1 && back > 0; k++) {
    back--;
    while (back > 0 && ((unsigned char)text[back] & 0xC0) == 0x80) back--;
  }
  snprintf(buf, sizeof buf, "%.*s", (int)back, text);
  pcf__html_text(f, buf);
  fputs("\xe2\x80\xa6", f);
}

/* Lines (left) flow into their stages (middle), stages into the product (right). Lines under 1 %
 * of the sum of |line| are merged per stage, so that labels do not pile up. */
void pcf__html_svg_sankey(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  size_t n = pcf_result_line_count(r), m = 0;
  double sum = 0;
  for (size_t i = 0; i < n; i++)
    if (!pcf_result_line(r, i)->beyond_boundary) sum += fabs(pcf_result_line(r, i)->value[PCF_TOTAL]);
  if (sum <= 0) return;
  node *nodes = calloc(n + PCF_STAGE_COUNT, sizeof *nodes);
  if (!nodes) return (void)(c->oom = 1);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    node small = {NULL, 0, 0, s};
    for (size_t i = 0; i < n; i++) {
      const pcf_line *l = pcf_result_line(r, i);
      if (l->stage != (pcf_stage)s || l->value[PCF_TOTAL] == 0 || l->beyond_boundary) continue;
      if (fabs(l->value[PCF_TOTAL]) < 0.01 * sum)
        small.merged++, small.value += l->value[PCF_TOTAL];
      else
        nodes[m++] = (node){l, 0, l->value[PCF_TOTAL], s};
    }
    if (small.merged) nodes[m++] = small;
  }
  /* the left column's labels need 7 px per character at 12 px: the room left of the nodes grows
   * with the longest label (up to 120 characters), so that none is cut. Flows are 26 px per node on
   * average; each node takes at least 18 px so that labels never overlap. */
  size_t longest = 20;
  for (size_t i = 0; i < m; i++) {
    char label[600], value[64];
    if (nodes[i].merged)
      snprintf(label, sizeof label, "%zu smaller lines", nodes[i].merged);
    else
      label_of(nodes[i].line, label, sizeof label);
    size_t chars = 0;
    for (const char *p = label; *p; p++) chars += ((unsigned char)*p & 0xC0) != 0x80;
    chars += strlen(pcf__html_fmt(value, sizeof value, nodes[i].value, 3)) + 3;
    longest = chars > longest ? chars : longest;
  }
  if (longest > 120) longest = 120;
  const double gap = 8, w = 14, xl = fmax(400, 7.0 * (double)longest + w + 18), xs = xl + 260, xt = xs + 210;
  const size_t max_chars = (size_t)((xl - w - 12) / 7);
  double scale = 26.0 * (double)m / sum, left = gap;
  for (size_t i = 0; i < m; i++) left += fmax(fabs(nodes[i].value) * scale, 18) + gap;
  double stage_h[PCF_STAGE_COUNT] = {0}, stage_y[PCF_STAGE_COUNT], fill[PCF_STAGE_COUNT] = {0}, total_h = 0;
  for (size_t i = 0; i < m; i++) stage_h[nodes[i].stage] += fabs(nodes[i].value) * scale;
  int used = 0;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) total_h += stage_h[s], used += stage_h[s] > 0;
  const double height = fmax(left, total_h + gap * (used + 1));
  fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Product flow diagram\">\n",
          xt + 130, height + 10);
  double sy = (height - total_h - gap * (used - 1)) / 2;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    stage_y[s] = sy;
    if (stage_h[s] > 0) sy += stage_h[s] + gap;
  }
  double y = gap;
  for (size_t i = 0; i < m; i++) {
    const node *d = &nodes[i];
    double h = fabs(d->value) * scale, slot = fmax(h, 18);
    const char *color = pcf__html_stage_colors[d->stage];
    double top = y + (slot - fmax(h, 1)) / 2;
    fprintf(f, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"%s\"/>", xl - w, top, w, fmax(h, 1),
            color);
    band(f, xl, top, xs - w, stage_y[d->stage] + fill[d->stage], h, color);
    char label[600], value[64];
    if (d->merged)
      snprintf(label, sizeof label, "%zu smaller line%s", d->merged, d->merged > 1 ? "s" : "");
    else
      label_of(d->line, label, sizeof label);
    pcf__html_fmt(value, sizeof value, d->value, 3);
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" class=\"lb\"><title>", xl - w - 6, y + slot / 2 + 4);
    pcf__html_text(f, label);
    fprintf(f, ": %s kg CO2e</title>", value);
    size_t room_chars = max_chars > strlen(value) + 3 ? max_chars - strlen(value) - 3 : 8;
    cut_text(f, label, room_chars);
    fprintf(f, " (%s)</text>\n", value);
    fill[d->stage] += h;
    y += slot + gap;
  }
  double ty = (height - total_h) / 2, tcur = ty, label_y = -1e9;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    if (stage_h[s] <= 0) continue;
    /* thin stages: their names one line apart at least, never over each other */
    label_y = fmax(stage_y[s] + stage_h[s] / 2 + 4, label_y + 15);
    fprintf(f, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"%s\"/>", xs - w, stage_y[s], w,
            stage_h[s], pcf__html_stage_colors[s]);
    band(f, xs, stage_y[s], xt - w, tcur, stage_h[s], pcf__html_stage_colors[s]);
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" class=\"st\">%s</text>\n", xs + 4, label_y, pcf_stage_title(s));
    tcur += stage_h[s];
  }
  char total[64];
  pcf__html_fmt(total, sizeof total, c->total, 4);
  fprintf(f, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"#333\"/>", xt - w, ty, w, total_h);
  fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" class=\"st\">Product</text>", xt + 6, ty + total_h / 2 - 4);
  fprintf(f, "<text x=\"%.0f\" y=\"%.1f\">%s kg CO2e</text>\n</svg>\n", xt + 6, ty + total_h / 2 + 14, total);
  free(nodes);
}
