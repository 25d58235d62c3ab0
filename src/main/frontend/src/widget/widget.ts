import { Connection, type ConnectionState, type SocketFactory } from './connection'
import { Conversation } from './conversation'
import type { Ack, Entry, Notice, Reply, ServerFrame, Verification, Welcome } from './protocol'
import { WidgetStorage } from './storage'
import { WidgetView } from './view'

/** The customer is reported typing at most this often. */
export const TYPING_EVERY_MS = 2_000
/** "… is typing" goes away after this long without news. */
export const TYPING_SHOWN_MS = 6_000

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: '',
  disconnected: 'Connection lost. Reconnecting… Messages you write now are sent once it is back.',
}

export interface WidgetOptions {
  /** The Omnicase server, where the script came from: ws(s)://<it>/chat/socket. */
  origin: string
  socket?: SocketFactory
  now?: () => number
  newId?: () => string
}

function randomId(): string {
  const crypto = globalThis.crypto
  if (crypto && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID()
  }
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

/**
 * The chat widget: a launcher that opens and minimises the chat (remembered), the conversation with its history after
 * a reload or in a new tab (the server knows the visitor by the signed token kept in local storage), the immediate
 * acknowledgement and queue notices, typing on both sides, names and times on replies, and the delivery state of the
 * customer's messages.
 */
export class ChatWidget {
  readonly view: WidgetView
  readonly conversation = new Conversation()
  readonly connection: Connection
  private readonly storage: WidgetStorage
  private readonly now: () => number
  private readonly newId: () => string
  private lastTyping = 0
  private lastRead = 0
  private typingTimer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly doc: Document, win: Window, options: WidgetOptions) {
    this.storage = WidgetStorage.of(win)
    this.now = options.now ?? Date.now
    this.newId = options.newId ?? randomId
    this.view = new WidgetView(doc)
    const url = options.origin.replace(/^http/, 'ws') + '/chat/socket'
    const socket: SocketFactory = options.socket ?? ((u) => new WebSocket(u))
    this.connection = new Connection(url, socket, () => this.storage.token(), (f) => this.handle(f), (s) => this.state(s))
    this.wire()
  }

  start(): void {
    this.view.mount()
    this.view.setOpen(this.storage.isOpen())
    this.connection.start()
  }

  private wire(): void {
    const { view } = this
    view.launcher.addEventListener('click', () => this.toggle(!view.isOpen()))
    view.minimise.addEventListener('click', () => this.toggle(false))
    view.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.toggle(false)
      }
    })
    view.sendForm.addEventListener('submit', (event) => {
      event.preventDefault()
      this.write(view.message.value)
    })
    view.message.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter starts a new line.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault()
        this.write(view.message.value)
      }
    })
    view.message.addEventListener('input', () => this.typing())
    view.verifyForm.addEventListener('submit', (event) => {
      event.preventDefault()
      const email = view.email.value.trim()
      if (email) {
        this.connection.send({ type: 'verify-email', email })
      }
    })
    view.codeForm.addEventListener('submit', (event) => {
      event.preventDefault()
      const code = view.code.value.replace(/\s+/g, '')
      if (code) {
        this.connection.send({ type: 'verify-code', code })
      }
    })
    this.doc.addEventListener('visibilitychange', () => this.markRead())
  }

  toggle(open: boolean): void {
    this.view.setOpen(open)
    this.storage.saveOpen(open)
    if (open) {
      this.view.message.focus()
      this.markRead()
    } else {
      this.view.launcher.focus()
    }
  }

  /** Sends the customer's message, or keeps it until the connection is back. */
  write(raw: string): void {
    const text = raw.trim()
    if (!text) {
      return
    }
    const id = this.newId()
    const line = this.conversation.write(id, text, new Date(this.now()).toISOString())
    this.view.show(line)
    this.view.message.value = ''
    if (this.connection.send({ type: 'message', id, text }, false)) {
      this.view.show(this.conversation.sent(id) ?? line)
    }
  }

  private typing(): void {
    const now = this.now()
    if (this.view.message.value.trim() && now - this.lastTyping >= TYPING_EVERY_MS && this.connection.send({ type: 'typing' }, false)) {
      this.lastTyping = now
    }
  }

  private state(state: ConnectionState): void {
    this.view.root.dataset.state = state
    this.view.connection.textContent = CONNECTION_TEXT[state]
  }

  handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        return this.welcome(frame)
      case 'ack':
        return this.ack(frame)
      case 'reply':
        return this.reply(frame)
      case 'notice':
        return this.notice(frame)
      case 'typing':
        return this.agentTyping(frame.name)
      case 'verification':
        return this.verification(frame)
      case 'error':
        this.view.show(this.conversation.note(frame.error, 'error'))
        return
    }
  }

  private welcome(welcome: Welcome): void {
    const hadToken = this.storage.token() !== null
    this.storage.saveToken(welcome.token)
    if (welcome.newVisitor && hadToken) {
      // The token was refused (expired): what this window showed belongs to someone the server no longer knows.
      this.conversation.clear()
      this.view.clear()
      this.lastRead = 0
    }
    if (welcome.caseId) {
      this.view.root.dataset.caseId = String(welcome.caseId)
    }
    for (const entry of welcome.history) {
      this.view.show(this.conversation.receive(entry).line)
    }
    if (welcome.verifiedEmail) {
      this.showVerified(welcome.verifiedEmail)
    }
    // What did not reach the server before the connection dropped goes now, under the same id (it is stored once).
    for (const line of this.conversation.unconfirmed()) {
      if (line.clientId && this.connection.send({ type: 'message', id: line.clientId, text: line.text }, false)) {
        line.state = 'sent'
        this.view.show(line)
      }
    }
    const newest = this.conversation.newestReply()
    if (newest > 0) {
      this.connection.send({ type: 'delivered', upTo: String(newest) }, false)
    }
    this.markRead()
  }

  private ack(ack: Ack): void {
    this.view.root.dataset.caseId = String(ack.caseId)
    this.view.show(this.conversation.acked(ack))
  }

  private reply(reply: Reply): void {
    const entry: Entry = reply.entry ?? {
      id: `r-${this.now()}`, interactionId: 0, from: 'agent', author: null, text: reply.text,
      at: new Date(this.now()).toISOString(), state: 'delivered', clientId: null,
    }
    const { line, added } = this.conversation.receive({ ...entry, state: 'delivered' })
    this.view.show(line)
    this.hideTyping()
    if (added) {
      this.view.countUnread()
    }
    if (line.interactionId) {
      this.connection.send({ type: 'delivered', upTo: String(line.interactionId) }, false)
    }
    this.markRead()
  }

  private notice(notice: Notice): void {
    if ((notice.kind === 'queue' || notice.kind === 'person') && notice.position !== undefined) {
      this.view.root.dataset.queuePosition = String(notice.position)
    }
    if (notice.kind === 'agent-joined') {
      const { line, before } = this.conversation.joined(notice.text, notice.agent)
      this.view.show(line, before)
      return
    }
    this.view.show(this.conversation.note(notice.text, notice.kind))
  }

  private agentTyping(name: string): void {
    this.view.showTyping(`${name} is typing…`)
    if (this.typingTimer) {
      clearTimeout(this.typingTimer)
    }
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_SHOWN_MS)
  }

  private hideTyping(): void {
    if (this.typingTimer) {
      clearTimeout(this.typingTimer)
      this.typingTimer = null
    }
    this.view.showTyping('')
  }

  /** Replies count as read when the chat is open on a visible page. */
  private markRead(): void {
    const newest = this.conversation.newestReply()
    if (newest > this.lastRead && this.view.isOpen() && this.doc.visibilityState === 'visible'
      && this.connection.send({ type: 'read', upTo: String(newest) }, false)) {
      this.lastRead = newest
    }
  }

  private verification(frame: Verification): void {
    const { view } = this
    view.root.dataset.verification = frame.status
    view.show(this.conversation.note(frame.message, 'verification'))
    if (frame.status === 'code-sent') {
      view.codeForm.hidden = false
      view.code.value = ''
      view.code.focus()
    } else if (frame.status === 'verified' && frame.email) {
      this.showVerified(frame.email)
    } else if (['locked', 'expired', 'no-code'].includes(frame.status)) {
      view.codeForm.hidden = true
    }
  }

  private showVerified(email: string): void {
    const { view } = this
    view.root.dataset.verifiedEmail = email
    view.verifyForm.hidden = true
    view.codeForm.hidden = true
    view.verified.textContent = `Linked to ${email}`
    view.verified.hidden = false
  }
}
