// A small fact model of the kind /api/routing/rules/model answers, one field of each type, for the components' tests.
import type { FactModel, Rule } from './rules';

export const model: FactModel = {
  fields: [
    { id: 'MESSAGE_TOPIC', fact: 'Message', label: 'Message topic', type: 'CHOICE',
      operators: [{ id: 'IS', label: 'is' }, { id: 'IS_NOT', label: 'is not' }], values: ['BILLING', 'TECHNICAL'], min: null, max: null },
    { id: 'CASE_MESSAGE_COUNT', fact: 'Case', label: 'Case message count', type: 'INTEGER',
      operators: [{ id: 'EQUALS', label: '=' }, { id: 'AT_LEAST', label: '≥' }], values: null, min: 0, max: 10000 },
    { id: 'MESSAGE_ASKS_FOR_PERSON', fact: 'Message', label: 'Message asks for a person', type: 'BOOLEAN',
      operators: [{ id: 'IS', label: 'is' }], values: null, min: null, max: null },
    { id: 'MESSAGE_TEXT', fact: 'Message', label: 'Message text', type: 'TEXT',
      operators: [{ id: 'CONTAINS', label: 'contains' }, { id: 'MENTIONS_ANY_OF', label: 'mentions any of the words' }],
      values: null, min: null, max: null },
  ],
  handling: ['ESCALATE', 'SELF_SERVICE'],
  queues: ['GENERAL', 'BILLING'],
  priorities: ['LOW', 'NORMAL', 'HIGH'],
  skills: ['BILLING', 'TECHNICAL'],
};

export const shipped: Rule[] = [
  { name: 'A message about billing goes to the billing queue',
    conditions: [{ field: 'MESSAGE_TOPIC', operator: 'IS', value: 'BILLING' }],
    actions: { handling: null, queue: 'BILLING', priority: null, skills: ['BILLING'], reason: null } },
  { name: 'A customer who has written three times goes to a person',
    conditions: [{ field: 'CASE_MESSAGE_COUNT', operator: 'AT_LEAST', value: 3 }],
    actions: { handling: 'ESCALATE', queue: null, priority: null, skills: [], reason: null } },
];
