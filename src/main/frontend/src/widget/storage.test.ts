import { describe, expect, it } from 'vitest'
import { LEGACY_VISITOR_KEY, OPEN_KEY, TOKEN_KEY, WidgetStorage, type KeyValueStore } from './storage'

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>()
  getItem(key: string) { return this.values.get(key) ?? null }
  setItem(key: string, value: string) { this.values.set(key, value) }
  removeItem(key: string) { this.values.delete(key) }
}

const TOKEN = 'v1.v-0b5e1c9a-2d7f-4d7e-9a55-0c1b2f3e4d5c.1798000000.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

describe('WidgetStorage', () => {
  it('keeps the token the server gave and drops the bare visitor id of the old widget', () => {
    const store = new MemoryStore()
    store.setItem(LEGACY_VISITOR_KEY, 'v-old')
    const storage = new WidgetStorage(store)

    storage.saveToken(TOKEN)

    expect(storage.token()).toBe(TOKEN)
    expect(store.values.get(TOKEN_KEY)).toBe(TOKEN)
    expect(store.values.has(LEGACY_VISITOR_KEY)).toBe(false)
  })

  it('does not send something that is no token (a case id, markup, a bare id)', () => {
    const store = new MemoryStore()
    const storage = new WidgetStorage(store)
    for (const value of ['4711', '<img src=x onerror=alert(1)>', 'v-0b5e1c9a-2d7f', 'a.b.c']) {
      store.setItem(TOKEN_KEY, value)
      expect(storage.token()).toBeNull()
    }
  })

  it('remembers whether the chat was open', () => {
    const store = new MemoryStore()
    const storage = new WidgetStorage(store)
    expect(storage.isOpen()).toBe(false)
    storage.saveOpen(true)
    expect(new WidgetStorage(store).isOpen()).toBe(true)
    storage.saveOpen(false)
    expect(store.values.get(OPEN_KEY)).toBe('0')
  })

  it('works, forgetting, where storage is blocked', () => {
    const blocked: KeyValueStore = {
      getItem() { throw new Error('SecurityError') },
      setItem() { throw new Error('QuotaExceededError') },
      removeItem() { throw new Error('SecurityError') },
    }
    const storage = new WidgetStorage(blocked)
    expect(() => storage.saveToken(TOKEN)).not.toThrow()
    expect(storage.token()).toBeNull()
    expect(new WidgetStorage(null).isOpen()).toBe(false)
  })
})
