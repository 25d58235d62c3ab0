import type { Ack, Entry } from './protocol'

/**
 * One line of the conversation as the widget shows it. {@code key} stays the same for the life of the line: the id
 * the widget gave the customer's own message, else the server's entry id.
 */
export interface Line {
  key: string
  from: 'customer' | 'agent' | 'note'
  author: string | null
  text: string
  at: string | null
  /** customer: queued (not sent yet), sent (on its way), stored (the server has it); agent: as the server said */
  state: string
  interactionId: number | null
  clientId: string | null
  kind?: string
}

/** What a queue notice that answers a request for a person starts with. */
const PERSON_ASKED = 'You asked for a person.'

/**
 * The conversation in the widget: the customer's messages with their delivery state, the replies, and notices.
 * Knows each message once, however it arrives (sent here, acknowledged, echoed from another tab, in the history of a
 * welcome, or a reply sent again after a reconnect).
 */
export class Conversation {
  readonly lines: Line[] = []

  /** The customer wrote a message here; it has not left yet. */
  write(clientId: string, text: string, at: string): Line {
    const line: Line = { key: clientId, from: 'customer', author: null, text, at, state: 'queued', interactionId: null, clientId }
    this.lines.push(line)
    return line
  }

  sent(clientId: string): Line | undefined {
    const line = this.byClientId(clientId)
    if (line && line.state === 'queued') {
      line.state = 'sent'
    }
    return line
  }

  /** The server stored a customer's message; from another tab, the message itself is new here. */
  acked(ack: Ack): Line {
    const line = this.byClientId(ack.id)
    if (line) {
      line.state = 'stored'
      line.interactionId = ack.entry?.interactionId ?? line.interactionId
      return line
    }
    return this.add(ack.entry ?? { id: ack.id, interactionId: 0, from: 'customer', author: null, text: '', at: new Date().toISOString(), state: 'stored', clientId: ack.id })
  }

  /** Adds an entry the server sent (history, reply, echo) unless it is known; answers the line and whether it is new. */
  receive(entry: Entry): { line: Line; added: boolean } {
    const known = this.lines.find(
      (l) => (entry.clientId && l.clientId === entry.clientId) || (l.interactionId !== null && l.interactionId === entry.interactionId),
    )
    if (known) {
      known.interactionId = entry.interactionId
      known.at = entry.at
      if (known.from === 'customer') {
        known.state = 'stored'
      }
      return { line: known, added: false }
    }
    return { line: this.add(entry), added: true }
  }

  /**
   * A notice; the same place in the queue, or the same agent joining, told twice in a row is shown once. The answer to
   * asking for a person and the place in the queue that follows it moments later are one notice: the later one
   * updates the line the earlier one drew ("You asked for a person. An agent will join this chat soon: …"), where the
   * first message asking for a person got three notices stacked (walk 45, N11).
   */
  note(text: string, kind: string): Line {
    const last = this.lines[this.lines.length - 1]
    if (last?.from === 'note' && ((kind === 'queue' && last.kind === 'person') || (kind === 'person' && last.kind === 'queue'))) {
      // The server's answer to the request names the place once it knows it; the queue's words follow the request.
      last.text = kind === 'queue' ? PERSON_ASKED + ' ' + text : text
      last.kind = 'person'
      return last
    }
    const previous = [...this.lines].reverse().find((l) => l.from === 'note' && l.kind === kind)
    if ((kind === 'queue' || kind === 'agent-joined') && previous && previous.text === text) {
      return previous
    }
    const line: Line = { key: `note-${this.lines.length}-${kind}`, from: 'note', author: null, text, at: null, state: '', interactionId: null, clientId: null, kind }
    this.lines.push(line)
    return line
  }

  /**
   * An agent joined: said before that agent's first reply since the customer last waited (a queue or person notice),
   * else at the end. A reply can overtake the notice on its way (both are sent after the same commit), and a window
   * that reloaded is told it after the history (walk 47, N4: it had lost the line). Told again by a reconnect, it is
   * shown once. Answers the line and the line it stands before (none: at the end).
   */
  joined(text: string, agent: string | undefined): { line: Line; before: Line | undefined } {
    const lastIndex = (match: (l: Line) => boolean) => {
      for (let i = this.lines.length - 1; i >= 0; i--) if (match(this.lines[i])) return i
      return -1
    }
    const waited = lastIndex((l) => l.from === 'note' && (l.kind === 'queue' || l.kind === 'person'))
    const told = lastIndex((l) => l.from === 'note' && l.kind === 'agent-joined')
    if (told > waited && this.lines[told].text === text) {
      return { line: this.lines[told], before: undefined }
    }
    const first = agent === undefined ? -1
      : this.lines.findIndex((l, i) => i > waited && l.from === 'agent' && l.author === agent)
    if (first < 0) {
      return { line: this.note(text, 'agent-joined'), before: undefined }
    }
    const line: Line = { key: `note-${this.lines.length}-agent-joined`, from: 'note', author: null, text, at: null, state: '', interactionId: null, clientId: null, kind: 'agent-joined' }
    const before = this.lines[first]
    this.lines.splice(first, 0, line)
    return { line, before }
  }

  /** The customer's messages the server has not confirmed: sent again (same id) after a welcome. */
  unconfirmed(): Line[] {
    return this.lines.filter((l) => l.from === 'customer' && l.state !== 'stored' && l.clientId !== null)
  }

  /** The id of the newest reply, 0 before the first. */
  newestReply(): number {
    return this.lines.reduce((max, l) => (l.from === 'agent' && l.interactionId !== null && l.interactionId > max ? l.interactionId : max), 0)
  }

  /** Forgets everything (the visitor's token was refused: this is someone new). */
  clear(): void {
    this.lines.length = 0
  }

  private add(entry: Entry): Line {
    const line: Line = {
      key: entry.clientId ?? entry.id,
      from: entry.from === 'agent' ? 'agent' : 'customer',
      author: entry.author,
      text: entry.text,
      at: entry.at,
      state: entry.state,
      interactionId: entry.interactionId,
      clientId: entry.clientId,
    }
    this.lines.push(line)
    return line
  }

  private byClientId(clientId: string): Line | undefined {
    return this.lines.find((l) => l.clientId === clientId)
  }
}
