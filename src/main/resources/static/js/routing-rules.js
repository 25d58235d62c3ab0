// The routing-rule editor: plain JS against /api/routing/rules (see RuleSetController).
(function () {
  const api = '/api/routing/rules';
  const $ = id => document.getElementById(id);
  const drl = $('drl');

  function csrfHeader() {
    const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
    return cookie ? { 'X-XSRF-TOKEN': decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) } : {};
  }

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method, credentials: 'same-origin',
      headers: Object.assign({ 'Content-Type': 'application/json', 'Accept': 'application/json' }, csrfHeader()),
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const json = response.headers.get('Content-Type') && response.headers.get('Content-Type').includes('json')
      ? await response.json() : null;
    return { ok: response.ok, status: response.status, json };
  }

  function text(el, value) { el.textContent = value; return el; }
  function cell(row, value) { row.appendChild(text(document.createElement('td'), value)); }

  function status(message, good) {
    const el = $('status');
    el.textContent = message;
    el.className = good ? 'ok' : 'bad';
  }

  function showProblems(problems) {
    const list = $('problems');
    list.replaceChildren(...problems.map(p => {
      const item = text(document.createElement('li'), p);
      const line = /^line (\d+):/.exec(p);
      if (line && Number(line[1]) > 0) {
        item.title = 'Go to line ' + line[1];
        item.style.cursor = 'pointer';
        item.onclick = () => goToLine(Number(line[1]));
      }
      return item;
    }));
  }

  function goToLine(number) {
    const lines = drl.value.split('\n');
    const start = lines.slice(0, number - 1).reduce((sum, l) => sum + l.length + 1, 0);
    drl.focus();
    drl.setSelectionRange(start, start + (lines[number - 1] || '').length);
    drl.scrollTop = Math.max(0, (number - 5) * parseFloat(getComputedStyle(drl).lineHeight));
    gutter();
  }

  function gutter() {
    const lines = drl.value.split('\n').length;
    $('gutter').textContent = Array.from({ length: lines }, (_, i) => i + 1).join('\n');
    $('gutter').scrollTop = drl.scrollTop;
  }

  function describe(d) {
    return (d.selfService ? 'self-service' : 'escalate') + ' · ' + d.queue + ' · ' + d.priority
      + (d.requiredSkills && d.requiredSkills.length ? ' · skills ' + d.requiredSkills.join(', ') : '');
  }

  function rejected(result) {
    if (result.status === 403) {
      status('Only supervisors and admins may change routing rules', false);
      showProblems([]);
    } else {
      status('Rejected; the active rules stay as they were', false);
      showProblems(result.json && result.json.problems ? result.json.problems
        : [result.json && result.json.detail ? result.json.detail : 'HTTP ' + result.status]);
    }
  }

  async function loadActive() {
    const result = await call('GET', '/active');
    if (result.ok) {
      drl.value = result.json.drl;
      $('active-version').textContent = result.json.label + ' by ' + result.json.author + ' (' + result.json.reason + ')';
      gutter();
    }
  }

  async function loadVersions() {
    const result = await call('GET', '/versions');
    if (!result.ok) return;
    const body = $('versions').querySelector('tbody');
    body.replaceChildren(...result.json.map(v => {
      const row = document.createElement('tr');
      row.dataset.version = v.version;
      cell(row, v.label + (v.active ? ' (active)' : ''));
      cell(row, v.author);
      cell(row, new Date(v.createdAt).toLocaleString());
      cell(row, v.reason);
      cell(row, v.activatedAt ? new Date(v.activatedAt).toLocaleString() + ' by ' + v.activatedBy : '');
      const actions = document.createElement('td');
      if (v.version > 1) {
        const diff = text(document.createElement('button'), 'Diff');
        diff.className = 'secondary';
        diff.onclick = () => showDiff(v.version);
        actions.appendChild(diff);
      }
      if (!v.active) {
        const activate = text(document.createElement('button'), 'Activate again');
        activate.className = 'secondary rollback';
        activate.onclick = () => rollback(v.version);
        actions.appendChild(activate);
      }
      row.appendChild(actions);
      return row;
    }));
  }

  async function showDiff(version) {
    const result = await call('GET', '/versions/' + version + '/diff');
    const el = $('diff');
    el.hidden = false;
    el.replaceChildren(text(document.createElement('div'), 'v' + result.json.from + ' → v' + result.json.to),
      ...result.json.lines.map(line => {
        const div = text(document.createElement('div'), line);
        div.className = line.startsWith('+ ') ? 'add' : line.startsWith('- ') ? 'del' : '';
        return div;
      }));
  }

  async function rollback(version) {
    const reason = $('reason').value.trim() || 'roll back to v' + version;
    const result = await call('POST', '/versions/' + version + '/activate', { reason });
    if (result.ok) {
      status('v' + version + ' is active again', true);
      showProblems([]);
      await loadActive();
      await loadVersions();
    } else {
      rejected(result);
    }
  }

  $('validate').onclick = async () => {
    const result = await call('POST', '/validate', { drl: drl.value });
    if (!result.ok) return rejected(result);
    if (result.json.valid) {
      status('Valid', true);
      showProblems([]);
    } else {
      status('Not valid', false);
      showProblems(result.json.problems);
    }
  };

  $('dry-run').onclick = async () => {
    const result = await call('POST', '/dry-run', { drl: drl.value, cases: Number($('cases').value) });
    if (!result.ok) return rejected(result);
    showProblems([]);
    status('Dry run done', true);
    const run = result.json;
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
  };

  $('activate').onclick = async () => {
    const reason = $('reason').value.trim();
    if (!reason) {
      status('Say why you change the rules', false);
      return;
    }
    const result = await call('POST', '/versions', { drl: drl.value, reason });
    if (result.ok) {
      status(result.json.label + ' is active', true);
      showProblems([]);
      await loadActive();
      await loadVersions();
    } else {
      rejected(result);
    }
  };

  drl.addEventListener('input', gutter);
  drl.addEventListener('scroll', () => { $('gutter').scrollTop = drl.scrollTop; });
  loadActive().then(loadVersions);
})();
