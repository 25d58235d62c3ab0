// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeSocket } from './fakeSocket'
import { OPEN_KEY, TOKEN_KEY } from './storage'
import { ChatWidget } from './widget'

let sockets: FakeSocket[]
let ids: number

function mount(): { widget: ChatWidget; socket: FakeSocket } {
  sockets = []
  const widget = new ChatWidget(document, window, {
    origin: 'https://support.example.com',
    socket: (url) => {
      const socket = new FakeSocket(url)
      sockets.push(socket)
      return socket
    },
    newId: () => `client-id-${++ids}`,
  })
  widget.start()
  const socket = sockets[0]
  socket.open()
  return { widget, socket }
}

function welcome(socket: FakeSocket, over: object = {}) {
  socket.receive({ type: 'welcome', visitor: 'v-1', token: 'v1.v-1.1900000000.sig', expires: '', newVisitor: true, history: [], ...over })
}

const $ = (selector: string) => document.querySelector(selector) as HTMLElement

beforeEach(() => {
  ids = 0
  localStorage.clear()
  document.body.replaceChildren()
})

afterEach(() => {
  document.body.replaceChildren()
})

describe('ChatWidget', () => {
  it('connects to the server the script came from and keeps the token it is given', () => {
    const { socket } = mount()
    expect(socket.url).toBe('wss://support.example.com/chat/socket')
    welcome(socket)
    expect(localStorage.getItem(TOKEN_KEY)).toBe('v1.v-1.1900000000.sig')
    expect($('#omnicase-chat').dataset.state).toBe('connected')
  })

  it('opens and minimises from the launcher, tells assistive technology, and remembers it', () => {
    const { widget } = mount()
    const launcher = $('.oc-launcher')
    expect(launcher.getAttribute('aria-expanded')).toBe('false')
    expect(widget.view.panel.hidden).toBe(true)
    launcher.click()
    expect(launcher.getAttribute('aria-expanded')).toBe('true')
    expect(widget.view.panel.hidden).toBe(false)
    expect(document.activeElement).toBe(widget.view.message)
    expect(localStorage.getItem(OPEN_KEY)).toBe('1')
    widget.view.panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    expect(widget.view.panel.hidden).toBe(true)
    expect(document.activeElement).toBe(launcher)
    expect(localStorage.getItem(OPEN_KEY)).toBe('0')
  })

  it('shows one minimise control while open (the panel\'s), and the launcher again once minimised', () => {
    const { widget } = mount()
    const shown = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => !el.closest('[hidden]'))
    const minimising = () => shown('#omnicase-chat button').filter((b) => /minimi[sz]e/i.test(b.textContent ?? ''))
    widget.view.launcher.click()
    expect(minimising().map((b) => b.textContent)).toEqual(['Minimise'])
    expect(shown('.oc-launcher')).toHaveLength(0)
    widget.view.minimise.click()
    expect(widget.view.panel.hidden).toBe(true)
    expect(shown('.oc-launcher').map((b) => b.textContent)).toEqual(['Chat with us'])
    expect(document.activeElement).toBe(widget.view.launcher)
  })

  it('greets in an empty conversation, and the greeting gives way to the first message', () => {
    const { widget, socket } = mount()
    welcome(socket)
    expect(widget.view.log.querySelector('.oc-greeting')?.textContent).toContain('Write your question below')
    widget.write('Where is my parcel?')
    expect(widget.view.log.querySelector('.oc-greeting')).toBeNull()
    expect(widget.view.log.querySelector('.oc-visitor .oc-text')?.textContent).toBe('Where is my parcel?')
  })

  it('shows what anyone wrote as text, never as markup', () => {
    const { widget, socket } = mount()
    welcome(socket)
    widget.write('<img src=x onerror="window.hacked=1"><b>bold</b>')
    socket.receive({ type: 'reply', caseId: 1, text: '<script>alert(1)</script>', entry: { id: 'm-5', interactionId: 5, from: 'agent', author: '<i>Eve</i>', text: '<script>alert(1)</script>', at: '2026-12-01T10:05:00Z', state: 'sent', clientId: null } })
    const log = widget.view.log
    expect(log.querySelector('img, b, script, i')).toBeNull()
    expect(log.querySelector('.oc-visitor .oc-text')?.textContent).toBe('<img src=x onerror="window.hacked=1"><b>bold</b>')
    expect(log.querySelector('.oc-agent .oc-author')?.textContent).toBe('<i>Eve</i>')
  })

  it('shows the delivery state of the customer message: not sent yet, sent, delivered', () => {
    const { widget, socket } = mount()
    widget.write('Are you there?')
    const line = () => widget.view.log.querySelector('.oc-visitor') as HTMLElement
    expect(line().querySelector('.oc-state')?.textContent).toBe('Not sent yet')
    welcome(socket)
    expect(socket.sent).toContainEqual({ type: 'message', id: 'client-id-1', text: 'Are you there?' })
    expect(line().querySelector('.oc-state')?.textContent).toBe('Sent')
    socket.receive({ type: 'ack', id: 'client-id-1', caseId: 42, entry: { id: 'm-3', interactionId: 3, from: 'customer', author: null, text: 'Are you there?', at: '2026-12-01T10:00:00Z', state: 'stored', clientId: 'client-id-1' } })
    expect(line().querySelector('.oc-state')?.textContent).toBe('Delivered')
    expect($('#omnicase-chat').dataset.caseId).toBe('42')
  })

  it('writes a reply\'s time on the 24-hour clock the desk uses, in the customer\'s time zone', () => {
    const zone = process.env.TZ
    process.env.TZ = 'Europe/Berlin'
    try {
      const { widget, socket } = mount()
      welcome(socket)
      socket.receive({ type: 'reply', caseId: 1, text: 'Hello!', entry: { id: 'm-8', interactionId: 8, from: 'agent', author: 'Alex Agent', text: 'Hello!', at: '2026-12-04T17:04:00Z', state: 'sending', clientId: null } })
      const reply = widget.view.log.querySelector('.oc-agent') as HTMLElement
      expect(reply.querySelector('time')?.textContent).toBe('18:04')
    } finally {
      process.env.TZ = zone
    }
  })

  it('puts the agent name and time on a reply and reports it delivered, and read once the chat is open', () => {
    const { widget, socket } = mount()
    welcome(socket)
    socket.receive({ type: 'typing', who: 'agent', name: 'Alex Agent' })
    expect(widget.view.typing.textContent).toBe('Alex Agent is typing…')
    socket.receive({ type: 'reply', caseId: 1, text: 'Hello!', entry: { id: 'm-7', interactionId: 7, from: 'agent', author: 'Alex Agent', text: 'Hello!', at: '2026-12-01T10:05:00Z', state: 'sending', clientId: null } })
    expect(widget.view.typing.textContent).toBe('')
    const reply = widget.view.log.querySelector('.oc-agent') as HTMLElement
    expect(reply.querySelector('.oc-author')?.textContent).toBe('Alex Agent')
    expect(reply.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-01T10:05:00Z')
    expect(reply.querySelector('time')?.textContent).toMatch(/\d{1,2}.\d{2}/)
    expect(socket.sent).toContainEqual({ type: 'delivered', upTo: '7' })
    // Minimised: not read yet, and the launcher says there is something new.
    expect(socket.sent).not.toContainEqual({ type: 'read', upTo: '7' })
    expect(widget.view.launcher.textContent).toBe('Chat with us (1 new)')
    widget.view.launcher.click()
    expect(socket.sent).toContainEqual({ type: 'read', upTo: '7' })
  })

  it('brings back the conversation of the welcome, and says where the customer stands in the queue', () => {
    localStorage.setItem(OPEN_KEY, '1')
    const { widget, socket } = mount()
    welcome(socket, {
      newVisitor: false,
      caseId: 9,
      history: [
        { id: 'm-1', interactionId: 1, from: 'customer', author: null, text: 'I was charged twice', at: '2026-12-01T10:00:00Z', state: 'stored', clientId: 'a1' },
        { id: 'm-2', interactionId: 2, from: 'agent', author: 'Sara Supervisor', text: 'Let me check.', at: '2026-12-01T10:01:00Z', state: 'delivered', clientId: null },
      ],
    })
    socket.receive({ type: 'notice', kind: 'queue', text: 'An agent will join this chat soon: you are number 2 in the queue.', position: 2 })
    const lines = [...widget.view.log.querySelectorAll('.oc-msg')].map((n) => n.querySelector('.oc-text')?.textContent ?? n.textContent)
    expect(lines).toEqual(['I was charged twice', 'Let me check.', 'An agent will join this chat soon: you are number 2 in the queue.'])
    expect($('#omnicase-chat').dataset.queuePosition).toBe('2')
    expect(widget.view.panel.hidden).toBe(false)
    expect(socket.sent).toContainEqual({ type: 'read', upTo: '2' })
  })

  it('after a reload tells who is in the chat again, before that agent\'s first reply and once (walk 47, N4)', () => {
    localStorage.setItem(OPEN_KEY, '1')
    const { widget, socket } = mount()
    const history = [
      { id: 'm-1', interactionId: 1, from: 'customer', author: null, text: 'I want my money back', at: '2026-12-05T10:00:00Z', state: 'stored', clientId: 'a1' },
      { id: 'm-2', interactionId: 2, from: 'agent', author: 'Assistant', text: 'You can cancel at any time.', at: '2026-12-05T10:00:05Z', state: 'read', clientId: null },
      { id: 'm-3', interactionId: 3, from: 'customer', author: null, text: 'No, a person please', at: '2026-12-05T10:01:00Z', state: 'stored', clientId: 'a2' },
      { id: 'm-4', interactionId: 4, from: 'agent', author: 'Alex Agent', text: 'I am refunding it now.', at: '2026-12-05T10:05:00Z', state: 'read', clientId: null },
      { id: 'm-5', interactionId: 5, from: 'agent', author: 'Alex Agent', text: 'Done.', at: '2026-12-05T10:06:00Z', state: 'read', clientId: null },
    ]
    const joined = { type: 'notice', kind: 'agent-joined', text: 'Alex Agent has joined the conversation.', agent: 'Alex Agent', restored: true }
    welcome(socket, { newVisitor: false, caseId: 9, history })
    socket.receive(joined)
    const shown = () => [...widget.view.log.querySelectorAll('.oc-msg')].map((n) => n.querySelector('.oc-text')?.textContent ?? n.textContent)
    const expected = ['I want my money back', 'You can cancel at any time.', 'No, a person please',
      'Alex Agent has joined the conversation.', 'I am refunding it now.', 'Done.']
    expect(shown()).toEqual(expected)
    // A reconnect (same window) is welcomed and told again: nothing doubles.
    welcome(socket, { newVisitor: false, caseId: 9, history })
    socket.receive(joined)
    expect(shown()).toEqual(expected)
  })

  it('says who joined before their reply when the reply overtook the notice', () => {
    const { widget, socket } = mount()
    welcome(socket, { newVisitor: false, caseId: 9, history: [
      { id: 'm-1', interactionId: 1, from: 'agent', author: 'Alex Agent', text: 'Earlier answer', at: '2026-12-04T10:00:00Z', state: 'read', clientId: null },
      { id: 'm-2', interactionId: 2, from: 'customer', author: null, text: 'A person please', at: '2026-12-05T10:00:00Z', state: 'stored', clientId: 'a1' },
    ] })
    socket.receive({ type: 'notice', kind: 'queue', text: 'An agent will join this chat soon: you are next in the queue.', position: 1 })
    socket.receive({ type: 'reply', caseId: 9, text: 'I am on it.', entry: { id: 'm-3', interactionId: 3, from: 'agent', author: 'Alex Agent', text: 'I am on it.', at: '2026-12-05T10:02:00Z', state: 'sent', clientId: null } })
    socket.receive({ type: 'notice', kind: 'agent-joined', text: 'Alex Agent has joined the conversation.', agent: 'Alex Agent' })
    const shown = [...widget.view.log.querySelectorAll('.oc-msg')].map((n) => n.querySelector('.oc-text')?.textContent ?? n.textContent)
    expect(shown).toEqual(['Earlier answer', 'A person please', 'An agent will join this chat soon: you are next in the queue.',
      'Alex Agent has joined the conversation.', 'I am on it.'])
  })

  it('answers a first message asking for a person with one notice that the place in the queue completes', () => {
    const { widget, socket } = mount()
    welcome(socket)
    widget.write('Can I talk to a person please?')
    socket.receive({ type: 'ack', id: 'client-id-1', caseId: 42, entry: { id: 'm-3', interactionId: 3, from: 'customer', author: null, text: 'Can I talk to a person please?', at: '2026-12-01T10:00:00Z', state: 'stored', clientId: 'client-id-1' } })
    socket.receive({ type: 'notice', kind: 'person', text: 'Thanks, we got your message. You asked for a person: we are passing your chat to our team.' })
    socket.receive({ type: 'notice', kind: 'queue', text: 'An agent will join this chat soon: you are number 2 in the queue.', position: 2 })
    const notes = [...widget.view.log.querySelectorAll('.oc-note')].map((n) => n.textContent)
    expect(notes).toEqual(['You asked for a person. An agent will join this chat soon: you are number 2 in the queue.'])
    expect($('#omnicase-chat').dataset.queuePosition).toBe('2')
  })

  it('keeps one notice when the place in the queue comes before the answer to asking for a person', () => {
    const { widget, socket } = mount()
    welcome(socket)
    socket.receive({ type: 'notice', kind: 'queue', text: 'An agent will join this chat soon: you are next in the queue.', position: 1 })
    socket.receive({ type: 'notice', kind: 'person', text: 'You asked for a person: an agent will join this chat soon, you are next in the queue.', position: 1 })
    const notes = [...widget.view.log.querySelectorAll('.oc-note')].map((n) => n.textContent)
    expect(notes).toEqual(['You asked for a person: an agent will join this chat soon, you are next in the queue.'])
  })

  it('labels every control and keeps new messages in a live log', () => {
    const { widget } = mount()
    const log = widget.view.log
    expect(log.getAttribute('role')).toBe('log')
    expect(log.getAttribute('aria-label')).toBe('Conversation')
    for (const control of document.querySelectorAll('#omnicase-chat textarea, #omnicase-chat input')) {
      expect(document.querySelector(`label[for="${control.id}"]`)?.textContent).toBeTruthy()
    }
    expect(widget.view.launcher.getAttribute('aria-controls')).toBe(widget.view.panel.id)
  })

  it('reports typing at most every two seconds', () => {
    let now = 1_000_000
    sockets = []
    const widget = new ChatWidget(document, window, {
      origin: 'http://localhost:8080',
      socket: (url) => { const s = new FakeSocket(url); sockets.push(s); return s },
      now: () => now,
    })
    widget.start()
    sockets[0].open()
    welcome(sockets[0])
    const input = widget.view.message
    for (const step of [0, 500, 1500, 2100, 2200]) {
      now = 1_000_000 + step
      input.value = 'typing ' + step
      input.dispatchEvent(new Event('input'))
    }
    expect(sockets[0].sent.filter((f) => (f as { type: string }).type === 'typing')).toHaveLength(2)
  })
})
