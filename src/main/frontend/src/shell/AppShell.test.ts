import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import AppShell from './AppShell.vue';
import { getJson } from '../lib/api';

function answer(status: number, body: unknown) {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

const auditor = {
  username: 'auditor', displayName: 'Ada Auditor', roles: ['AUDITOR'],
  pages: [
    { id: 'routing-rules', title: 'Routing rules', href: '/routing-rules.html', description: '', external: false },
    { id: 'cockpit', title: 'Cockpit', href: '/camunda/app/cockpit/default/', description: '', external: true },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const supervisor = {
  username: 'sam', displayName: 'Sam Supervisor', roles: ['SUPERVISOR'],
  pages: ['desk', 'routing-rules', 'supervisor', 'coaching', 'audit'].map(id => (
    { id, title: id, href: '/' + id + '.html', description: '', external: false })),
};

describe('AppShell', () => {
  it('lists only the pages the server gives this user, and marks the current one', async () => {
    vi.stubGlobal('fetch', vi.fn(() => answer(200, auditor)));
    window.history.replaceState({}, '', '/routing-rules.html');
    const shell = mount(AppShell, { props: { page: 'routing-rules' }, slots: { default: () => h('p', { id: 'body' }, 'rules') } });
    await flushPromises();
    const links = shell.findAll('nav a');
    expect(links.map(a => a.text())).toEqual(['Routing rules', 'Cockpit']);
    expect(links[0].attributes('aria-current')).toBe('page');
    expect(shell.find('#me').text()).toBe('Ada Auditor');
    expect(shell.find('#body').exists()).toBe(true);
    expect(shell.find('#no-access').exists()).toBe(false);
  });

  it('tells a role that may not use the page so, instead of showing the page', async () => {
    vi.stubGlobal('fetch', vi.fn(() => answer(200, auditor)));
    const shell = mount(AppShell, {
      props: { page: 'desk', purpose: 'The agent desk is where agents work cases.' },
      slots: { default: () => h('p', { id: 'body' }, 'desk') },
    });
    await flushPromises();
    expect(shell.find('#body').exists()).toBe(false);
    const notice = shell.find('#no-access');
    expect(notice.text()).toContain('The agent desk is where agents work cases.');
    expect(notice.text()).toContain('Auditor');
    expect(notice.findAll('a').map(a => a.attributes('href'))).toEqual(['/routing-rules.html', '/camunda/app/cockpit/default/']);
  });

  it('says the session ended, and keeps the page, when a later call answers 401', async () => {
    let signedIn = true;
    vi.stubGlobal('fetch', vi.fn(() => (signedIn ? answer(200, supervisor) : answer(401, { title: 'Unauthorized' }))));
    const shell = mount(AppShell, { props: { page: 'coaching' }, slots: { default: () => h('p', { id: 'body' }, 'draft') } });
    await flushPromises();
    expect(shell.find('#session-ended').exists()).toBe(false);

    signedIn = false;
    await getJson('/api/insight/coaching').catch(() => undefined);
    await flushPromises();

    expect(shell.find('#session-ended').text()).toContain('Your session has ended');
    expect(shell.find('#session-ended a').attributes('href')).toBe('/login');
    expect(shell.find('#body').text()).toBe('draft');
    shell.unmount();
  });

  it('greets a visitor who has not signed in on the home page', async () => {
    vi.stubGlobal('fetch', vi.fn(() => answer(401, { title: 'Unauthorized' })));
    const shell = mount(AppShell, { props: { anonymous: true }, slots: { 'signed-out': () => h('p', { id: 'hello' }, 'hi') } });
    await flushPromises();
    expect(shell.find('#hello').exists()).toBe(true);
    expect(shell.find('nav').exists()).toBe(false);
    expect(shell.find('a[href="/login"]').exists()).toBe(true);
  });

  it('says the server is not answering instead of showing a blank page', async () => {
    vi.stubGlobal('fetch', vi.fn(() => answer(503, { title: 'Service Unavailable', detail: 'Database down' })));
    const shell = mount(AppShell, { props: { page: 'desk' } });
    await flushPromises();
    expect(shell.find('[role="alert"]').text()).toContain('Database down');
  });
});
