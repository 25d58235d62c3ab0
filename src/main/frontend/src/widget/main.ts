/*
 * Omnicase chat widget. A customer's site embeds it with one tag:
 *   <script src="https://support.example.com/chat/widget.js" defer></script>
 * It talks to the Omnicase server the script came from, loads its style from the same server (widget.css), runs no
 * inline script and sets no inline style, so it works under a strict Content-Security-Policy.
 */
import './widget.css'
import { ChatWidget } from './widget'

function start(): void {
  if (document.getElementById('omnicase-chat')) {
    return
  }
  const script = document.currentScript as HTMLScriptElement | null
  const source = script?.src || document.querySelector<HTMLScriptElement>('script[src$="/chat/widget.js"]')?.src || window.location.href
  const origin = new URL(source, window.location.href).origin
  const style = document.createElement('link')
  style.rel = 'stylesheet'
  style.href = `${origin}/chat/widget.css`
  document.head.appendChild(style)
  const widget = new ChatWidget(document, window, { origin })
  if (document.body) {
    widget.start()
  } else {
    document.addEventListener('DOMContentLoaded', () => widget.start())
  }
}

start()
