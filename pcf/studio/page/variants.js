/* variants.js: edits since the base turned into a [variant NAME] section of the product file
 * (pcf/variant.h: "bom.<line>.<field> = value", "<section>.<key> = value"). */
'use strict';

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

