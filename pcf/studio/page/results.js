/* results.js: the server's numbers as they come (pcf footprint and pcf compare JSON): the total,
 * the ISO 14067 split, stage and line bars, the variants ranked with each change's step. Every
 * number keeps its exact value in data-value and shows it to four decimal places. */
'use strict';

/* ---- results ------------------------------------------------------------------------------- */

function number(v, attrs) { return el('span', Object.assign({class: 'num', 'data-value': String(v), text: fmt(v)}, attrs || {})); }

function bars(box, items) {
  box.replaceChildren();
  const max = Math.max(1e-300, ...items.map((x) => Math.abs(x[1])));
  for (const [label, v, key] of items) {
    const bar = el('span', {class: 'bar' + (v < 0 ? ' neg' : '')});
    bar.style.width = (100 * Math.abs(v) / max).toFixed(1) + '%'; /* CSSOM: the policy refuses style attributes */
    box.append(el('div', {class: 'barrow', 'data-key': key}, el('span', {class: 'label', text: label}),
      el('span', {class: 'track'}, bar), number(v)));
  }
}

function showFootprint(r) {
  $('error').hidden = true;
  $('total').replaceChildren(number(r.total, {id: 'total-value'}));
  $('unit').textContent = r.unit;
  $('declared-unit').textContent = r.declared_unit;
  const split = $('split').tBodies[0];
  split.replaceChildren();
  for (const [k, label] of SPLIT)
    split.append(el('tr', {'data-key': k}, el('th', {scope: 'row', text: label}), el('td', {}, number(r[k]))));
  bars($('stages'), STAGES.map(([k, label]) => [label, r.stages[k], k]));
  const lines = r.lines.map((l, i) => [l.component + ' · ' + l.dataset + ' (' + l.stage.replace(/_/g, ' ') + ')', l.total, String(i)]);
  lines.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  bars($('lines'), lines);
  const warnings = r.warnings || [];
  $('warnings-count').textContent = warnings.length ? warnings.length + ' warning' + (warnings.length > 1 ? 's' : '') : 'no warnings';
  $('warnings').replaceChildren(...warnings.map((w) => el('li', {text: w})));
}

function showComparison(c) {
  const body = $('ranking').tBodies[0];
  body.replaceChildren();
  const p = {};
  if (c && c.uncertainty) for (const u of c.uncertainty.designs) p[u.design] = u.p_below_base;
  const designs = c ? [...c.designs].sort((a, b) => a.rank - b.rank) : [];
  if (!designs.length)
    body.append(el('tr', {}, el('td', {colspan: 7, class: 'muted', text: 'No variants yet: edit the design, name the edit, make it a variant.'})));
  for (const d of designs) {
    body.append(el('tr', {'data-design': d.name}, el('td', {text: String(d.rank)}), el('th', {scope: 'row', text: d.name}),
      el('td', {}, number(d.total, {'data-field': 'total'})), el('td', {}, number(d.change.total, {'data-field': 'change'})),
      el('td', {text: d.relative_change === null ? '–' : (100 * d.relative_change).toFixed(1) + ' %'}),
      el('td', {}, d.name in p && p[d.name] !== null ? number(p[d.name], {'data-field': 'p'}) : '–'),
      el('td', {}, d.name === 'base' ? '' : el('button', {type: 'button', text: '×', 'aria-label': 'Remove variant ' + d.name,
        onclick: () => removeVariant(d.name)}))));
  }
  const box = $('variant-details');
  box.replaceChildren();
  for (const d of c ? c.designs : []) {
    if (d.name === 'base') continue;
    const list = el('table', {class: 'grid numbers', 'data-design': d.name},
      el('tr', {}, el('th', {text: 'Change'}), el('th', {text: 'Step'}), el('th', {text: 'Alone'})));
    for (const ch of d.changes || [])
      list.append(el('tr', {}, el('td', {text: ch.change}), el('td', {}, number(ch.step.total)),
        el('td', {}, ch.alone ? number(ch.alone.total) : '–')));
    box.append(el('h4', {text: d.name + ': what each change did (kg CO2e)'}), list);
    if (d.tradeoffs.length) box.append(el('ul', {class: 'tradeoffs'}, ...d.tradeoffs.map((t) => el('li', {text: t}))));
  }
}

function showError(e) {
  $('error').hidden = false;
  $('error').textContent = e.message;
}

