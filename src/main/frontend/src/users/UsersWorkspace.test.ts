import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import UsersWorkspace from './UsersWorkspace.vue';
import { catalogue } from './fixtures.test-data';
import type { User } from './users';
import type { Me } from '../lib/session';

function json(status: number, body: unknown, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }));
}
const problem = (status: number, body: Record<string, unknown>) => json(status, { status, ...body }, 'application/problem+json');

const admin: Me = { username: 'admin', displayName: 'Ada Admin', roles: ['ADMIN'], pages: [] };

interface Call { method: string; url: string; body: unknown }
type Answer = (call: Call) => Promise<Response> | undefined;

/**
 * The server as the page sees it: GET /api/admin/users answers the catalogue, each write the account as changed; an
 * `answer` given first may answer any call otherwise.
 */
function server(answer: Answer = () => undefined) {
  const calls: Call[] = [];
  const accounts = new Map(catalogue.users.map(u => [u.username, { ...u }]));
  vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
    const call = { method: init?.method ?? 'GET', url, body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    const special = answer(call);
    if (special) return special;
    const body = call.body as Record<string, unknown>;
    const one = /^\/api\/admin\/users\/([^/]+)(?:\/(\w+))?$/.exec(url);
    if (url === '/api/admin/users' && call.method === 'GET') return json(200, { ...catalogue, users: [...accounts.values()] });
    if (url === '/api/admin/users' && call.method === 'POST') {
      const { password: _password, ...fields } = body;
      const made = { ...fields, enabled: true, lockedForSeconds: null } as unknown as User;
      accounts.set(made.username, made);
      return json(201, made);
    }
    if (one) {
      const user = accounts.get(decodeURIComponent(one[1]))!;
      if (!one[2] && call.method === 'PUT') Object.assign(user, body);
      if (one[2] === 'enabled') user.enabled = body.enabled as boolean;
      if (one[2] === 'unlock') user.lockedForSeconds = null;
      return json(200, { ...user });
    }
    return problem(404, { title: 'Not Found' });
  }));
  return calls;
}

let page: VueWrapper | null = null;
async function open() {
  page = mount(UsersWorkspace, { props: { me: admin }, attachTo: document.body });
  await flushPromises();
  return page;
}

afterEach(() => {
  page?.unmount();
  page = null;
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

const writes = (calls: Call[]) => calls.filter(c => c.method !== 'GET');
const row = (p: VueWrapper, login: string) => p.find(`#users-table tr[data-user="${login}"]`);

async function edit(p: VueWrapper, login: string) {
  await row(p, login).find('button.edit').trigger('click');
  await flushPromises();
  return p.find('#user-editor');
}

describe('UsersWorkspace', () => {
  it('lists every user by login, with roles in words, queues and whether they can sign in', async () => {
    server();
    const p = await open();

    expect(p.find('#users').attributes('data-state')).toBe('ready');
    const rows = p.findAll('#users-table tbody tr');
    expect(rows.map(r => r.attributes('data-user'))).toEqual(['admin', 'agent', 'gateway', 'nora', 'supervisor', 'tech']);
    expect(row(p, 'agent').find('th .name').text()).toBe('Alex Agent');
    expect(row(p, 'agent').find('th .login').text()).toBe('agent');
    expect(row(p, 'gateway').find('.roles').text()).toBe('Channel gateway');
    expect(row(p, 'supervisor').find('.roles').text()).toBe('Supervisor');
    expect(row(p, 'supervisor').find('.queues').text()).toBe('billing, senior, sees every queue');
    expect(row(p, 'admin').find('.queues').text()).toBe('Every queue');
    expect(row(p, 'gateway').find('.queues').text()).toBe('—');
    expect(row(p, 'agent').find('.status').text()).toBe('Active');
    expect(row(p, 'tech').find('.status .state-locked').text()).toBe('Locked for 7 min');
    // A disabled account is listed, and reads as out of service.
    expect(row(p, 'nora').find('.status').text()).toBe('Disabled');
    expect(row(p, 'nora').classes()).toContain('disabled');
    expect(row(p, 'agent').classes()).not.toContain('disabled');
    expect(row(p, 'admin').find('.badge.you').exists()).toBe(true);
    expect(row(p, 'agent').find('.badge.you').exists()).toBe(false);
    expect(p.find('#users-summary').text()).toBe('6 users: 1 disabled, 1 locked');
  });

  it('finds users by name, login or queue', async () => {
    server();
    const p = await open();
    await p.find('#user-filter').setValue('billing');
    expect(p.findAll('#users-table tbody tr').map(r => r.attributes('data-user'))).toEqual(['agent', 'supervisor']);
    await p.find('#user-filter').setValue('toni');
    expect(p.findAll('#users-table tbody tr').map(r => r.attributes('data-user'))).toEqual(['tech']);
    await p.find('#user-filter').setValue('nobody');
    expect(p.findAll('#users-table tbody tr')).toHaveLength(0);
    expect(p.find('#users-none').text()).toBe('No user matches “nobody”.');
  });

  it('offers Unlock on a locked account only, and unlocks it from the server\'s answer', async () => {
    const calls = server();
    const p = await open();
    expect(p.findAll('#users-table button.unlock').map(b => b.attributes('aria-label'))).toEqual(['Unlock Toni Tech']);

    await row(p, 'tech').find('button.unlock').trigger('click');
    await flushPromises();
    expect(writes(calls)).toEqual([{ method: 'POST', url: '/api/admin/users/tech/unlock', body: {} }]);
    expect(row(p, 'tech').find('.status').text()).toBe('Active');
    expect(row(p, 'tech').find('button.unlock').exists()).toBe(false);
    const status = p.find('#users-status');
    expect(status.attributes('role')).toBe('status');
    expect(status.text()).toBe('Toni Tech can sign in again: the lockout after failed sign-ins is cleared.');
    // The pressed button went with the lockout: the keyboard is at the outcome.
    expect(document.activeElement).toBe(status.element);
  });

  it('unlocks from the opened account too, and says a refusal the form has no field for on the whole form', async () => {
    const calls = server(call => (call.method === 'PUT'
      ? problem(400, { title: 'Bad Request', errors: [{ field: 'username', message: 'This account is managed elsewhere.' }] })
      : undefined));
    const p = await open();
    const editor = await edit(p, 'tech');
    expect(editor.find('#access-state').text()).toBe('Locked for 7 min after failed sign-ins.');
    await editor.find('#editor-unlock').trigger('click');
    await flushPromises();
    expect(writes(calls)).toEqual([{ method: 'POST', url: '/api/admin/users/tech/unlock', body: {} }]);
    expect(p.find('#editor-unlock').exists()).toBe(false);
    expect(row(p, 'tech').find('.status').text()).toBe('Active');
    expect(p.find('#status-access').text()).toBe('Toni Tech can sign in again: the lockout after failed sign-ins is cleared.');
    expect(document.activeElement).toBe(p.find('#status-access').element);

    await editor.find('#edit-displayName').setValue('Toni Technician');
    await editor.find('#edit-account').trigger('submit');
    await flushPromises();
    expect(p.find('#edit-failure').text()).toBe('Not saved. This account is managed elsewhere.');
    expect(document.activeElement).toBe(p.find('#edit-failure').element);
    expect(row(p, 'tech').find('th .name').text()).toBe('Toni Tech');
  });

  it('opens the account the address names, and names the opened account in the address', async () => {
    server();
    history.replaceState(null, '', '/users.html#user-tech');
    const p = await open();
    expect(p.find('#user-editor').attributes('data-user')).toBe('tech');
    expect(row(p, 'tech').find('button.edit').attributes('aria-expanded')).toBe('true');
    await edit(p, 'agent');
    expect(window.location.hash).toBe('#user-agent');
    await p.find('#user-editor-close').trigger('click');
    await flushPromises();
    expect(p.find('#user-editor').exists()).toBe(false);
    expect(window.location.hash).toBe('');
  });

  it('checks a new user before sending: each problem beside its field, the keyboard at the first', async () => {
    const calls = server();
    const p = await open();
    await p.find('#new-username').setValue('Alex');
    await p.find('#new-role-AGENT').setValue(true);
    await p.find('#new-password').setValue('Alex');
    await p.find('#new-confirm').setValue('Alexx');
    await p.find('#new-account').trigger('submit');
    await flushPromises();

    expect(writes(calls)).toEqual([]);
    const username = p.find('#new-username');
    expect(p.find('#new-username-problem').text()).toBe('Start with a lower-case letter.');
    expect(username.attributes('aria-invalid')).toBe('true');
    expect(username.attributes('aria-describedby')).toBe('new-username-hint new-username-problem');
    expect(p.find('#new-displayName-problem').text()).toBe('Give the name people see.');
    expect(p.find('#new-queues-problem').text()).toBe('Choose at least one queue for an agent.');
    expect(p.find('#new-queues').attributes('aria-describedby')).toContain('new-queues-problem');
    expect(p.find('#new-password-problem').text()).toBe('Use at least 12 characters.');
    expect(p.find('#new-confirm-problem').text()).toBe('The two passwords differ.');
    expect(p.find('#new-roles-problem').exists()).toBe(false);
    expect(p.find('#new-failure').text()).toBe('Not added yet: see the fields marked.');
    expect(document.activeElement).toBe(username.element);

    // A channel gateway takes no other role.
    await p.find('#new-username').setValue('sms');
    await p.find('#new-displayName').setValue('SMS');
    await p.find('#new-role-CHANNEL').setValue(true);
    await p.find('#new-account').trigger('submit');
    await flushPromises();
    expect(p.find('#new-roles-problem').text()).toBe('A channel gateway is a machine account: it has no other role.');
    expect(document.activeElement).toBe(p.find('#new-role-AGENT').element);
    expect(writes(calls)).toEqual([]);
  });

  it('opens the queues to agents and supervisors only, and says others see every queue anyway', async () => {
    server();
    const p = await open();
    const queues = p.find('#new-queues');
    expect(queues.attributes('disabled')).toBeDefined();
    expect(p.find('#new-queues-hint').text()).toContain('Only agents and supervisors work queues');
    expect(p.find('#new-queues-hint').text()).toContain('Supervisors and administrators see every queue anyway.');
    await p.find('#new-role-DESIGNER').setValue(true);
    expect(queues.attributes('disabled')).toBeDefined();
    await p.find('#new-role-SUPERVISOR').setValue(true);
    expect(queues.attributes('disabled')).toBeUndefined();
    // Each role says what it is for, as the server describes it.
    expect(p.find('#new-role-AGENT').attributes('aria-describedby')).toBe('new-role-AGENT-about');
    expect(p.find('#new-role-AGENT-about').text()).toBe('Works cases: answers customers in the queues given below.');
  });

  it('adds a user the server accepts, shows the server\'s field errors first, and lists the new row', async () => {
    let refused = 0;
    const calls = server(call => {
      if (call.method !== 'POST' || call.url !== '/api/admin/users') return undefined;
      refused++;
      if (refused === 1) {
        return problem(400, { title: 'Bad Request', detail: 'Invalid user',
          errors: [{ field: 'displayName', message: 'must not look like a login name' }, { field: 'queues[0]', message: 'no such queue' }] });
      }
      if (refused === 2) return problem(409, { title: 'Conflict', detail: 'There is already a user called "alex".' });
      return undefined;
    });
    const p = await open();
    await p.find('#new-username').setValue('alex');
    await p.find('#new-displayName').setValue('Alex Archer');
    await p.find('#new-role-AGENT').setValue(true);
    await p.find('#new-queue-general').setValue(true);
    await p.find('#new-queue-billing').setValue(true);
    await p.find('#new-password').setValue('correct horse battery');
    await p.find('#new-confirm').setValue('correct horse battery');

    await p.find('#new-account').trigger('submit');
    await flushPromises();
    expect(p.find('#new-displayName-problem').text()).toBe('must not look like a login name');
    expect(p.find('#new-queues-problem').text()).toBe('no such queue');
    expect(document.activeElement).toBe(p.find('#new-displayName').element);

    await p.find('#new-account').trigger('submit');
    await flushPromises();
    expect(p.find('#new-username-problem').text()).toBe('There is already a user called "alex".');
    expect(p.find('#new-displayName-problem').exists()).toBe(false);
    expect(document.activeElement).toBe(p.find('#new-username').element);

    await p.find('#new-account').trigger('submit');
    await flushPromises();
    const posted = writes(calls).map(c => c.body);
    // In the catalogue's order, as they were sent each time.
    expect(posted[2]).toEqual({ username: 'alex', displayName: 'Alex Archer', roles: ['AGENT'], queues: ['general', 'billing'],
      password: 'correct horse battery' });
    expect(row(p, 'alex').find('.queues').text()).toBe('general, billing');
    expect(p.find('#users-status').text()).toBe('Alex Archer (alex) can now sign in as Agent, working general and billing.');
    // The form is empty again for the next one.
    expect((p.find('#new-username').element as HTMLInputElement).value).toBe('');
    expect(p.find('#new-failure').exists()).toBe(false);
  });

  it('keeps the administrator\'s own Administrator role and offers no Disable on their own account', async () => {
    const calls = server();
    const p = await open();
    const own = await edit(p, 'admin');
    const adminBox = own.find('#edit-role-ADMIN');
    expect((adminBox.element as HTMLInputElement).checked).toBe(true);
    expect(adminBox.attributes('disabled')).toBeDefined();
    expect(adminBox.attributes('aria-describedby')).toBe('edit-role-ADMIN-about edit-role-ADMIN-own');
    expect(own.find('#edit-role-ADMIN-own').text()).toBe('Your own account keeps this role: another administrator can take it away.');
    expect(own.find('#edit-role-SUPERVISOR').attributes('disabled')).toBeUndefined();
    expect(own.find('#editor-disable').exists()).toBe(false);
    expect(own.find('#own-access').text()).toBe('You cannot disable your own account; another administrator can.');
    // Setting one's own password ends this session too: the form says so first.
    expect(own.find('#pw-hint').text()).toContain('this one included: you sign in again with the new password');

    // Anyone else's account may be disabled, and its Administrator role taken away.
    const other = await edit(p, 'supervisor');
    expect(other.find('#editor-disable').exists()).toBe(true);
    expect(other.find('#edit-role-ADMIN').attributes('disabled')).toBeUndefined();
    expect(writes(calls)).toEqual([]);
  });

  it('asks before disabling, saying their open sessions end, and disables only on the answer yes', async () => {
    const calls = server();
    const p = await open();
    const editor = await edit(p, 'agent');
    await editor.find('#editor-disable').trigger('click');
    const question = p.find('#disable-ask');
    expect(question.find('#disable-question').text()).toContain('Disable Alex Agent (agent)?');
    expect(question.find('#disable-question').text()).toContain('the sessions they have open end now');
    expect(document.activeElement).toBe(p.find('#disable-confirm').element);
    expect(writes(calls)).toEqual([]);

    await p.find('#disable-cancel').trigger('click');
    await flushPromises();
    expect(p.find('#disable-ask').exists()).toBe(false);
    expect(writes(calls)).toEqual([]);
    expect(document.activeElement).toBe(p.find('#editor-disable').element);

    await p.find('#editor-disable').trigger('click');
    await p.find('#disable-confirm').trigger('click');
    await flushPromises();
    expect(writes(calls)).toEqual([{ method: 'POST', url: '/api/admin/users/agent/enabled', body: { enabled: false } }]);
    expect(row(p, 'agent').classes()).toContain('disabled');
    expect(row(p, 'agent').find('.status').text()).toBe('Disabled');
    // Said where it was done: the page's status line may be out of sight above the table.
    expect(p.find('#status-access').attributes('role')).toBe('status');
    expect(p.find('#status-access').text())
      .toBe('Alex Agent is disabled: they can no longer sign in, and the sessions they had open have ended.');
    expect(document.activeElement).toBe(p.find('#editor-enable').element);

    await p.find('#editor-enable').trigger('click');
    await flushPromises();
    expect(writes(calls)[1]).toEqual({ method: 'POST', url: '/api/admin/users/agent/enabled', body: { enabled: true } });
    expect(row(p, 'agent').classes()).not.toContain('disabled');
    expect(p.find('#status-access').text()).toBe('Alex Agent can sign in again.');
  });

  it('saves an account\'s queues and says what changed', async () => {
    const calls = server();
    const p = await open();
    const editor = await edit(p, 'agent');
    expect(document.activeElement).toBe(p.find('#user-editor-heading').element);
    await editor.find('#edit-queue-general').setValue(true);
    await editor.find('#edit-account').trigger('submit');
    await flushPromises();
    expect(writes(calls)).toEqual([{ method: 'PUT', url: '/api/admin/users/agent',
      body: { displayName: 'Alex Agent', roles: ['AGENT'], queues: ['general', 'billing'] } }]);
    expect(row(p, 'agent').find('.queues').text()).toBe('general, billing');
    expect(p.find('#status-account').text()).toBe('Alex Agent can now work general and billing.');
  });

  it('says an edit\'s outcome once: the line of an earlier action on the page goes (walk 48)', async () => {
    server();
    const p = await open();
    await row(p, 'tech').find('button.unlock').trigger('click');
    await flushPromises();
    expect(p.find('#users-status').text()).toContain('Toni Tech can sign in again');
    const editor = await edit(p, 'agent');
    await editor.find('#edit-queue-general').setValue(true);
    await editor.find('#edit-account').trigger('submit');
    await flushPromises();
    expect(p.find('#status-account').text()).toBe('Alex Agent can now work general and billing.');
    expect(p.find('#users-status').text()).toBe('');
  });

  it('sends an administrator who set their own password to the sign-in page, as their session ended with it', async () => {
    server();
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const p = await open();
    const other = await edit(p, 'agent');
    await other.find('#pw-password').setValue('correct horse battery');
    await other.find('#pw-confirm').setValue('correct horse battery');
    await other.find('#password-form').trigger('submit');
    await flushPromises();
    expect(assign).not.toHaveBeenCalled();

    const own = await edit(p, 'admin');
    await own.find('#pw-password').setValue('correct horse battery');
    await own.find('#pw-confirm').setValue('correct horse battery');
    await own.find('#password-form').trigger('submit');
    await flushPromises();
    expect(assign).toHaveBeenCalledWith('/login?password-changed');
  });

  it('sets a new password typed twice the same, and says their sessions ended', async () => {
    let first = true;
    const calls = server(call => {
      if (!call.url.endsWith('/password') || !first) return undefined;
      first = false;
      return problem(400, { title: 'Bad Request', errors: [{ field: 'password', message: 'This password is among known leaked ones.' },
        { field: 'enabled', message: 'Enable the account first.' }] });
    });
    const p = await open();
    const editor = await edit(p, 'agent');
    await editor.find('#pw-password').setValue('correct horse battery');
    await editor.find('#pw-confirm').setValue('correct horse batter');
    await editor.find('#password-form').trigger('submit');
    await flushPromises();
    expect(p.find('#pw-confirm-problem').text()).toBe('The two passwords differ.');
    expect(p.find('#pw-confirm').attributes('aria-describedby')).toBe('pw-confirm-problem');
    expect(document.activeElement).toBe(p.find('#pw-confirm').element);
    expect(writes(calls)).toEqual([]);

    await editor.find('#pw-confirm').setValue('correct horse battery');
    await editor.find('#password-form').trigger('submit');
    await flushPromises();
    expect(p.find('#pw-password-problem').text()).toBe('This password is among known leaked ones.');
    expect(p.find('#pw-failure').text()).toBe('The password was not changed. Enable the account first.');
    expect(document.activeElement).toBe(p.find('#pw-password').element);

    await editor.find('#password-form').trigger('submit');
    await flushPromises();
    expect(writes(calls).map(c => c.url)).toEqual(['/api/admin/users/agent/password', '/api/admin/users/agent/password']);
    expect(writes(calls)[1].body).toEqual({ password: 'correct horse battery' });
    expect(p.find('#pw-failure').exists()).toBe(false);
    expect(p.find('#status-password').text()).toBe('Alex Agent has a new password; the sessions they had open have ended.');
    expect((p.find('#pw-password').element as HTMLInputElement).value).toBe('');
  });

  it('does not throw away unsaved changes: the browser asks before leaving, the page before another account', async () => {
    server();
    const p = await open();
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    await p.find('#new-displayName').setValue('Half typed');
    expect(leave()).toBe(true);
    await p.find('#new-discard').trigger('click');
    expect(leave()).toBe(false);

    const editor = await edit(p, 'agent');
    await editor.find('#edit-displayName').setValue('Alex Archer');
    expect(leave()).toBe(true);
    await row(p, 'tech').find('button.edit').trigger('click');
    await flushPromises();
    expect(p.find('#switch-question').text()).toBe('Your changes to Alex Agent are not saved. Open Toni Tech and discard them?');
    expect(p.find('#user-editor').attributes('data-user')).toBe('agent');
    expect(document.activeElement).toBe(p.find('#switch-stay').element);

    await p.find('#switch-stay').trigger('click');
    await flushPromises();
    expect((p.find('#edit-displayName').element as HTMLInputElement).value).toBe('Alex Archer');

    await row(p, 'tech').find('button.edit').trigger('click');
    await flushPromises();
    await p.find('#switch-go').trigger('click');
    await flushPromises();
    expect(p.find('#user-editor').attributes('data-user')).toBe('tech');
    expect(leave()).toBe(false);
  });

  it('passes axe\'s rules that need no layout, with an account open and every problem shown', async () => {
    server();
    const p = await open();
    await edit(p, 'agent');
    await p.find('#new-account').trigger('submit');
    await p.find('#editor-disable').trigger('click');
    await flushPromises();
    // jsdom lays nothing out (no colours, no sizes): the rules about names, ids, labels, roles and landmarks tell.
    const result = await axe.run(p.element, { rules: {
      'color-contrast': { enabled: false }, region: { enabled: false }, 'label-content-name-mismatch': { enabled: false } } });
    expect(result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.html.slice(0, 80)).join(' | '))).toEqual([]);
  });
});
