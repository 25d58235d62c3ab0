import { describe, expect, it } from 'vitest';
import {
  channelLabel, codeWord, count, identityLabel, priorityLabel, priorityName, statusLabel, tierLabel, topicLabel,
} from './labels';

describe('codes as the words people read', () => {
  it('names channels, statuses, tiers and topics', () => {
    expect(['EMAIL', 'CHAT', 'SMS', 'WHATSAPP', 'MESSENGER', 'VOICE'].map(channelLabel))
      .toEqual(['Email', 'Web chat', 'SMS', 'WhatsApp', 'Messenger', 'Voice']);
    expect(channelLabel(null)).toBe('Unknown channel');
    expect(['NEW', 'SELF_SERVICE', 'ESCALATED', 'RESOLVED', 'CLOSED'].map(statusLabel))
      .toEqual(['New', 'Self-service', 'Escalated', 'Resolved', 'Closed']);
    expect(['STANDARD', 'GOLD', 'VIP'].map(tierLabel)).toEqual(['Standard', 'Gold', 'VIP']);
    expect(['BILLING', 'TECHNICAL', 'ACCOUNT', 'OTHER'].map(topicLabel)).toEqual(['Billing', 'Technical', 'Account', 'Other']);
    expect(identityLabel('CHAT_VISITOR')).toBe('Web chat');
    expect(codeWord('KEY_ACCOUNTS')).toBe('Key accounts');
    expect(codeWord('LOW')).toBe('Low');
    expect(codeWord('DE_ESCALATION')).toBe('De-escalation');
    expect(codeWord('billing')).toBe('billing');
  });

  it('names a routing topic the same however it is spelled; a finer topic keeps its own word', () => {
    // An example taught through the API as "account" was listed as "account" beside the filter's "Account".
    expect(['billing', 'account', 'Technical', 'other'].map(topicLabel)).toEqual(['Billing', 'Account', 'Technical', 'Other']);
    expect(topicLabel('card_arrival')).toBe('card arrival');
  });

  it('names a priority by the level it reaches, as a number or a level\'s name', () => {
    expect([10, 25, 50, 70, 75, 90, 100].map(p => priorityLabel(p)))
      .toEqual(['Low', 'Low', 'Normal', 'Normal', 'High', 'Urgent', 'Urgent']);
    expect(priorityLabel('HIGH')).toBe('High');
    expect(priorityLabel('80')).toBe('High');
    expect(priorityLabel(null)).toBe('');
    expect(priorityName(90)).toBe('URGENT');
  });

  it('counts with the noun in agreement', () => {
    expect(count(1, 'case')).toBe('1 case');
    expect(count(0, 'case')).toBe('0 cases');
    expect(count(2, 'entry', 'entries')).toBe('2 entries');
    expect(count(1, 'entry', 'entries')).toBe('1 entry');
  });
});
