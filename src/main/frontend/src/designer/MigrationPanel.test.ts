import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import MigrationPanel from './MigrationPanel.vue';
import versions from './fixtures/versions.json';
import preview from './fixtures/preview.json';

function json(status: number, body: unknown) {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('MigrationPanel', () => {
  it('moves its target to the version just deployed, unless the person picked one', async () => {
    const panel = mount(MigrationPanel, { props: { versions } });
    expect((panel.find('#migrate-to').element as HTMLSelectElement).value).toBe('3');
    const deployed = { ...versions[0], version: 4, runningCases: 0 };
    await panel.setProps({ versions: [deployed, ...versions] });
    expect((panel.find('#migrate-to').element as HTMLSelectElement).value).toBe('4');
    expect(panel.findAll('#migrate-from option').map(o => o.attributes('value'))).toContain('3');

    await panel.find('#migrate-to').setValue('3');
    await panel.setProps({ versions: [{ ...deployed, version: 5 }, deployed, ...versions] });
    expect((panel.find('#migrate-to').element as HTMLSelectElement).value).toBe('3');
  });

  it('previews the move of the running cases, runs it and follows the batch until it is done', async () => {
    vi.useFakeTimers();
    const progress = [{ migrated: 4, failed: 0, done: false }, { migrated: 10, failed: 1, done: true }];
    const calls: { url: string; body: any }[] = [];
    vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
      calls.push({ url, body: init.body ? JSON.parse(String(init.body)) : undefined });
      if (url.endsWith('/migrations/preview')) return json(200, preview);
      if (url.endsWith('/migrations')) return json(202, { batchId: 'b-1', total: 11 });
      if (url === '/api/designer/migrations/b-1') return json(200, { batchId: 'b-1', total: 11, ...progress.shift() });
      return json(404, { title: 'Not Found' });
    }));
    const panel = mount(MigrationPanel, { props: { versions }, attachTo: document.body });
    // From the older version cases still run on, to the newest.
    expect((panel.find('#migrate-from').element as HTMLSelectElement).value).toBe('2');
    expect((panel.find('#migrate-to').element as HTMLSelectElement).value).toBe('3');
    await panel.find('form').trigger('submit');
    await flushPromises();
    expect(calls[0]).toEqual({ url: '/api/designer/processes/customer-case/migrations/preview', body: { fromVersion: 2, toVersion: 3 } });
    expect(panel.find('#migration-status').text()).toBe('11 of 12 running cases can move to v3.');
    expect(panel.find('#migration-can').text()).toBe('11');
    expect(panel.find('#unmapped li').text()).toBe('Reassess case (task_reassess_case): 1 case waits here');
    expect(panel.find('#cannot-migrate li').text()).toBe('case 1042: waits in task_reassess_case, which v3 does not have');

    // Asked first, in the page (never the browser's own confirm()): Cancel means nothing moves.
    const nativeConfirm = vi.fn(() => true);
    vi.stubGlobal('confirm', nativeConfirm);
    await panel.find('#migration-run').trigger('click');
    await flushPromises();
    expect(panel.find('#migration-question').text().replace(/\s+/g, ' '))
      .toBe('Move 11 running cases from v2 to v3? Each goes on at the same step in v3; this cannot be undone for them.');
    expect(document.activeElement?.id).toBe('migration-confirm');
    expect(panel.find('#migration-confirm').text()).toBe('Migrate 11 cases');
    await panel.find('#migration-cancel').trigger('click');
    await flushPromises();
    expect(panel.find('#migration-ask').exists()).toBe(false);
    expect(document.activeElement?.id).toBe('migration-run');
    expect(calls).toHaveLength(1);
    // Esc leaves the question too.
    await panel.find('#migration-run').trigger('click');
    await flushPromises();
    await panel.find('#migration-ask').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(panel.find('#migration-ask').exists()).toBe(false);
    expect(calls).toHaveLength(1);
    await panel.find('#migration-run').trigger('click');
    await flushPromises();
    await panel.find('#migration-confirm').trigger('click');
    await flushPromises();
    expect(nativeConfirm).not.toHaveBeenCalled();
    expect(document.activeElement?.id).toBe('migration-status');
    expect(calls[1]).toEqual({ url: '/api/designer/processes/customer-case/migrations', body: { fromVersion: 2, toVersion: 3 } });
    expect(panel.find('#migration-count').text()).toBe('0 migrated, 0 failed of 11');
    await vi.advanceTimersByTimeAsync(1000);
    expect(panel.find('#migration-count').text()).toBe('4 migrated, 0 failed of 11');
    expect((panel.find('#migration-bar').element as HTMLProgressElement).value).toBe(4);
    await vi.advanceTimersByTimeAsync(1000);
    expect(panel.find('#migration-status').text()).toBe('Done: 10 cases migrated, 1 failed (they finish on their version).');
    expect(panel.emitted('migrated')).toHaveLength(1);
    // The page reloads the versions after a migration: From moves off the version left empty to one cases still run
    // on; the outcome stays on screen; the preview's figures (before the move) and its Migrate button go.
    await panel.setProps({ versions: versions.map(x => ({ ...x, runningCases: x.version === 2 ? 0 : x.version === 1 ? 3 : x.runningCases })) });
    expect((panel.find('#migrate-from').element as HTMLSelectElement).value).toBe('1');
    expect(panel.find('#migrate-from option:checked').text()).toBe('v1 (3 running)');
    expect(panel.find('#migration-plan').exists()).toBe(false);
    expect(panel.find('#migration-run').exists()).toBe(false);
    expect(panel.find('#migration-status').text()).toContain('Done: 10 cases migrated');
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.filter(c => c.url.startsWith('/api/designer/migrations/'))).toHaveLength(2);
    panel.unmount();
  });

  it('counts a single case in agreement', async () => {
    vi.stubGlobal('fetch', vi.fn((url: string) => {
      if (url.endsWith('/migrations/preview')) return json(200, { ...preview, runningCases: 1, canMigrate: 1, cannotMigrate: [] });
      if (url.endsWith('/migrations')) return json(202, { batchId: 'b-2', total: 1 });
      return json(200, { batchId: 'b-2', total: 1, migrated: 1, failed: 0, done: true });
    }));
    const panel = mount(MigrationPanel, { props: { versions, pollMillis: 50 } });
    await panel.find('form').trigger('submit');
    await flushPromises();
    expect(panel.find('#migration-status').text()).toBe('1 of 1 running case can move to v3.');
    expect(panel.find('#migration-run').text()).toBe('Migrate 1 case');
    await panel.find('#migration-run').trigger('click');
    await panel.find('#migration-confirm').trigger('click');
    await flushPromises();
    expect(panel.find('#migration-status').text()).toBe('Migrating 1 case from v2 to v3…');
    await vi.waitFor(() => expect(panel.find('#migration-status').text()).toBe('Done: 1 case migrated.'));
    // No older version has running cases any more: said, instead of offering v2 "(0 running)" as if to move again.
    await panel.setProps({ versions: versions.map(x => ({ ...x, runningCases: x.version === 3 ? x.runningCases + 1 : 0 })) });
    expect(panel.find('#migration-status').text()).toBe('Done: 1 case migrated. No case runs on v2 any more.');
  });

  it('says there is nothing to move when only one version is deployed, instead of an empty choice', () => {
    const panel = mount(MigrationPanel, { props: { versions: versions.slice(0, 1) } });
    expect(panel.find('#migration-none').text()).toContain('Only one version is deployed');
    expect(panel.find('#migrate-from').exists()).toBe(false);
  });
});
