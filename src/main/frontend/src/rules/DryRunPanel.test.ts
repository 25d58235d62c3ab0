import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import DryRunPanel from './DryRunPanel.vue';
import type { Decision, DryRunResult, DryRunRow } from './rules';

const decision = (queue: string, priority = 'NORMAL', selfService = false): Decision =>
  ({ selfService, queue, priority, requiredSkills: [], rulesFired: [] });
const row = (caseId: number, active: Decision, candidate: Decision, changed: boolean): DryRunRow =>
  ({ caseId, decidedAt: '2026-12-01T10:00:00Z', active, candidate, changed });

const result: DryRunResult = {
  activeVersion: 'v3', replayed: 4, changed: 2, rows: [
    row(11, decision('GENERAL'), decision('GENERAL'), false),
    row(12, decision('BILLING'), decision('TECHNICAL', 'HIGH'), true),
    row(13, decision('GENERAL'), decision('GENERAL'), false),
    row(14, decision('GENERAL', 'NORMAL', true), decision('GENERAL'), true),
  ],
};

const caseIds = (panel: ReturnType<typeof mount>) => panel.findAll('#dry-run-table tbody th a').map(a => a.text());

describe('DryRunPanel', () => {
  it('shows only the changed cases at first, each saying what changes from before to after', () => {
    const panel = mount(DryRunPanel, { props: { result } });
    expect((panel.find('#dry-run-changed-only').element as HTMLInputElement).checked).toBe(true);
    expect(caseIds(panel)).toEqual(['#12', '#14']);
    const changes = panel.findAll('#dry-run-table tbody td.changes').map(td => td.findAll('li').map(li => li.text()));
    expect(changes).toEqual([['queue Billing → Technical', 'priority Normal → High'], ['self-service → escalate']]);
  });

  it('lists every replayed case with the changed ones first when "Changed only" is turned off', async () => {
    const panel = mount(DryRunPanel, { props: { result } });
    await panel.find('#dry-run-changed-only').setValue(false);
    expect(caseIds(panel)).toEqual(['#12', '#14', '#11', '#13']);
    expect(panel.findAll('#dry-run-table tbody td.changes')[2].text()).toBe('no change');
  });

  it('shows every case, the filter off, when no decision changes', () => {
    const none = { ...result, changed: 0, rows: result.rows.filter(r => !r.changed) };
    const panel = mount(DryRunPanel, { props: { result: none } });
    expect((panel.find('#dry-run-changed-only').element as HTMLInputElement).checked).toBe(false);
    expect(caseIds(panel)).toEqual(['#11', '#13']);
  });
});
