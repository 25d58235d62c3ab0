/*
 * Omnicase chat widget. Embed with one tag:  <script src="https://support.example.com/chat/widget.js" defer></script>
 * Messages go over a WebSocket to the Omnicase server the script came from; agents' replies appear live. Every text
 * is inserted with textContent, never as HTML.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var origin = new URL(script.src, window.location.href).origin;
  var key = 'omnicase-chat-visitor';
  var visitor = window.localStorage.getItem(key);
  if (!visitor) {
    visitor = 'v-' + (window.crypto && crypto.randomUUID ? crypto.randomUUID()
      : Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2));
    window.localStorage.setItem(key, visitor);
  }

  var style = document.createElement('style');
  style.textContent =
    '#omnicase-chat{position:fixed;right:24px;bottom:24px;width:320px;font:14px/1.4 system-ui,sans-serif;' +
    'box-shadow:0 6px 24px rgba(0,0,0,.2);border-radius:10px;background:#fff;overflow:hidden;z-index:2147483000}' +
    '#omnicase-chat header{background:#1f4e8c;color:#fff;padding:10px 14px;font-weight:600}' +
    '#omnicase-chat .oc-log{height:260px;overflow-y:auto;padding:10px;background:#f5f7fa}' +
    '#omnicase-chat .oc-msg{margin:6px 0;padding:7px 10px;border-radius:8px;max-width:85%;white-space:pre-wrap;word-wrap:break-word}' +
    '#omnicase-chat .oc-visitor{background:#1f4e8c;color:#fff;margin-left:auto}' +
    '#omnicase-chat .oc-agent{background:#e3e8ef;color:#111}' +
    '#omnicase-chat .oc-note{color:#666;font-size:12px;text-align:center}' +
    '#omnicase-chat form{display:flex;flex-direction:column;gap:6px;padding:10px;border-top:1px solid #e3e8ef}' +
    '#omnicase-chat input,#omnicase-chat button{font:inherit;padding:7px;border:1px solid #c9d1dc;border-radius:6px}' +
    '#omnicase-chat button{background:#1f4e8c;color:#fff;border:0;cursor:pointer}';
  document.head.appendChild(style);

  var box = document.createElement('section');
  box.id = 'omnicase-chat';
  box.setAttribute('aria-label', 'Chat with support');
  var header = document.createElement('header');
  header.textContent = 'Chat with us';
  var log = document.createElement('div');
  log.className = 'oc-log';
  log.setAttribute('aria-live', 'polite');
  var form = document.createElement('form');
  var email = document.createElement('input');
  email.type = 'email';
  email.name = 'email';
  email.placeholder = 'Your email (optional)';
  email.autocomplete = 'email';
  var text = document.createElement('input');
  text.type = 'text';
  text.name = 'message';
  text.placeholder = 'Type your message';
  text.maxLength = 4000;
  text.required = true;
  var send = document.createElement('button');
  send.type = 'submit';
  send.textContent = 'Send';
  form.appendChild(email);
  form.appendChild(text);
  form.appendChild(send);
  box.appendChild(header);
  box.appendChild(log);
  box.appendChild(form);
  document.body.appendChild(box);

  function show(kind, words) {
    var line = document.createElement('div');
    line.className = 'oc-msg oc-' + kind;
    line.textContent = words;
    log.appendChild(line);
    log.scrollTop = log.scrollHeight;
    return line;
  }

  var socket = null;
  var queue = [];
  var identified = null;
  var retry = 500;

  function connect() {
    socket = new WebSocket(origin.replace(/^http/, 'ws') + '/chat/socket?visitor=' + encodeURIComponent(visitor));
    socket.onopen = function () {
      retry = 500;
      box.dataset.state = 'connected';
      while (queue.length) { socket.send(queue.shift()); }
    };
    socket.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      if (frame.type === 'reply') {
        show('agent', frame.text);
      } else if (frame.type === 'ack') {
        var mine = log.querySelector('[data-id="' + frame.id + '"]');
        if (mine) { mine.dataset.state = 'stored'; }
        box.dataset.caseId = frame.caseId;
      } else if (frame.type === 'identified') {
        identified = frame.email;
      } else if (frame.type === 'error') {
        show('note', frame.error);
      }
    };
    socket.onclose = function () {
      box.dataset.state = 'disconnected';
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 15000);
    };
  }

  function transmit(frame) {
    var json = JSON.stringify(frame);
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(json); } else { queue.push(json); }
  }

  function newId() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID()
      : (Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12));
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var words = text.value.trim();
    if (!words) { return; }
    var address = email.value.trim();
    if (address && address.toLowerCase() !== identified) {
      transmit({type: 'identify', email: address});
    }
    var id = newId();
    show('visitor', words).dataset.id = id;
    transmit({type: 'message', id: id, text: words});
    text.value = '';
  });

  connect();
})();
