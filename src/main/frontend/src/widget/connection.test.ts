import { describe, expect, it } from 'vitest'
import { Connection } from './connection'
import { FakeSocket } from './fakeSocket'
import type { ServerFrame } from './protocol'

function setUp(token: string | null) {
  const sockets: FakeSocket[] = []
  const frames: ServerFrame[] = []
  const states: string[] = []
  const timers: { run: () => void; ms: number }[] = []
  const connection = new Connection('ws://omnicase/chat/socket', (url) => {
    const socket = new FakeSocket(url)
    sockets.push(socket)
    return socket
  }, () => token, (f) => frames.push(f), (s) => states.push(s), (run, ms) => timers.push({ run, ms }))
  return { connection, sockets, frames, states, timers }
}

const welcome = { type: 'welcome', visitor: 'v-1', token: 'v1.v-1.9.sig', expires: '', newVisitor: false, history: [] }

describe('Connection', () => {
  it('says hello with the stored token first', () => {
    const { connection, sockets } = setUp('v1.v-1.9.sig')
    connection.start()
    sockets[0].open()
    expect(sockets[0].url).toBe('ws://omnicase/chat/socket')
    expect(sockets[0].sent).toEqual([{ type: 'hello', token: 'v1.v-1.9.sig' }])
  })

  it('says hello without a token when it has none', () => {
    const { connection, sockets } = setUp(null)
    connection.start()
    sockets[0].open()
    expect(sockets[0].sent).toEqual([{ type: 'hello' }])
  })

  it('keeps frames until the welcome and sends them in order; what only matters now is not kept', () => {
    const { connection, sockets, frames } = setUp(null)
    connection.start()
    expect(connection.send({ type: 'verify-email', email: 'a@example.com' })).toBe(false)
    expect(connection.send({ type: 'typing' }, false)).toBe(false)
    sockets[0].open()
    expect(connection.send({ type: 'verify-code', code: '12345678' })).toBe(false)
    sockets[0].receive(welcome)
    expect(frames.map((f) => f.type)).toEqual(['welcome'])
    expect(sockets[0].sent).toEqual([
      { type: 'hello' },
      { type: 'verify-email', email: 'a@example.com' },
      { type: 'verify-code', code: '12345678' },
    ])
    expect(connection.send({ type: 'typing' }, false)).toBe(true)
  })

  it('reconnects after a drop with growing pauses, and says hello again', () => {
    const { connection, sockets, states, timers } = setUp('v1.v-1.9.sig')
    connection.start()
    sockets[0].open()
    sockets[0].receive(welcome)
    sockets[0].drop()
    expect(states).toEqual(['connecting', 'connected', 'disconnected'])
    expect(connection.ready()).toBe(false)
    timers[0].run()
    sockets[1].drop()
    timers[1].run()
    expect(timers.map((t) => t.ms)).toEqual([500, 1000])
    sockets[2].open()
    expect(sockets[2].sent).toEqual([{ type: 'hello', token: 'v1.v-1.9.sig' }])
  })

  it('drops frames that are not JSON objects', () => {
    const { connection, sockets, frames } = setUp(null)
    connection.start()
    sockets[0].onmessage?.({ data: 'not json' } as MessageEvent)
    sockets[0].onmessage?.({ data: '[1,2]' } as MessageEvent)
    expect(frames).toEqual([])
  })
})
