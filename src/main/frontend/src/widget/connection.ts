import { parseFrame, type ClientFrame, type ServerFrame } from './protocol'

/** The part of a WebSocket the widget uses, so tests can hand it a fake. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(): void
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onclose: ((event: CloseEvent) => void) | null
}

export type SocketFactory = (url: string) => SocketLike
export type ConnectionState = 'connecting' | 'connected' | 'disconnected'

const OPEN = 1
const FIRST_RETRY_MS = 500
const LAST_RETRY_MS = 15_000

/**
 * The widget's socket to the server: says hello with the stored token when it opens, hands every frame on, and
 * reconnects with growing pauses when it drops. Frames sent while it is not welcomed wait in a queue (unless they
 * only matter now, like "typing") and leave, in order, right after the next welcome.
 */
export class Connection {
  private socket: SocketLike | null = null
  private welcomed = false
  private readonly queue: ClientFrame[] = []
  private retry = FIRST_RETRY_MS

  constructor(
    private readonly url: string,
    private readonly open: SocketFactory,
    private readonly token: () => string | null,
    private readonly onFrame: (frame: ServerFrame) => void,
    private readonly onState: (state: ConnectionState) => void,
    private readonly later: (run: () => void, ms: number) => void = (run, ms) => void setTimeout(run, ms),
  ) {}

  start(): void {
    this.onState('connecting')
    const socket = this.open(this.url)
    this.socket = socket
    socket.onopen = () => {
      const token = this.token()
      socket.send(JSON.stringify(token ? { type: 'hello', token } : { type: 'hello' }))
    }
    socket.onmessage = (event) => {
      const frame = parseFrame(event.data)
      if (!frame) {
        return
      }
      if (frame.type === 'welcome') {
        this.welcomed = true
        this.retry = FIRST_RETRY_MS
        this.onState('connected')
        this.onFrame(frame)
        while (this.queue.length > 0 && this.ready()) {
          socket.send(JSON.stringify(this.queue.shift()))
        }
        return
      }
      this.onFrame(frame)
    }
    socket.onclose = () => {
      this.welcomed = false
      this.socket = null
      this.onState('disconnected')
      this.later(() => this.start(), this.retry)
      this.retry = Math.min(this.retry * 2, LAST_RETRY_MS)
    }
  }

  /** Whether frames leave now. */
  ready(): boolean {
    return this.welcomed && this.socket !== null && this.socket.readyState === OPEN
  }

  /**
   * Sends the frame now if the server has welcomed this window; otherwise queues it, unless {@code queue} is false.
   * Answers whether it left now.
   */
  send(frame: ClientFrame, queue = true): boolean {
    if (this.ready() && this.socket) {
      this.socket.send(JSON.stringify(frame))
      return true
    }
    if (queue) {
      this.queue.push(frame)
    }
    return false
  }

  /** Frames waiting for the next welcome. */
  pending(): readonly ClientFrame[] {
    return this.queue
  }
}
