// The routing-rule table: plain JS against /api/routing/rules (see RuleSetController). Supervisors edit rows of
// typed conditions and actions; the dropdowns come from the server's fact model (/model). No rule text is sent.
import { ApiError, getJson, postJson } from '/js/api.js';

const api = '/api/routing/rules';
const $ = id => document.getElementById(id);
const body = () => $('rules').querySelector('tbody');
let model = null;
const fields = {};

function text(el, value) { el.textContent = value; return el; }
function cell(row, value) { row.appendChild(text(document.createElement('td'), value)); }
function option(value, label) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label === undefined ? value : label;
  return o;
}
function humane(name) { return name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' '); }

function status(message, good) {
  const el = $('status');
  el.textContent = message;
  el.className = good ? 'ok' : 'bad';
}

// ---- the table ----

function valueControl(field, value) {
  let control;
  if (field.type === 'CHOICE' || field.type === 'BOOLEAN') {
    control = document.createElement('select');
    const values = field.type === 'BOOLEAN' ? ['true', 'false'] : field.values;
    values.forEach(v => control.appendChild(option(v, field.type === 'BOOLEAN' ? (v === 'true' ? 'yes' : 'no') : humane(v))));
    if (value !== undefined && value !== null) control.value = String(value);
  } else {
    control = document.createElement('input');
    if (field.type === 'TEXT') {
      control.type = 'text';
      control.maxLength = 1000;
      control.placeholder = 'words or text';
    } else {
      control.type = 'number';
      control.step = field.type === 'INTEGER' ? '1' : '0.05';
      control.min = field.min;
      control.max = field.max;
    }
    if (value !== undefined && value !== null) control.value = String(value);
  }
  control.className = 'value';
  control.setAttribute('aria-label', 'Value');
  return control;
}

function conditionRow(condition) {
  const div = document.createElement('div');
  div.className = 'condition';
  const field = document.createElement('select');
  field.className = 'field';
  field.setAttribute('aria-label', 'Field');
  model.fields.forEach(f => field.appendChild(option(f.id, f.label)));
  const operator = document.createElement('select');
  operator.className = 'operator';
  operator.setAttribute('aria-label', 'Operator');
  const remove = text(document.createElement('button'), '−');
  remove.type = 'button';
  remove.className = 'secondary small remove-condition';
  remove.title = 'Remove condition';
  remove.addEventListener('click', () => div.remove());

  function fit(keepOperator, value) {
    const f = fields[field.value];
    const chosen = keepOperator || operator.value;
    operator.replaceChildren(...f.operators.map(o => option(o.id, o.label)));
    if (f.operators.some(o => o.id === chosen)) operator.value = chosen;
    const old = div.querySelector('.value');
    const control = valueControl(f, value);
    if (old) old.replaceWith(control); else div.insertBefore(control, remove);
  }
  field.addEventListener('change', () => fit(null, undefined));
  div.append(field, operator, remove);
  field.value = condition && fields[condition.field] ? condition.field : model.fields[0].id;
  fit(condition ? condition.operator : null, condition ? condition.value : undefined);
  return div;
}

function ruleRow(rule) {
  const row = $('rule-row').content.firstElementChild.cloneNode(true);
  row.querySelector('.rule-name').value = rule.name || '';
  const list = row.querySelector('.condition-list');
  (rule.conditions || []).forEach(c => list.appendChild(conditionRow(c)));
  row.querySelector('.add-condition').addEventListener('click', () => list.appendChild(conditionRow(null)));
  const actions = rule.actions || {};
  const handling = row.querySelector('.handling');
  model.handling.forEach(h => handling.appendChild(option(h, h === 'ESCALATE' ? 'escalate to a person' : 'keep in self-service')));
  handling.value = actions.handling || '';
  const queue = row.querySelector('.queue');
  model.queues.forEach(q => queue.appendChild(option(q, humane(q))));
  queue.value = actions.queue || '';
  const priority = row.querySelector('.priority');
  model.priorities.forEach(p => priority.appendChild(option(p, humane(p))));
  priority.value = actions.priority || '';
  const skills = row.querySelector('.skills');
  model.skills.forEach(s => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = s;
    box.checked = (actions.skills || []).includes(s);
    label.append(box, ' ' + humane(s));
    skills.appendChild(label);
  });
  row.querySelector('.reason').value = actions.reason || '';
  row.querySelector('.move-up').addEventListener('click', () => {
    if (row.previousElementSibling) row.parentNode.insertBefore(row, row.previousElementSibling);
    renumber();
  });
  row.querySelector('.move-down').addEventListener('click', () => {
    if (row.nextElementSibling) row.parentNode.insertBefore(row.nextElementSibling, row);
    renumber();
  });
  row.querySelector('.remove-rule').addEventListener('click', () => { row.remove(); renumber(); });
  return row;
}

function renumber() {
  Array.from(body().rows).forEach((r, i) => { r.querySelector('.number').textContent = String(i + 1); });
}

function showTable(table) {
  body().replaceChildren(...(table.rules || []).map(ruleRow));
  renumber();
}

function readValue(field, control) {
  const raw = control.value;
  if (field.type === 'BOOLEAN') return raw === 'true';
  if (field.type === 'INTEGER' || field.type === 'DECIMAL') return raw === '' ? null : Number(raw);
  return raw;
}

function readTable() {
  return Array.from(body().rows).map(row => {
    const actions = {
      handling: row.querySelector('.handling').value || null,
      queue: row.querySelector('.queue').value || null,
      priority: row.querySelector('.priority').value || null,
      skills: Array.from(row.querySelectorAll('.skills input:checked')).map(b => b.value),
      reason: row.querySelector('.reason').value.trim() || null
    };
    const conditions = Array.from(row.querySelectorAll('.condition')).map(div => {
      const field = div.querySelector('.field').value;
      return { field, operator: div.querySelector('.operator').value,
        value: readValue(fields[field], div.querySelector('.value')) };
    });
    // A name is one sentence: line breaks typed into the box become spaces.
    return { name: row.querySelector('.rule-name').value.replace(/\s+/g, ' ').trim(), conditions, actions };
  });
}

// ---- problems, pointing at the cell ----

function clearMarks() {
  document.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
}

function cellOf(row, column) {
  if (!column) return null;
  const condition = /^conditions\[(\d+)\](?:\.(field|operator|value))?$/.exec(column);
  if (condition) {
    const div = row.querySelectorAll('.condition')[Number(condition[1]) - 1];
    return div && condition[2] ? div.querySelector('.' + condition[2]) : div;
  }
  const parts = { 'name': '.rule-name', 'conditions': 'td.conditions', 'actions': 'td.actions',
    'actions.handling': '.handling', 'actions.queue': '.queue', 'actions.priority': '.priority',
    'actions.reason': '.reason' };
  if (parts[column]) return row.querySelector(parts[column]);
  if (column.startsWith('actions.skills')) return row.querySelector('.skills');
  return null;
}

function showProblems(problems, errors) {
  clearMarks();
  $('problems').replaceChildren(...problems.map(p => text(document.createElement('li'), p)));
  (errors || []).forEach(e => {
    if (!e.row) return;
    const row = body().rows[e.row - 1];
    if (!row) return;
    row.classList.add('invalid');
    const target = cellOf(row, e.column);
    if (target) target.classList.add('invalid');
  });
}

function rejected(error) {
  if (!(error instanceof ApiError)) throw error;
  if (error.status === 403) {
    status('Only supervisors and admins may change routing rules', false);
    showProblems([error.message]);
  } else if (error.status === 422 && error.problem) {
    status('Not valid', false);
    showProblems(error.problem.problems || [error.message], error.problem.errors);
  } else {
    status('Rejected; the active rules stay as they were', false);
    showProblems([error.message]);
  }
}

/** Sends a change; a refusal is shown in the status line and the problem list, and answers null. */
async function change(path, payload) {
  try {
    return await postJson(api + path, payload);
  } catch (e) {
    rejected(e);
    return null;
  }
}

// ---- versions, diff, rollback ----

function describe(d) {
  return (d.selfService ? 'self-service' : 'escalate') + ' · ' + d.queue + ' · ' + d.priority
    + (d.requiredSkills && d.requiredSkills.length ? ' · skills ' + d.requiredSkills.join(', ') : '');
}

async function loadActive() {
  const active = await getJson(api + '/active').catch(() => null);
  if (!active) return;
  $('active-version').textContent = active.label + ' by ' + active.author + ' (' + active.reason + ')';
  if (active.rules) {
    $('notice').hidden = true;
    showTable(active.rules);
  } else {
    const shipped = await getJson(api + '/shipped').catch(() => null);
    $('notice').hidden = false;
    $('notice').textContent = active.label + ' was written as DRL by an administrator and has no rule table; '
      + 'the table below starts from the shipped rules. Saving it replaces ' + active.label + '.';
    showTable(shipped || { rules: [] });
  }
}

async function loadVersions() {
  const versions = await getJson(api + '/versions').catch(() => null);
  if (!versions) return;
  $('versions').querySelector('tbody').replaceChildren(...versions.map(v => {
    const row = document.createElement('tr');
    row.dataset.version = v.version;
    cell(row, v.label + (v.active ? ' (active)' : '') + (v.table ? '' : ' · DRL'));
    cell(row, v.author);
    cell(row, new Date(v.createdAt).toLocaleString());
    cell(row, v.reason);
    cell(row, v.activatedAt ? new Date(v.activatedAt).toLocaleString() + ' by ' + v.activatedBy : '');
    const actions = document.createElement('td');
    if (v.version > 1) {
      const diff = text(document.createElement('button'), 'Diff');
      diff.type = 'button';
      diff.className = 'secondary small show-diff';
      diff.addEventListener('click', () => showDiff(v.version));
      actions.appendChild(diff);
    }
    if (!v.active) {
      const activate = text(document.createElement('button'), 'Activate again');
      activate.type = 'button';
      activate.className = 'secondary small rollback';
      activate.addEventListener('click', () => rollback(v.version));
      actions.appendChild(activate);
    }
    row.appendChild(actions);
    return row;
  }));
}

async function showDiff(version) {
  let d;
  try {
    d = await getJson(api + '/versions/' + version + '/diff');
  } catch (e) {
    return rejected(e);
  }
  const el = $('diff');
  el.hidden = false;
  const lines = [text(document.createElement('div'), 'v' + d.from + ' → v' + d.to)];
  if (d.rows) {
    d.rows.filter(r => r.change !== 'KEPT').forEach(r => {
      const where = r.change === 'ADDED' ? 'row ' + r.toRow : r.change === 'REMOVED' ? 'was row ' + r.fromRow
        : 'row ' + r.fromRow + ' → ' + r.toRow;
      const div = text(document.createElement('div'), r.change + '  ' + r.name + '  (' + where + ')');
      div.className = r.change;
      lines.push(div);
    });
    if (lines.length === 1) lines.push(text(document.createElement('div'), 'no row changed'));
  } else {
    d.lines.forEach(line => {
      const div = text(document.createElement('div'), line);
      div.className = line.startsWith('+ ') ? 'add' : line.startsWith('- ') ? 'del' : '';
      lines.push(div);
    });
  }
  el.replaceChildren(...lines);
}

async function rollback(version) {
  const reason = $('reason').value.trim() || 'roll back to v' + version;
  if (!await change('/versions/' + version + '/activate', { reason })) return;
  status('v' + version + ' is active again', true);
  showProblems([]);
  await loadActive();
  await loadVersions();
}

// ---- buttons ----

async function validate() {
  if (!await change('/validate', { rules: readTable() })) return;
  status('Valid', true);
  showProblems([]);
}

async function dryRun() {
  const run = await change('/dry-run', { rules: readTable(), cases: Number($('cases').value) });
  if (!run) return;
  showProblems([]);
  status('Dry run done', true);
  $('dry-run-result').hidden = false;
  $('dry-run-summary').textContent = run.changed + ' of ' + run.replayed + ' cases would be routed differently than by '
    + run.activeVersion;
  $('dry-run-table').querySelector('tbody').replaceChildren(...run.rows.map(r => {
    const row = document.createElement('tr');
    if (r.changed) row.className = 'changed';
    cell(row, '#' + r.caseId);
    cell(row, new Date(r.decidedAt).toLocaleString());
    cell(row, describe(r.active));
    cell(row, describe(r.candidate) + (r.candidate.rulesFired.length ? '\n' + r.candidate.rulesFired.join('; ') : ''));
    cell(row, r.changed ? 'yes' : 'no');
    return row;
  }));
}

async function save() {
  const reason = $('reason').value.trim();
  if (!reason) {
    status('Say why you change the rules', false);
    return;
  }
  const saved = await change('/versions', { rules: readTable(), reason });
  if (!saved) return;
  status(saved.label + ' is active', true);
  showProblems([]);
  await loadActive();
  await loadVersions();
}

async function start() {
  try {
    model = await getJson(api + '/model');
  } catch (e) {
    status(e.status === 403 ? 'Your role may not see the routing rules' : 'Could not load the fact model', false);
    return;
  }
  model.fields.forEach(f => { fields[f.id] = f; });
  $('add-rule').addEventListener('click', () => {
    body().appendChild(ruleRow({ name: '', conditions: [null], actions: {} }));
    renumber();
    body().lastElementChild.querySelector('.rule-name').focus();
  });
  $('validate').addEventListener('click', validate);
  $('dry-run').addEventListener('click', dryRun);
  $('activate').addEventListener('click', save);
  await loadActive();
  await loadVersions();
  document.body.dataset.ready = 'true';
}

start();
