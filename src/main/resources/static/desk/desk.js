// The agent desk. Everything from customers is put into the page with textContent, never as HTML.
import { csrfHeader, getJson, postJson } from '/js/api.js';

const CHANNEL_ICONS = { EMAIL: '✉️', SMS: '📱', WHATSAPP: '🟢', CHAT: '💬', VOICE: '📞', WEB: '🌐' };
const state = { caseId: null, taskId: null, stream: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  });
  children.filter(c => c != null).forEach(c => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

function time(iso) { return iso ? new Date(iso).toLocaleString() : ''; }

function say(text, isError) {
  const status = document.getElementById('case-status');
  status.textContent = text;
  status.classList.toggle('error', !!isError);
}

async function loadTasks() {
  const list = document.getElementById('tasks');
  const empty = document.getElementById('tasks-empty');
  let tasks;
  try {
    tasks = await getJson('/api/desk/tasks');
  } catch (e) {
    // A role that works no cases (designer, auditor) is told so, instead of looking at an empty list.
    list.replaceChildren();
    empty.textContent = e.status === 403
      ? 'The agent desk is for agents and supervisors: your role does not work cases.' : e.message;
    empty.classList.add('error');
    empty.hidden = false;
    return;
  }
  list.replaceChildren();
  empty.textContent = 'No open tasks in your queues.';
  empty.classList.remove('error');
  empty.hidden = tasks.length > 0;
  tasks.forEach(task => {
    const mine = !!task.assignee;
    const open = el('button', { type: 'button', class: 'claim', 'data-task': task.taskId },
      mine ? 'Open' : 'Claim');
    open.addEventListener('click', () => claim(task));
    list.append(el('li', { class: mine ? 'mine task' : 'task', 'data-case': task.caseId },
      el('span', { class: 'prio', text: 'P' + task.priority }), ' Case #' + task.caseId + ' · ' + (task.queue || ''),
      el('span', { class: 'sla', text: 'SLA due ' + time(task.slaDue) }), open));
  });
}

async function claim(task) {
  try {
    await postJson('/api/desk/tasks/' + encodeURIComponent(task.taskId) + '/claim');
    state.taskId = task.taskId;
    await openCase(task.caseId);
    await loadTasks();
  } catch (e) { say(e.message, true); }
}

function entryItem(entry) {
  const channel = entry.channel || '';
  return el('li', { class: entry.kind, 'data-id': entry.id },
    el('span', { class: 'icon', title: channel, text: CHANNEL_ICONS[channel] || (channel ? '•' : '') }),
    el('span', { class: 'who', text: entry.author || '' }),
    el('span', { class: 'at', text: time(entry.occurredAt || entry.at) }),
    el('div', { class: 'text', text: entry.text || '' }));
}

async function openCase(caseId) {
  state.caseId = caseId;
  document.getElementById('case').hidden = false;
  const [view, timeline, handover] = await Promise.all([
    getJson('/api/cases/' + caseId), getJson('/api/cases/' + caseId + '/timeline'), getJson('/api/cases/' + caseId + '/handover')]);
  document.getElementById('case-title').textContent = 'Case #' + caseId + (view.subject ? ' · ' + view.subject : '');
  document.getElementById('case-meta').textContent = view.status + ' · queue ' + (view.queue || '-') + ' · priority ' + (view.priority ?? '-');
  document.getElementById('timeline').replaceChildren(...timeline.map(entryItem));
  renderHandover(handover);
  follow(caseId);
  say('');
}

function renderHandover(h) {
  document.getElementById('summary').textContent = h.summary;
  const alert = document.getElementById('repeat-alert');
  alert.hidden = !h.repeatContact;
  alert.textContent = h.repeatContact ? 'Repeat contact: this customer had case #' + h.earlierCases[0].id + ' recently.' : '';
  document.getElementById('tries').replaceChildren(...(h.assistant || []).map(t => el('li', {},
    (t.answered ? 'Answered (' + t.topic + ', confidence ' + t.confidence + '): ' : 'Declined (confidence ' + t.confidence + '): ')
      + (t.answered ? t.answer : t.declineReason),
    el('br'), el('span', { class: 'muted', text: 'Sources: ' + (t.sources || []).map(s => s.title).join('; ') }))));
  const r = h.routing;
  document.getElementById('routing').textContent = r
    ? (r.selfService ? 'Self-service' : 'Queue ' + r.queue + ', priority ' + r.priority) + '. Reasons: ' + (r.reasons.join('; ') || 'none')
    : 'No routing decision yet.';
  const c = h.customer;
  document.getElementById('identities').replaceChildren(...(c ? [el('li', { text: (c.displayName || 'Customer #' + c.id) + ' · ' + c.tier })]
    .concat(c.identities.map(i => el('li', { text: i.kind + ': ' + i.address }))) : []));
  document.getElementById('earlier').replaceChildren(...(h.earlierCases.length ? h.earlierCases.map(e =>
    el('li', { text: '#' + e.id + ' ' + e.status + ' · ' + (e.subject || '') + ' · ' + time(e.openedAt) })) : [el('li', { text: 'None' })]));
}

function follow(caseId) {
  if (state.stream) state.stream.close();
  const stream = new EventSource('/api/desk/cases/' + caseId + '/events');
  stream.addEventListener('ready', () => { document.body.dataset.live = 'connected'; });
  stream.addEventListener('entry', event => {
    const entry = JSON.parse(event.data);
    const timeline = document.getElementById('timeline');
    if (timeline.querySelector('li[data-id="' + entry.id + '"]')) return;
    const item = entryItem(entry);
    if (entry.kind === 'INBOUND') item.classList.add('fresh');
    timeline.append(item);
    timeline.scrollTop = timeline.scrollHeight;
    if (entry.kind === 'INBOUND') suggest(entry);
  });
  state.stream = stream;
}

function suggest(entry) {
  const box = document.getElementById('suggestions');
  const s = entry.suggestion;
  document.getElementById('live').hidden = false;
  const item = el('div', { class: 'suggestion' }, el('strong', { text: 'New message: ' }), entry.text, el('br'));
  if (s && s.sources && s.sources.length) {
    item.append('Suggested (' + s.topic + ', confidence ' + s.confidence + '): ',
      el('ul', {}, ...s.sources.map(src => el('li', { text: src.kind.toLowerCase() + ': ' + src.title }))));
    const use = el('button', { type: 'button', class: 'use-suggestion' }, 'Use suggested answer');
    const answer = s.answered ? s.answer : null;
    if (answer) { use.addEventListener('click', () => { document.getElementById('reply-text').value = answer; }); item.append(use); }
  } else {
    item.append(el('span', { class: 'muted', text: 'No matching article.' }));
  }
  box.prepend(item);
}

async function renderResolveForm() {
  // The form is ui-forms/resolve-case.form (Camunda form JSON); its fields are rendered here as plain inputs.
  const form = await getJson('/api/desk/forms/resolve-case');
  const target = document.getElementById('resolve-form');
  target.replaceChildren();
  form.components.forEach(c => {
    const id = 'form-' + c.key;
    if (c.type === 'text') {
      c.text.split('\n').forEach(line => target.append(el('p', { class: 'muted', text: line.replace(/^#+\s*/, '') })));
    } else if (c.type === 'select') {
      target.append(el('label', { for: id, text: c.label }),
        el('select', { id, name: c.key, required: '' }, el('option', { value: '', text: 'Choose…' }),
          ...c.values.map(v => el('option', { value: v.value, text: v.label }))));
    } else if (c.type === 'textarea' || c.type === 'textfield') {
      const input = el(c.type === 'textarea' ? 'textarea' : 'input', { id, name: c.key });
      if (c.validate?.required) input.required = true;
      if (c.validate?.maxLength) input.maxLength = c.validate.maxLength;
      target.append(el('label', { for: id, text: c.label }), input);
    }
  });
  target.append(el('button', { type: 'submit', id: 'resolve-submit' }, 'Resolve case'));
}

document.addEventListener('DOMContentLoaded', async () => {
  document.getElementById('logout').addEventListener('click', async () => {
    await fetch('/logout', { method: 'POST', headers: csrfHeader(), credentials: 'same-origin' });
    location.href = '/login?logout';
  });
  document.getElementById('refresh').addEventListener('click', loadTasks);
  document.getElementById('reply-form').addEventListener('submit', async event => {
    event.preventDefault();
    const text = document.getElementById('reply-text');
    try {
      await postJson('/api/cases/' + state.caseId + '/replies', { text: text.value });
      text.value = '';
      say('Reply sent.');
    } catch (e) { say(e.message, true); }
  });
  document.getElementById('resolve-form').addEventListener('submit', async event => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target).entries());
    try {
      const result = await postJson('/api/cases/' + state.caseId + '/resolve', data);
      say('Case ' + result.caseId + ' is ' + result.status + '.');
      await loadTasks();
    } catch (e) { say(e.message, true); }
  });
  try {
    await Promise.all([loadTasks(), renderResolveForm()]);
  } catch (e) { say(e.message, true); }
});
