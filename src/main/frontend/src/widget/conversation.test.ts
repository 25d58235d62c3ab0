import { describe, expect, it } from 'vitest'
import { Conversation } from './conversation'
import type { Entry } from './protocol'

function entry(over: Partial<Entry>): Entry {
  return { id: 'm-1', interactionId: 1, from: 'customer', author: null, text: 'Hi', at: '2026-12-01T10:00:00Z', state: 'stored', clientId: null, ...over }
}

describe('Conversation', () => {
  it('follows a message from written to sent to stored', () => {
    const conversation = new Conversation()
    const line = conversation.write('c-1', 'I was charged twice', '2026-12-01T10:00:00Z')
    expect(line.state).toBe('queued')
    conversation.sent('c-1')
    expect(line.state).toBe('sent')
    conversation.acked({ type: 'ack', id: 'c-1', caseId: 7, entry: entry({ id: 'm-11', interactionId: 11, clientId: 'c-1', text: 'I was charged twice' }) })
    expect(line.state).toBe('stored')
    expect(line.interactionId).toBe(11)
    expect(conversation.lines).toHaveLength(1)
  })

  it('shows a message written in another tab once, from its acknowledgement', () => {
    const conversation = new Conversation()
    conversation.acked({ type: 'ack', id: 'c-9', caseId: 7, entry: entry({ id: 'm-12', interactionId: 12, clientId: 'c-9', text: 'From the other tab' }) })
    conversation.acked({ type: 'ack', id: 'c-9', caseId: 7, entry: entry({ id: 'm-12', interactionId: 12, clientId: 'c-9', text: 'From the other tab' }) })
    expect(conversation.lines.map((l) => l.text)).toEqual(['From the other tab'])
  })

  it('merges the history of a welcome with what the window shows, without doubles', () => {
    const conversation = new Conversation()
    conversation.write('c-1', 'Hello', '2026-12-01T10:00:00Z')
    const history = [
      entry({ id: 'm-1', interactionId: 1, clientId: 'c-1', text: 'Hello' }),
      entry({ id: 'm-2', interactionId: 2, from: 'agent', author: 'Alex Agent', text: 'Hi, how can I help?', state: 'sent' }),
    ]
    history.forEach((e) => conversation.receive(e))
    history.forEach((e) => conversation.receive(e))
    expect(conversation.lines.map((l) => [l.from, l.text, l.state])).toEqual([
      ['customer', 'Hello', 'stored'],
      ['agent', 'Hi, how can I help?', 'sent'],
    ])
    expect(conversation.newestReply()).toBe(2)
    expect(conversation.unconfirmed()).toEqual([])
  })

  it('lists the messages the server has not confirmed, to be sent again after a reconnect', () => {
    const conversation = new Conversation()
    conversation.write('c-1', 'one', '2026-12-01T10:00:00Z')
    conversation.write('c-2', 'two', '2026-12-01T10:00:01Z')
    conversation.acked({ type: 'ack', id: 'c-1', caseId: 1 })
    expect(conversation.unconfirmed().map((l) => l.clientId)).toEqual(['c-2'])
  })

  it('tells the same place in the queue once, a new place again', () => {
    const conversation = new Conversation()
    conversation.note('you are number 2 in the queue.', 'queue')
    conversation.note('you are number 2 in the queue.', 'queue')
    conversation.note('you are next in the queue.', 'queue')
    expect(conversation.lines.map((l) => l.text)).toEqual(['you are number 2 in the queue.', 'you are next in the queue.'])
  })

  it('tells that an agent joined once, though a reconnect tells it again', () => {
    const conversation = new Conversation()
    conversation.note('Alex Agent has joined the conversation.', 'agent-joined')
    conversation.note('Alex Agent has joined the conversation.', 'agent-joined')
    expect(conversation.lines).toHaveLength(1)
  })
})
