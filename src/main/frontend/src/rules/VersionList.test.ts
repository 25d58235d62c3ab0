import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import DryRunPanel from './DryRunPanel.vue';
import VersionList from './VersionList.vue';

// Times are the browser's, in the one style of every page: pin a zone that is not UTC, whatever the machine's.
let zoneBefore: string | undefined;
beforeEach(() => { zoneBefore = process.env.TZ; process.env.TZ = 'Europe/Berlin'; });
afterEach(() => { process.env.TZ = zoneBefore; });

const decision = (queue: string, priority: string) =>
  ({ selfService: false, queue, priority, requiredSkills: [], rulesFired: [] });

describe('routing-rule times and counts', () => {
  it('lists versions with their times in the browser\'s zone', () => {
    const list = mount(VersionList, { props: { readOnly: true, shown: null, busy: false, versions: [
      { version: 2, label: 'v2', author: 'supervisor', reason: 'Billing backlog', createdAt: '2026-12-03T22:23:19Z',
        activatedAt: '2026-12-03T22:25:00Z', activatedBy: 'supervisor', active: true, table: true },
    ] } });
    const cells = list.findAll('#versions tbody tr[data-version="2"] td').map(td => td.text());
    expect(cells).toContain('3 Dec 2026, 23:23');
    expect(cells).toContain('3 Dec 2026, 23:25 by supervisor');
  });

  it('says why a version was activated again (a rollback), not only when and by whom', () => {
    const list = mount(VersionList, { props: { readOnly: true, shown: null, busy: false, versions: [
      { version: 1, label: 'v1', author: 'system', reason: 'shipped rules', createdAt: '2026-12-03T22:23:19Z',
        activatedAt: '2026-12-03T22:25:00Z', activatedBy: 'supervisor', activationReason: 'Back to the shipped rules.',
        active: true, table: true },
    ] } });
    expect(list.find('#versions tbody tr[data-version="1"] td.activated').text().replace(/\s+/g, ' '))
      .toBe('3 Dec 2026, 23:25 by supervisor: “Back to the shipped rules”');
  });

  it('says a dry run of one case in agreement, with its time in the browser\'s zone', () => {
    const panel = mount(DryRunPanel, { props: { result: { activeVersion: 'v2', replayed: 1, changed: 1, rows: [
      { caseId: 7, decidedAt: '2026-12-03T22:23:19Z', active: decision('GENERAL', 'NORMAL'),
        candidate: decision('BILLING', 'HIGH'), changed: true },
    ] } } });
    expect(panel.find('#dry-run-summary').text().replace(/\s+/g, ' ')).toBe('1 of 1 case would be routed differently than by v2');
    expect(panel.find('td.when').text()).toBe('3 Dec 2026, 23:23');
  });

  it('marks a replayed case that no new rules would move: resolved, or held by a person', () => {
    const panel = mount(DryRunPanel, { props: { result: { activeVersion: 'v2', replayed: 2, changed: 2, rows: [
      { caseId: 7, decidedAt: '2026-12-03T22:23:19Z', active: decision('GENERAL', 'NORMAL'),
        candidate: decision('BILLING', 'HIGH'), changed: true, now: 'held by Alex Agent' },
      { caseId: 8, decidedAt: '2026-12-03T22:23:19Z', active: decision('GENERAL', 'NORMAL'),
        candidate: decision('BILLING', 'HIGH'), changed: true, now: 'resolved' },
    ] } } });
    expect(panel.findAll('.now').map(n => n.text())).toEqual(['held by Alex Agent', 'resolved']);
  });

  it('names the rules that fired on both sides of a dry run, and links each case to the desk', () => {
    const panel = mount(DryRunPanel, { props: { result: { activeVersion: 'v2', replayed: 1, changed: 1, rows: [
      { caseId: 7, decidedAt: '2026-12-03T22:23:19Z', active: { ...decision('GENERAL', 'NORMAL'), rulesFired: ['Default'] },
        candidate: { ...decision('BILLING', 'HIGH'), rulesFired: ['Invoices to billing'] }, changed: true },
    ] } } });
    expect(panel.find('td.active .fired').text()).toBe('Default');
    expect(panel.find('.now').exists()).toBe(false);
    expect(panel.find('td.candidate .fired').text()).toBe('Invoices to billing');
    expect(panel.find('th a').attributes('href')).toBe('/desk.html#case-7');
  });
});
