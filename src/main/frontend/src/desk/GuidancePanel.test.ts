import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import GuidancePanel from './GuidancePanel.vue';
import { learnPeople } from '../lib/people';
import type { Guidance, Suggestion } from './types';

function guidance(suggestion: Suggestion | null, entryId = 1): Guidance {
  return { entryId, question: 'How do I reset my password?', suggestion };
}

const answer = 'Reset your password: choose Forgot password on the sign-in page.';

describe('GuidancePanel', () => {
  it('offers a high-confidence answer with one click and says the confidence in words, never as a number', async () => {
    const panel = mount(GuidancePanel, {
      props: { items: [guidance({ answered: true, answer, topic: 'ACCOUNT', confidence: 0.82, confidenceLevel: 'high',
        articles: [{ id: 'kb-1', title: 'Reset your password' }] })] },
    });
    expect(panel.find('.level').text()).toContain('high confidence');
    expect(panel.find('.level .topic').text()).toBe('· Account');
    expect(panel.text()).not.toContain('0.82');
    await panel.find('.use-suggestion').trigger('click');
    expect(panel.emitted('use')?.[0]).toEqual([answer]);
  });

  it('names who taught an example the answer comes from, and that no supervisor reviewed it', () => {
    learnPeople([{ username: 'agent', displayName: 'Alex Agent' }]);
    const planted = 'Send your password to probe46@evil.example';
    const panel = mount(GuidancePanel, {
      props: { items: [guidance({ answered: true, answer: planted, topic: 'TECHNICAL', confidence: 0.7, confidenceLevel: 'medium',
        sources: [{ kind: 'EXAMPLE', id: '11', title: 'How do I reset the router firmware?', origin: 'agent', author: 'agent',
          unreviewed: true }] }),
      guidance({ answered: true, answer, topic: 'ACCOUNT', confidence: 0.8, confidenceLevel: 'high',
        sources: [{ kind: 'EXAMPLE', id: '12', title: 'Forgot password', origin: 'agent-reviewed', author: 'agent',
          unreviewed: false }] }, 2)] },
    });
    const [unreviewed, reviewed] = panel.findAll('.provenance');
    expect(unreviewed.text()).toContain('Taught by Alex Agent, not reviewed');
    expect(unreviewed.classes()).toContain('unreviewed');
    expect(panel.findAll('.level')[0].text()).toContain('medium confidence');
    expect(reviewed.text()).toBe('Taught by Alex Agent, reviewed by a supervisor.');
    expect(reviewed.classes()).not.toContain('unreviewed');
  });

  it('lets the keyboard reach the list of suggestions, which scrolls when there are several', () => {
    const panel = mount(GuidancePanel, { props: { items: [guidance(null, 1), guidance(null, 2)] } });
    const list = panel.find('ol.suggestions');
    expect(list.attributes('tabindex')).toBe('0');
    expect(list.attributes('aria-label')).toBe('Suggestions, newest customer message first');
  });

  it('never offers a low-confidence answer as a one-click reply', () => {
    const panel = mount(GuidancePanel, {
      props: { items: [guidance({ answered: true, answer: 'Off-topic article text', topic: 'BILLING', confidence: 0.136,
        confidenceLevel: 'low', articles: [{ id: 'kb-9', title: 'Invoices' }] })] },
    });
    expect(panel.find('.use-suggestion').exists()).toBe(false);
    expect(panel.find('.no-suggestion').text()).toContain('No reliable suggestion');
    expect(panel.text()).toContain('low confidence');
    expect(panel.text()).not.toContain('Off-topic article text');
    expect(panel.text()).not.toContain('0.136');
  });

  it('shows another case\'s resolution at medium confidence to read, not to send with one click (walk 50)', async () => {
    learnPeople([{ username: 'agent', displayName: 'Alex Agent' }]);
    const refund = 'I will make sure the second payment is refunded today.';
    const resolved = { kind: 'EXAMPLE', id: '21', title: 'I was charged twice', origin: 'resolved-case', author: 'agent',
      unreviewed: false };
    const panel = mount(GuidancePanel, {
      props: { items: [guidance({ answered: true, answer: refund, topic: 'BILLING', confidence: 0.6, confidenceLevel: 'medium',
        sources: [resolved] }),
      guidance({ answered: true, answer: refund, topic: 'BILLING', confidence: 0.9, confidenceLevel: 'high',
        sources: [resolved] }, 2)] },
    });
    const [medium, high] = panel.findAll('.suggestion');
    expect(medium.find('.use-suggestion').exists()).toBe(false);
    expect(medium.find('.similar-case').text()).toContain('A similar case was resolved with this answer');
    expect(medium.find('.answer').text()).toBe(refund);
    expect(medium.find('.provenance').text()).toBe('From a case Alex Agent resolved.');
    expect(high.find('.use-suggestion').exists()).toBe(true);
    await panel.setProps({ readOnly: true });
    expect(panel.findAll('.similar-case')).toHaveLength(0);
  });

  it('shows nothing to act on once the case takes no reply, the last suggestion included (walk 50)', async () => {
    const panel = mount(GuidancePanel, {
      props: { items: [guidance({ answered: true, answer, topic: 'ACCOUNT', confidence: 0.9, confidenceLevel: 'high' })],
        readOnly: true },
    });
    expect(panel.findAll('.suggestion')).toHaveLength(0);
    expect(panel.text()).not.toContain(answer);
    expect(panel.text()).toContain('Nothing to suggest: this case takes no reply from you.');
    await panel.setProps({ items: [] });
    expect(panel.text()).toContain('Nothing to suggest: this case takes no reply from you.');
    expect(panel.text()).not.toContain('Suggestions for new customer messages appear here.');
  });

  it('judges the confidence itself when the server gives only the number', () => {
    const panel = mount(GuidancePanel, {
      props: { items: [guidance({ answered: true, answer, topic: 'ACCOUNT', confidence: 0.3 })] },
    });
    expect(panel.find('.use-suggestion').exists()).toBe(false);
    expect(panel.text()).toContain('No reliable suggestion');
  });

  it('offers a medium-confidence answer, and none at all when the case is read-only', async () => {
    const items = [guidance({ answered: true, answer, topic: 'ACCOUNT', confidence: 0.6, confidenceLevel: 'medium' })];
    const panel = mount(GuidancePanel, { props: { items } });
    expect(panel.text()).toContain('medium confidence');
    expect(panel.find('.use-suggestion').exists()).toBe(true);
    await panel.setProps({ readOnly: true });
    expect(panel.find('.use-suggestion').exists()).toBe(false);
  });

  it('does not ask the agent to write the reply on a case they cannot answer (resolved, or a colleague holds it)', async () => {
    const panel = mount(GuidancePanel, {
      props: { items: [guidance({ answered: true, answer, topic: 'TECHNICAL', confidence: 0.1, confidenceLevel: 'low' })] },
    });
    expect(panel.find('.no-suggestion').text()).toBe('No reliable suggestion. Please write the reply yourself.');
    await panel.setProps({ readOnly: true });
    // Walk 48: on a resolved case a customer's "thank you" had a block of its own saying there was no answer.
    expect(panel.find('.no-suggestion').exists()).toBe(false);
    expect(panel.text()).toContain('Nothing to suggest: this case takes no reply from you.');
    await panel.setProps({ readOnly: false });
    expect(panel.find('.no-suggestion').text(), 'the case reopened').toBe('No reliable suggestion. Please write the reply yourself.');
  });

  it('names the article that matches the question, and says plainly when none does', () => {
    const panel = mount(GuidancePanel, {
      props: { items: [
        guidance({ answered: true, answer, topic: 'ACCOUNT', confidence: 0.79, confidenceLevel: 'high',
          articles: [{ id: 'reset-password', title: 'Reset your password' }] }, 1),
        // A printer case: the server lists no article (the nearest ones were billing's, at confidence 0.001).
        guidance({ answered: true, answer: 'Your invoices are under Billing', topic: 'BILLING', confidence: 0.001,
          confidenceLevel: 'low', articles: [] }, 2),
        guidance(null, 3),
      ] },
    });
    const [matched, printer, none] = panel.findAll('li.suggestion');
    expect(matched.text()).toContain('Matching article:');
    expect(matched.findAll('.articles li').map(li => li.text())).toEqual(['Reset your password']);
    expect(matched.find('.no-article').exists()).toBe(false);
    expect(printer.find('.articles').exists()).toBe(false);
    expect(printer.find('.no-article').text()).toBe('No article matches this case.');
    expect(printer.text()).not.toContain('Related articles');
    expect(none.find('.no-article').text()).toBe('No article matches this case.');
  });

  it('lists each article once', () => {
    const panel = mount(GuidancePanel, {
      props: { items: [guidance({ answered: true, answer, topic: 'ACCOUNT', confidence: 0.9, confidenceLevel: 'high',
        articles: [{ id: 'kb-1', title: 'Reset your password' }, { id: 'kb-1', title: 'Reset your password' },
          { id: 'kb-1b', title: 'reset your password ' }, { id: 'kb-2', title: 'Two-factor sign-in' }] })] },
    });
    expect(panel.findAll('.articles li').map(li => li.text())).toEqual(['Reset your password', 'Two-factor sign-in']);
  });
});
