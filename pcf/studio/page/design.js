/* design.js: the design the page edits (studio.h, "Design"): its INI sections and entries and its
 * BOM's columns and rows, read and changed by role (a column's role from its header, matched as the
 * BOM reader matches it, pcf/bom.h), and the page's small helpers. Loaded first. */
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

