/** The frames of the chat socket (/chat/socket), as ChatSocketHandler and ChatSender on the server speak them. */

/** One message of the conversation as the server describes it. */
export interface Entry {
  id: string
  interactionId: number
  from: 'customer' | 'agent'
  /** The agent's display name; null on the customer's own messages. */
  author: string | null
  text: string
  at: string
  /** customer: stored; agent: sending, sent, delivered, read or failed */
  state: string
  /** The id the widget gave the customer's message. */
  clientId: string | null
}

export interface Welcome {
  type: 'welcome'
  visitor: string
  token: string
  expires: string
  newVisitor: boolean
  history: Entry[]
  caseId?: number
  verifiedEmail?: string
}

export interface Ack {
  type: 'ack'
  id: string
  caseId: number
  entry?: Entry
}

export interface Reply {
  type: 'reply'
  caseId: number
  text: string
  entry?: Entry
}

export interface Notice {
  type: 'notice'
  kind: 'received' | 'person' | 'queue' | 'agent-joined' | 'resolved' | string
  text: string
  position?: number
  agent?: string
  /** Sent with the welcome: where the conversation stands now, told again to a window that reloaded. */
  restored?: boolean
}

export interface Typing {
  type: 'typing'
  who: 'agent'
  name: string
}

export interface Verification {
  type: 'verification'
  status: string
  message: string
  email?: string
  attemptsLeft?: number
}

export interface ErrorFrame {
  type: 'error'
  error: string
}

export type ServerFrame = Welcome | Ack | Reply | Notice | Typing | Verification | ErrorFrame

export type ClientFrame =
  | { type: 'hello'; token?: string }
  | { type: 'message'; id: string; text: string }
  | { type: 'typing' }
  | { type: 'delivered' | 'read'; upTo: string }
  | { type: 'verify-email'; email: string }
  | { type: 'verify-code'; code: string }

/** Reads a frame from the socket; anything that is not a JSON object with a type is dropped. */
export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') {
    return null
  }
  try {
    const frame = JSON.parse(data)
    return frame && typeof frame === 'object' && typeof frame.type === 'string' ? (frame as ServerFrame) : null
  } catch {
    return null
  }
}
