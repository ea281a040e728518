/* studio.js: the pcf studio page's start and its exchanges with the server: it asks for the
 * footprint after each edit and for the comparison when the design has variants, saves and
 * exports; the page computes no number itself. Plain JS, no library. Loaded last (design.js,
 * editor.js, variants.js and results.js first). */
'use strict';

async function api(path, body, query) {
  const url = '/api/' + path + '?token=' + encodeURIComponent(token) + (query ? '&q=' + encodeURIComponent(query) : '');
  const r = await fetch(url, body ? {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body)} : {});
  const type = r.headers.get('Content-Type') || '';
  const data = type.startsWith('application/json') ? await r.json() : await r.text();
  if (!r.ok) throw new Error(data && data.error ? data.error : String(data));
  return data;
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
  document.body.dataset.busy = '1'; /* stale from the edit on, not only once the recompute starts */
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
