/**
 * What the widget keeps in the browser's local storage: the signed visitor token the server gave (never a case id)
 * and whether the chat was open. Storage may be unavailable (private modes, blocked cookies): then nothing is kept
 * and the visitor is new on each visit.
 */
export const TOKEN_KEY = 'omnicase-chat-token'
export const OPEN_KEY = 'omnicase-chat-open'
/** The bare visitor id of the widget before tokens; removed, as the server no longer accepts it. */
export const LEGACY_VISITOR_KEY = 'omnicase-chat-visitor'

export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export class WidgetStorage {
  constructor(private readonly store: KeyValueStore | null) {}

  static of(window: Window): WidgetStorage {
    try {
      return new WidgetStorage(window.localStorage)
    } catch {
      return new WidgetStorage(null)
    }
  }

  token(): string | null {
    const token = this.get(TOKEN_KEY)
    // A token is four dot-separated parts; anything else is not worth sending.
    return token && /^[A-Za-z0-9._:-]{10,200}$/.test(token) && token.split('.').length === 4 ? token : null
  }

  saveToken(token: string): void {
    this.set(TOKEN_KEY, token)
    this.remove(LEGACY_VISITOR_KEY)
  }

  isOpen(): boolean {
    return this.get(OPEN_KEY) === '1'
  }

  saveOpen(open: boolean): void {
    this.set(OPEN_KEY, open ? '1' : '0')
  }

  private get(key: string): string | null {
    try {
      return this.store ? this.store.getItem(key) : null
    } catch {
      return null
    }
  }

  private set(key: string, value: string): void {
    try {
      this.store?.setItem(key, value)
    } catch {
      // Full or blocked storage: the widget works, it just forgets.
    }
  }

  private remove(key: string): void {
    try {
      this.store?.removeItem(key)
    } catch {
      // as above
    }
  }
}
