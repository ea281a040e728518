/* editor.js: the BOM table and the scenario's sections as keyboard-usable inputs; every change
 * ends in edited() (studio.js), which asks the server again. */
'use strict';

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

