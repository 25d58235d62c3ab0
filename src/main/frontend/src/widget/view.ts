import type { Line } from './conversation'
import { clock as timeOfDay } from '../lib/time'

/** What the customer reads under their own message, by its delivery state. */
export const STATE_LABELS: Record<string, string> = {
  queued: 'Not sent yet',
  sent: 'Sent',
  stored: 'Delivered',
}

type Props = Record<string, string | number | boolean>

/** Makes an element; texts go in as text (textContent), never as HTML. */
export function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Props = {},
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    ;(node as unknown as Record<string, unknown>)[name] = value
  }
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value)
  }
  return node
}

/**
 * The time of a message in the customer's time zone, on the 24-hour clock the desk writes ("18:04", never "06:04 PM"),
 * so the customer and the agent name a message by the same time.
 */
export function clock(at: string | null): string {
  if (!at) {
    return ''
  }
  const date = new Date(at)
  return Number.isNaN(date.getTime()) ? '' : timeOfDay(date)
}

/** One line of the conversation as an element; {@link updateLine} keeps it current. */
export function renderLine(doc: Document, line: Line): HTMLElement {
  const kind = line.from === 'customer' ? 'visitor' : line.from
  const node = element(doc, 'div', { className: `oc-msg oc-${kind}` })
  node.dataset.key = line.key
  if (line.from === 'note') {
    node.textContent = line.text
    if (line.kind) {
      node.dataset.kind = line.kind
    }
    return node
  }
  const meta = element(doc, 'p', { className: 'oc-meta' })
  const author = element(doc, 'span', { className: 'oc-author', textContent: line.from === 'agent' ? line.author ?? 'Support' : 'You' })
  const time = element(doc, 'time', { className: 'oc-time' })
  meta.append(author, doc.createTextNode(' '), time)
  const text = element(doc, 'p', { className: 'oc-text', textContent: line.text })
  node.append(meta, text)
  if (line.from === 'customer') {
    node.append(element(doc, 'p', { className: 'oc-state' }))
  }
  updateLine(node, line)
  return node
}

export function updateLine(node: HTMLElement, line: Line): void {
  if (line.from === 'note') {
    // A notice that a later one completed (asked for a person, then the place in the queue): one line, new words.
    node.textContent = line.text
    if (line.kind) {
      node.dataset.kind = line.kind
    }
    return
  }
  node.dataset.state = line.state
  if (line.interactionId) {
    node.dataset.id = String(line.interactionId)
  }
  if (line.clientId) {
    node.dataset.clientId = line.clientId
  }
  const time = node.querySelector('time')
  if (time && line.at) {
    time.dateTime = line.at
    time.textContent = clock(line.at)
  }
  const state = node.querySelector('.oc-state')
  if (state) {
    state.textContent = STATE_LABELS[line.state] ?? ''
  }
}

/** The widget's elements: a launcher button and the chat panel it opens. */
export class WidgetView {
  readonly root: HTMLDivElement
  readonly launcher: HTMLButtonElement
  readonly panel: HTMLElement
  readonly minimise: HTMLButtonElement
  readonly log: HTMLDivElement
  readonly typing: HTMLParagraphElement
  readonly connection: HTMLParagraphElement
  readonly sendForm: HTMLFormElement
  readonly message: HTMLTextAreaElement
  readonly verifyForm: HTMLFormElement
  readonly email: HTMLInputElement
  readonly codeForm: HTMLFormElement
  readonly code: HTMLInputElement
  readonly verified: HTMLParagraphElement
  /** What an empty conversation says, until the first message. */
  readonly greeting: HTMLParagraphElement
  private readonly lines = new Map<string, HTMLElement>()
  private unread = 0

  constructor(private readonly doc: Document) {
    const id = (name: string) => `omnicase-chat-${name}`
    this.root = element(doc, 'div', { id: 'omnicase-chat' })
    this.launcher = element(doc, 'button', { type: 'button', className: 'oc-launcher' }, {
      'aria-controls': id('panel'),
      'aria-expanded': 'false',
    })
    this.panel = element(doc, 'section', { id: id('panel'), className: 'oc-panel', hidden: true }, { 'aria-labelledby': id('title') })
    const header = element(doc, 'header', { className: 'oc-header' })
    const title = element(doc, 'h2', { id: id('title'), className: 'oc-title', textContent: 'Chat with us' })
    this.minimise = element(doc, 'button', { type: 'button', className: 'oc-minimise', textContent: 'Minimise' }, {
      'aria-controls': id('panel'),
    })
    header.append(title, this.minimise)

    this.log = element(doc, 'div', { className: 'oc-log', tabIndex: 0 }, { role: 'log', 'aria-label': 'Conversation' })
    this.greeting = element(doc, 'p', { className: 'oc-greeting',
      textContent: 'Hello! Write your question below and we answer here. Ask for a person at any time.' })
    this.log.append(this.greeting)
    this.typing = element(doc, 'p', { className: 'oc-typing' }, { role: 'status' })
    this.connection = element(doc, 'p', { className: 'oc-connection' }, { role: 'status' })

    this.sendForm = element(doc, 'form', { className: 'oc-send' })
    const messageLabel = element(doc, 'label', { htmlFor: id('message'), className: 'oc-sr', textContent: 'Your message' })
    this.message = element(doc, 'textarea', { id: id('message'), name: 'message', rows: 2, maxLength: 4000, placeholder: 'Type your message' })
    const send = element(doc, 'button', { type: 'submit', name: 'send', className: 'oc-primary', textContent: 'Send' })
    this.sendForm.append(messageLabel, this.message, send)

    this.verifyForm = element(doc, 'form', { className: 'oc-verify' })
    const emailLabel = element(doc, 'label', { htmlFor: id('email'), textContent: 'Link this chat to your email (optional)' })
    const emailRow = element(doc, 'div', { className: 'oc-row' })
    this.email = element(doc, 'input', { id: id('email'), type: 'email', name: 'email', autocomplete: 'email', maxLength: 254, required: true, placeholder: 'name@example.com' })
    const verify = element(doc, 'button', { type: 'submit', name: 'verify', textContent: 'Verify my email' })
    emailRow.append(this.email, verify)
    this.verifyForm.append(emailLabel, emailRow)

    this.codeForm = element(doc, 'form', { className: 'oc-code', hidden: true })
    const codeLabel = element(doc, 'label', { htmlFor: id('code'), textContent: 'Code from the mail' })
    const codeRow = element(doc, 'div', { className: 'oc-row' })
    this.code = element(doc, 'input', { id: id('code'), type: 'text', name: 'code', inputMode: 'numeric', autocomplete: 'one-time-code', maxLength: 8, required: true })
    const confirm = element(doc, 'button', { type: 'submit', name: 'confirm', textContent: 'Confirm code' })
    codeRow.append(this.code, confirm)
    this.codeForm.append(codeLabel, codeRow)

    this.verified = element(doc, 'p', { className: 'oc-verified', hidden: true })

    this.panel.append(header, this.connection, this.log, this.typing, this.sendForm, this.verifyForm, this.codeForm, this.verified)
    // The launcher first: it is the first stop of the keyboard, and the panel follows it.
    this.root.append(this.launcher, this.panel)
    this.setOpen(false)
  }

  mount(): void {
    this.doc.body.appendChild(this.root)
  }

  isOpen(): boolean {
    return !this.panel.hidden
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open
    // Open, the panel's own Minimise closes it: the launcher goes, so there are not two minimise controls at once
    // (both seen and announced), and the panel has its room on a phone. Minimised, the launcher is back.
    this.launcher.hidden = open
    this.root.dataset.open = String(open)
    this.launcher.setAttribute('aria-expanded', String(open))
    if (open) {
      this.unread = 0
    }
    this.launcherText()
  }

  /** A reply came while the panel was minimised: the launcher says so. */
  countUnread(): void {
    if (!this.isOpen()) {
      this.unread++
      this.launcherText()
    }
  }

  /** Shows a line, at the end, or before {@code before} when that line is shown. */
  show(line: Line, before?: Line): HTMLElement {
    let node = this.lines.get(line.key)
    if (node) {
      updateLine(node, line)
      return node
    }
    node = renderLine(this.doc, line)
    this.greeting.remove()
    this.lines.set(line.key, node)
    const next = before ? this.lines.get(before.key) : undefined
    if (next) {
      // A reader at the end stays at the end: the newest reply is not pushed half out of sight.
      const atEnd = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 8
      this.log.insertBefore(node, next)
      if (atEnd) this.log.scrollTop = this.log.scrollHeight
    } else {
      this.log.appendChild(node)
      this.log.scrollTop = this.log.scrollHeight
    }
    return node
  }

  clear(): void {
    this.lines.clear()
    this.log.replaceChildren(this.greeting)
  }

  showTyping(text: string): void {
    this.typing.textContent = text
  }

  private launcherText(): void {
    const open = this.isOpen()
    this.launcher.textContent = !open && this.unread > 0 ? `Chat with us (${this.unread} new)` : 'Chat with us'
    this.launcher.classList.toggle('oc-has-unread', !open && this.unread > 0)
  }
}
