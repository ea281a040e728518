/* studio.js: the pcf studio page. It edits a design (the product file's sections and the BOM's
 * rows, as /api/design gives them), asks the server for the footprint after each edit and for the
 * comparison when the design has variants, and shows the server's numbers as they come: the page
 * computes none itself. Plain JS, no library, every control a native one (keyboard usable). */
'use strict';

const token = new URLSearchParams(location.search).get('token') || '';
const $ = (id) => document.getElementById(id);
const SECTIONS = ['manufacturing', 'packaging', 'distribution', 'use', 'end_of_life'];
const STAGES = [['raw_materials', 'Raw materials'], ['production', 'Production'], ['distribution', 'Distribution'],
  ['use', 'Use'], ['end_of_life', 'End of life']];
const SPLIT = [['fossil', 'Fossil'], ['biogenic_emissions', 'Biogenic emissions'],
  ['biogenic_removals', 'Biogenic removals'], ['dluc', 'Direct land-use change'], ['aircraft', 'Aircraft'],
  ['total_excluding_biogenic_co2', 'Total excluding biogenic CO2']];
const USE_KEYS = [['power', 'Power (W)', '9 W'], ['hours_per_day', 'Hours per day', '4'],
  ['days_per_year', 'Days per year', '365'], ['years', 'Years', '5'], ['grid', 'Grid', 'EU']];

let design = null;   /* what the page shows and edits, variants included */
let base = null;     /* the design the next variant's changes are counted from */
let seq = 0;         /* the latest recompute: older answers are dropped */
let timer = 0;

const clone = (x) => JSON.parse(JSON.stringify(x));
const fmt = (v) => (v === null || v === undefined || Number.isNaN(v)) ? '–' : Number(v).toFixed(4);

async function api(path, body, query) {
  const url = '/api/' + path + '?token=' + encodeURIComponent(token) + (query ? '&q=' + encodeURIComponent(query) : '');
  const r = await fetch(url, body ? {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body)} : {});
  const type = r.headers.get('Content-Type') || '';
  const data = type.startsWith('application/json') ? await r.json() : await r.text();
  if (!r.ok) throw new Error(data && data.error ? data.error : String(data));
  return data;
}

function status(text) { $('status').textContent = text; }

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k);
  return e;
}

/* ---- the design's INI sections ------------------------------------------------------------- */

function section(name, create) {
  const secs = design.ini.sections;
  let s = secs.find((x) => x.name === name);
  if (!s && create) {
    s = {name, comments: [''], entries: []};
    const variant = secs.findIndex((x) => x.name.startsWith('variant '));
    secs.splice(variant < 0 ? secs.length : variant, 0, s);
  }
  return s;
}

function getValue(name, key) {
  const s = section(name, false);
  const e = s && s.entries.find((x) => x.key.toLowerCase() === key.toLowerCase());
  return e ? e.value : '';
}

function setValue(name, key, value) {
  const s = section(name, value !== '');
  if (!s) return;
  const i = s.entries.findIndex((x) => x.key.toLowerCase() === key.toLowerCase());
  if (value === '') { if (i >= 0) s.entries.splice(i, 1); return; }
  if (i >= 0) s.entries[i].value = value;
  else s.entries.push({key, value, note: '', comments: []});
}

/* ---- the BOM's columns --------------------------------------------------------------------- */

const ROLES = {
  level: ['level', 'lvl', 'bomlevel', 'depth', 'indent'],
  parent: ['parent', 'parentpart', 'parentpartnumber', 'parentpn', 'parentno', 'parentitem'],
  part: ['part', 'partnumber', 'partno', 'pn', 'item', 'itemno', 'articlenumber'],
  name: ['name', 'description', 'desc', 'partname', 'designation', 'itemdescription'],
  quantity: ['quantity', 'qty', 'qtyper', 'quantityper', 'count'],
  unit: ['unit', 'uom', 'unitofmeasure', 'qtyunit'],
  material: ['material', 'materialname', 'mat'],
  mass: ['mass', 'weight', 'unitmass', 'netmass', 'netweight', 'massperunit', 'weightperunit'],
  recycled: ['recycledcontent', 'recycled', 'recycledshare'],
  forming: ['forming', 'formingstep', 'formingprocess', 'processingstep', 'processstep'],
};
const COLUMN_NAMES = {recycled: 'recycled content', forming: 'forming'};

function norm(h) { return h.toLowerCase().replace(/[([].*?[)\]]/g, '').replace(/[^a-z0-9]/g, ''); }

function column(role) {
  return design.bom.columns.findIndex((h) => ROLES[role].includes(norm(h)));
}

function massUnit() {
  const i = column('mass');
  const m = i >= 0 && /[([]\s*([a-z]+)\s*[)\]]/i.exec(design.bom.columns[i]);
  return m ? m[1] : 'kg';
}

function cell(row, role) {
  const i = column(role);
  return i >= 0 ? (design.bom.rows[row][i] || '') : '';
}

function setCell(row, role, value) {
  let i = column(role);
  if (i < 0) {
    if (value === '' || !COLUMN_NAMES[role]) return;
    design.bom.columns.push(COLUMN_NAMES[role]);
    for (const r of design.bom.rows) r.push('');
    i = design.bom.columns.length - 1;
  }
  while (design.bom.rows[row].length < design.bom.columns.length) design.bom.rows[row].push('');
  design.bom.rows[row][i] = value;
}

/* ---- rendering the editor ------------------------------------------------------------------ */

function input(value, label, onchange, attrs) {
  return el('input', Object.assign({type: 'text', value, 'aria-label': label,
    onchange: (ev) => { onchange(ev.target.value.trim()); edited(); }}, attrs || {}));
}

function renderBom() {
  const body = $('bom').tBodies[0];
  body.replaceChildren();
  if (!design.bom) { body.append(el('tr', {}, el('td', {colspan: 9, text: 'bom = none: no bill of materials'}))); return; }
  $('bom').tHead.rows[0].cells[5].textContent = 'Mass (' + massUnit() + ')';
  design.bom.rows.forEach((r, i) => {
    const name = cell(i, 'name') || cell(i, 'part') || 'line ' + (i + 1);
    const tr = el('tr', {'data-row': i});
    const add = (role, label, attrs) => tr.append(el('td', {}, input(cell(i, role), label + ' of ' + name,
      (v) => setCell(i, role, v), Object.assign({'data-role': role}, attrs || {}))));
    add('part', 'Part number');
    add('name', 'Name');
    add('quantity', 'Quantity', {inputmode: 'decimal', size: 5});
    add('unit', 'Unit', {size: 4});
    add('material', 'Material', {list: 'materials', oninput: (ev) => searchMaterials(ev.target.value)});
    add('mass', 'Mass', {inputmode: 'decimal', size: 7});
    add('recycled', 'Recycled content', {size: 5, placeholder: '0 %'});
    add('forming', 'Forming step', {list: 'services', size: 12});
    tr.append(el('td', {}, el('button', {type: 'button', 'aria-label': 'Remove ' + name, text: '×',
      onclick: () => { design.bom.rows.splice(i, 1); renderBom(); edited(); }})));
    body.append(tr);
  });
}

function addLine() {
  if (!design.bom) return;
  const row = design.bom.columns.map(() => '');
  design.bom.rows.push(row);
  const i = design.bom.rows.length - 1;
  if (column('level') >= 0) setCell(i, 'level', '1');
  if (column('parent') >= 0) setCell(i, 'parent', cell(0, 'part'));
  setCell(i, 'name', 'New part ' + i);
  setCell(i, 'quantity', '1');
  if (column('unit') >= 0) setCell(i, 'unit', 'pcs');
  renderBom();
  const inputs = $('bom').tBodies[0].rows[i].querySelectorAll('input');
  inputs[1].focus();
  inputs[1].select();
}

function keyValueTable(name, keyLabel, valueLabel, skip) {
  const s = section(name, false);
  const table = el('table', {class: 'grid', 'data-section': name});
  table.append(el('tr', {}, el('th', {text: keyLabel}), el('th', {text: valueLabel}), el('th', {})));
  (s ? s.entries : []).forEach((e) => {
    if (skip && skip.includes(e.key.toLowerCase())) return;
    table.append(el('tr', {},
      el('td', {}, input(e.key, keyLabel + ' in ' + name, (v) => { if (v) e.key = v; }, {list: 'services'})),
      el('td', {}, input(e.value, valueLabel + ' of ' + e.key, (v) => { e.value = v; })),
      el('td', {}, el('button', {type: 'button', text: '×', 'aria-label': 'Remove ' + e.key + ' from ' + name,
        onclick: () => { s.entries.splice(s.entries.indexOf(e), 1); renderScenario(); edited(); }}))));
  });
  const key = el('input', {type: 'text', 'aria-label': 'New ' + keyLabel.toLowerCase() + ' in ' + name,
    list: 'services', placeholder: keyLabel});
  const value = el('input', {type: 'text', 'aria-label': 'Its ' + valueLabel.toLowerCase(), placeholder: valueLabel});
  const add = () => {
    if (!key.value.trim() || !value.value.trim()) return;
    setValue(name, key.value.trim(), value.value.trim());
    renderScenario();
    edited();
  };
  value.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') add(); });
  table.append(el('tr', {}, el('td', {}, key), el('td', {}, value),
    el('td', {}, el('button', {type: 'button', text: 'Add', 'aria-label': 'Add to ' + name, onclick: add}))));
  return table;
}

function renderScenario() {
  const box = $('scenario');
  box.replaceChildren();
  box.append(el('h3', {text: 'Manufacturing'}), keyValueTable('manufacturing', 'Service', 'Amount'));
  box.append(el('h3', {text: 'Packaging'}), keyValueTable('packaging', 'Material', 'Mass'));
  box.append(el('h3', {text: 'Transport legs'}), keyValueTable('distribution', 'Transport', 'Distance'));
  const use = el('div', {class: 'row', id: 'use'});
  for (const [key, label, hint] of USE_KEYS)
    use.append(el('label', {}, label + ' ', input(getValue('use', key), label + ' in use',
      (v) => setValue('use', key, v), {placeholder: hint, 'data-key': key})));
  box.append(el('h3', {text: 'Use: power × hours per day × days × years'}), use,
    keyValueTable('use', 'Input', 'Amount', USE_KEYS.map((k) => k[0])));
  const rule = el('select', {'aria-label': 'Recycling rule', onchange: (ev) => {
    setValue('end_of_life', 'rule', ev.target.value); edited(); }});
  for (const r of ['', 'cut-off', '50:50', 'avoided-burden', 'cff'])
    rule.append(el('option', {value: r, text: r || 'cut-off (default)'}));
  rule.value = getValue('end_of_life', 'rule');
  box.append(el('h3', {text: 'End of life'}), el('label', {}, 'Rule ', rule),
    keyValueTable('end_of_life', 'Family or material', 'Routes and shares', ['rule']));
}

function render() {
  $('product-name').textContent = getValue('product', 'name');
  renderBom();
  renderScenario();
  renderPending();
}

/* ---- variants ------------------------------------------------------------------------------ */

function variantSections(d) { return d.ini.sections.filter((s) => s.name.startsWith('variant ')); }

/* The name a BOM change gives a line by: its name when no other line has it, else its part number. */
function lineRef(d, row) {
  const saved = design;
  design = d;
  const name = cell(row, 'name'), part = cell(row, 'part');
  const unique = d.bom.rows.filter((_, i) => cell(i, 'name').toLowerCase() === name.toLowerCase()).length === 1;
  design = saved;
  return name && unique ? name : part || name;
}

/* The changes from base to the design, as variant lines ("bom.Body.material = PP"). */
function changes() {
  const out = [];
  if (design.bom && base.bom) {
    if (design.bom.rows.length !== base.bom.rows.length)
      throw new Error('a variant changes the lines the base has: add or remove lines in the base (Back to base first)');
    const fields = [['material', 'material'], ['mass', 'mass'], ['quantity', 'quantity'],
      ['recycled', 'recycled_content'], ['forming', 'forming']];
    design.bom.rows.forEach((_, i) => {
      for (const [role, field] of fields) {
        const now = cell(i, role);
        const saved = design;
        design = base;
        const was = cell(i, role);
        design = saved;
        if (now === was) continue;
        let v = now;
        if (role === 'mass') v = now + ' ' + massUnit();
        if (role === 'forming' && !now) v = 'none';
        if (!now && role !== 'forming') throw new Error('line ' + (i + 1) + ': a variant cannot empty its ' + role);
        out.push(['bom.' + lineRef(base, i) + '.' + field, v]);
      }
      for (const role of ['part', 'name', 'unit', 'level', 'parent'])
        if (cell(i, role) !== (() => { const s = design; design = base; const w = cell(i, role); design = s; return w; })())
          throw new Error('line ' + (i + 1) + ': a variant changes material, mass, quantity, recycled content or forming');
    });
  }
  for (const name of SECTIONS) {
    const now = section(name, false), saved = design;
    design = base;
    const was = section(name, false);
    design = saved;
    const keys = new Set([...(now ? now.entries : []), ...(was ? was.entries : [])].map((e) => e.key));
    for (const k of keys) {
      const a = now && now.entries.find((e) => e.key === k), b = was && was.entries.find((e) => e.key === k);
      if ((a ? a.value : '') !== (b ? b.value : '')) out.push([name + '.' + k, a ? a.value : '']);
    }
  }
  return out;
}

function renderPending() {
  let text;
  try {
    const c = changes();
    text = c.length ? 'Edits since the base: ' + c.map((x) => x[0] + ' = ' + x[1]).join('; ') : 'No edits since the base.';
  } catch (e) { text = e.message; }
  $('pending').textContent = text;
}

function makeVariant() {
  const name = $('variant-name').value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/.test(name)) { status('Name the variant (letters, digits, - _ .)'); return; }
  if (variantSections(design).some((s) => s.name === 'variant ' + name)) { status('variant ' + name + ' exists'); return; }
  let c;
  try { c = changes(); } catch (e) { status(e.message); return; }
  if (!c.length) { status('No edits since the base: edit a line or the scenario first'); return; }
  const variants = variantSections(design);
  design = clone(base);
  design.ini.sections = design.ini.sections.filter((s) => !s.name.startsWith('variant '));
  design.ini.sections.push(...variants, {name: 'variant ' + name, comments: [''],
    entries: c.map(([key, value]) => ({key, value, note: '', comments: []}))});
  base = clone(design);
  $('variant-name').value = '';
  status('variant ' + name + ': ' + c.length + ' change' + (c.length > 1 ? 's' : ''));
  render();
  recompute();
}

function removeVariant(name) {
  for (const d of [design, base]) d.ini.sections = d.ini.sections.filter((s) => s.name !== 'variant ' + name);
  render();
  recompute();
}

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

async function recompute() {
  const mine = ++seq;
  const sent = clone(design);
  document.body.dataset.busy = '1';
  try {
    const r = await api('footprint', {design: sent});
    if (mine !== seq) return;
    showFootprint(r);
    if (variantSections(sent).length) {
      const c = await api('compare', {design: sent, draws: $('with-p').checked ? 1000 : 0});
      if (mine !== seq) return;
      showComparison(c);
    } else {
      showComparison(null);
    }
  } catch (e) {
    if (mine === seq) showError(e);
  } finally {
    if (mine === seq) { delete document.body.dataset.busy; document.body.dataset.done = String(mine); }
  }
}

function edited() {
  renderPending();
  clearTimeout(timer);
  timer = setTimeout(recompute, 120);
}

let searchTimer = 0;
function searchMaterials(term) {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const m = await api('materials', null, term);
    fillLists(m.materials.filter((x) => x.kind === 'material'), null);
  }, 150);
}

function fillLists(materials, services) {
  const opt = (x) => el('option', {value: x.name, label: x.name + ' · ' + fmt(x.kg_co2e_per_unit) + ' kg CO2e/' + x.reference_unit});
  if (materials) $('materials').replaceChildren(...materials.map(opt));
  if (services) $('services').replaceChildren(...services.map(opt));
}

/* ---- file ---------------------------------------------------------------------------------- */

async function load() {
  const d = await api('design');
  design = d.design;
  base = clone(design);
  $('product-path').textContent = d.path;
  render();
  recompute();
}

async function save() {
  try {
    const r = await api('save', {design});
    base = clone(design);
    renderPending();
    status('Saved ' + r.product + (r.bom ? ' and ' + r.bom : ''));
  } catch (e) { status('Not saved: ' + e.message); }
}

async function exportAs(format) {
  try {
    const r = await fetch('/api/export?token=' + encodeURIComponent(token), {method: 'POST',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify({design, format})});
    if (!r.ok) throw new Error((await r.json()).error);
    const blob = await r.blob();
    const a = el('a', {href: URL.createObjectURL(blob), download: (getValue('product', 'id') || 'product') +
      (format === 'html' ? '-report.html' : '-pact.json')});
    document.body.append(a);
    a.click();
    a.remove();
    status('Exported ' + a.download);
  } catch (e) { status('Not exported: ' + e.message); }
}

document.addEventListener('DOMContentLoaded', async () => {
  $('add-line').addEventListener('click', addLine);
  $('make-variant').addEventListener('click', makeVariant);
  $('revert').addEventListener('click', () => { design = clone(base); render(); recompute(); });
  $('with-p').addEventListener('change', recompute);
  $('save').addEventListener('click', save);
  $('export-pact').addEventListener('click', () => exportAs('pact'));
  $('export-html').addEventListener('click', () => exportAs('html'));
  try {
    await load();
    const all = await api('materials', null, '');
    fillLists(all.materials.filter((x) => x.kind === 'material'), all.materials.filter((x) => x.kind === 'service'));
  } catch (e) { showError(e); }
});
