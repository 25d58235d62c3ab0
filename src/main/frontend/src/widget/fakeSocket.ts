import type { SocketLike } from './connection'

/** A WebSocket stand-in for tests: records what the widget sends and lets the test play the server. */
export class FakeSocket implements SocketLike {
  readyState = 0
  readonly sent: unknown[] = []
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data))
  }

  close(): void {
    this.drop()
  }

  open(): void {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }

  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent)
  }

  drop(): void {
    this.readyState = 3
    this.onclose?.({} as CloseEvent)
  }
}
