import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import AgentBoard from './AgentBoard.vue';
import type { AgentFigures } from './floor';

const now = Date.parse('2026-12-05T10:30:00Z');
function agent(username: string, idleSince: string | null, handling: number[] = []): AgentFigures {
  return { username, displayName: username, queues: ['technical'], handling, load: handling.length, idleSince } as AgentFigures;
}

describe('AgentBoard', () => {
  it('says how long an agent has been idle, and that one who never wrote anything has no idle time to show', () => {
    const board = mount(AgentBoard, { props: { now, agents: [
      agent('tech', '2026-12-05T10:18:00Z'), agent('nora47', null), agent('agent', null, [9]),
    ] } });
    const state = (login: string) => board.find(`[data-agent="${login}"] .state`).text();
    expect(state('tech')).toContain('idle 12 min');
    // Walk 47: a new agent who had never signed in read "idle", as if free this minute.
    expect(state('nora47')).toContain('nothing written yet');
    expect(state('nora47')).not.toMatch(/\bidle\b/);
    expect(state('agent')).toContain('#9');
  });
});
