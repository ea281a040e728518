/* html_svg.c: the report's charts as inline SVG drawn here (no script, no network): a stacked bar
 * of the life-cycle stages, hotspot bars per component, and a Sankey diagram of the product
 * (lines -> stages -> total). Widths follow |value|, so removals show their size; the labels say
 * the sign. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_internal.h"

const char *const html_stage_colors[PCF_STAGE_COUNT] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2"};

void html_svg_stages(FILE *f, const pcf_result *r) {
  double sum = 0;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) sum += fabs(pcf_result_stage(r, s, PCF_TOTAL));
  if (sum <= 0) return;
  const double width = 1000, bar = 56;
  fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %.0f 150\" role=\"img\" aria-label=\"Footprint per life-cycle stage\">\n",
          width + 20);
  double x = 10;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    double v = pcf_result_stage(r, s, PCF_TOTAL), w = width * fabs(v) / sum;
    if (w <= 0) continue;
    fprintf(f, "<rect x=\"%.2f\" y=\"10\" width=\"%.2f\" height=\"%.0f\" fill=\"%s\"><title>%s: %.4g kg CO2e</title></rect>\n",
            x, w, bar, html_stage_colors[s], pcf_stage_title(s), v);
    if (w > 60)
      fprintf(f, "<text x=\"%.2f\" y=\"%.0f\" class=\"in\">%.0f %%</text>\n", x + w / 2, 10 + bar / 2 + 5,
              100 * fabs(v) / sum);
    x += w;
  }
  /* legend */
  x = 10;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    fprintf(f, "<rect x=\"%.0f\" y=\"80\" width=\"14\" height=\"14\" fill=\"%s\"/>", x, html_stage_colors[s]);
    fprintf(f, "<text x=\"%.0f\" y=\"92\" class=\"lg\">%s</text>", x + 20, pcf_stage_title(s));
    fprintf(f, "<text x=\"%.0f\" y=\"110\" class=\"lg\">%.4g kg CO2e</text>\n", x + 20, pcf_result_stage(r, s, PCF_TOTAL));
    x += 200;
  }
  fputs("<text x=\"10\" y=\"136\" class=\"lg\">kg CO2e per declared unit; bar widths are shares of the sum of |stage|</text>\n", f);
  fputs("</svg>\n", f);
}

static int by_size(const void *a, const void *b) {
  double x = fabs((*(const pcf_line *const *)a)->value[PCF_TOTAL]),
         y = fabs((*(const pcf_line *const *)b)->value[PCF_TOTAL]);
  return x < y ? 1 : x > y ? -1 : 0;
}

void html_svg_hotspots(FILE *f, const pcf_result *r, size_t max_bars) {
  size_t n = pcf_result_line_count(r);
  const pcf_line **l = malloc((n ? n : 1) * sizeof *l);
  if (!l) return;
  for (size_t i = 0; i < n; i++) l[i] = pcf_result_line(r, i);
  qsort(l, n, sizeof *l, by_size);
  if (n > max_bars) n = max_bars;
  double top = n ? fabs(l[0]->value[PCF_TOTAL]) : 0;
  if (top <= 0) return free(l);
  const double label = 330, width = 560, row = 26;
  fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 1020 %.0f\" role=\"img\" aria-label=\"Hotspots per component\">\n",
          row * (double)n + 10);
  for (size_t i = 0; i < n; i++) {
    double v = l[i]->value[PCF_TOTAL], w = width * fabs(v) / top, y = 5 + row * (double)i;
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" class=\"lb\">", label - 8, y + 17);
    html_text(f, l[i]->component);
    fputs(" &#183; ", f);
    html_text(f, l[i]->primary ? "supplier PCF" : l[i]->dataset);
    fprintf(f, "</text><rect x=\"%.0f\" y=\"%.0f\" width=\"%.2f\" height=\"%.0f\" fill=\"%s\"/>", label, y + 3,
            fmax(w, 1), row - 6, html_stage_colors[l[i]->stage]);
    fprintf(f, "<text x=\"%.2f\" y=\"%.0f\" class=\"lg\">%.4g</text>\n", label + fmax(w, 1) + 6, y + 17, v);
  }
  fputs("</svg>\n", f);
  free(l);
}

static void band(FILE *f, double x0, double y0, double x1, double y1, double h, const char *color) {
  double m = (x0 + x1) / 2;
  fprintf(f, "<path d=\"M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f L%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f Z\" "
             "fill=\"%s\" fill-opacity=\"0.45\"/>\n",
          x0, y0, m, y0, m, y1, x1, y1, x1, y1 + h, m, y1 + h, m, y0 + h, x0, y0 + h, color);
}

typedef struct node {
  const char *label;
  size_t merged; /* > 0: this node stands for that many small lines */
  double value;
  int stage;
} node;

/* Lines (left) flow into their stages (middle), stages into the product (right). Lines under 1 %
 * of the sum of |line| are merged per stage, so that labels do not pile up. */
void html_svg_sankey(FILE *f, const pcf_result *r) {
  size_t n = pcf_result_line_count(r), m = 0;
  double sum = 0;
  for (size_t i = 0; i < n; i++) sum += fabs(pcf_result_line(r, i)->value[PCF_TOTAL]);
  if (sum <= 0) return;
  node *nodes = calloc(n + PCF_STAGE_COUNT, sizeof *nodes);
  if (!nodes) return;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    node small = {NULL, 0, 0, s};
    for (size_t i = 0; i < n; i++) {
      const pcf_line *l = pcf_result_line(r, i);
      if (l->stage != (pcf_stage)s || l->value[PCF_TOTAL] == 0) continue;
      if (fabs(l->value[PCF_TOTAL]) < 0.01 * sum) small.merged++, small.value += l->value[PCF_TOTAL];
      else nodes[m++] = (node){l->component, 0, l->value[PCF_TOTAL], s};
    }
    if (small.merged) nodes[m++] = small;
  }
  const double height = 420, gap = 8, xl = 330, xs = 600, xt = 860, w = 14;
  double scale = (height - gap * (double)(m + 1)) / sum;
  fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 1020 %.0f\" role=\"img\" aria-label=\"Product flow diagram\">\n",
          height + 20);
  double stage_h[PCF_STAGE_COUNT] = {0}, stage_y[PCF_STAGE_COUNT], fill[PCF_STAGE_COUNT] = {0}, total_h = 0;
  for (size_t i = 0; i < m; i++) stage_h[nodes[i].stage] += fabs(nodes[i].value) * scale;
  int used = 0;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) total_h += stage_h[s], used += stage_h[s] > 0;
  double sy = (height - total_h - gap * (used - 1)) / 2;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    stage_y[s] = sy;
    if (stage_h[s] > 0) sy += stage_h[s] + gap;
  }
  double y = gap;
  for (size_t i = 0; i < m; i++) {
    const node *d = &nodes[i];
    double h = fabs(d->value) * scale;
    const char *color = html_stage_colors[d->stage];
    fprintf(f, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"%s\"/>", xl - w, y, w, fmax(h, 1), color);
    band(f, xl, y, xs - w, stage_y[d->stage] + fill[d->stage], h, color);
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" class=\"lb\">", xl - w - 6, y + h / 2 + 4);
    if (d->merged) fprintf(f, "%zu smaller line%s", d->merged, d->merged > 1 ? "s" : "");
    else html_text(f, d->label);
    fprintf(f, " (%.3g)</text>\n", d->value);
    fill[d->stage] += h;
    y += h + gap;
  }
  double ty = (height - total_h) / 2, tcur = ty;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    if (stage_h[s] <= 0) continue;
    fprintf(f, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"%s\"/>", xs - w, stage_y[s], w,
            stage_h[s], html_stage_colors[s]);
    band(f, xs, stage_y[s], xt - w, tcur, stage_h[s], html_stage_colors[s]);
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" class=\"st\">%s</text>\n", xs + 4, stage_y[s] + stage_h[s] / 2 + 4,
            pcf_stage_title(s));
    tcur += stage_h[s];
  }
  fprintf(f, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"#333\"/>", xt - w, ty, w, total_h);
  fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" class=\"st\">Product</text>", xt + 6, ty + total_h / 2 - 4);
  fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" class=\"lg\">%.4g kg CO2e</text>\n</svg>\n", xt + 6, ty + total_h / 2 + 14,
          pcf_result_value(r, PCF_TOTAL));
  free(nodes);
}
