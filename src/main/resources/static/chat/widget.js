/*
 * Omnicase chat widget. Embed with one tag:  <script src="https://support.example.com/chat/widget.js" defer></script>
 * Messages go over a WebSocket to the Omnicase server the script came from; agents' replies appear live. Every text
 * is inserted with textContent, never as HTML. The widget runs no inline script and its style is a file of the same
 * server (widget.css), so it works under a strict Content-Security-Policy.
 *
 * A visitor is a customer of their own. To link the chat to their customer record they prove their email address:
 * "Verify my email" has a one-time code mailed to it, and the chat is linked once they enter the code.
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

  var style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = origin + '/chat/widget.css';
  document.head.appendChild(style);

  function element(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) { node[name] = props[name]; });
    return node;
  }

  var box = element('section', {id: 'omnicase-chat'});
  box.setAttribute('aria-label', 'Chat with support');
  var header = element('header', {textContent: 'Chat with us'});
  var log = element('div', {className: 'oc-log'});
  log.setAttribute('aria-live', 'polite');

  var form = element('form', {className: 'oc-send'});
  var text = element('input', {type: 'text', name: 'message', placeholder: 'Type your message', maxLength: 4000,
    required: true});
  var send = element('button', {type: 'submit', name: 'send', textContent: 'Send'});
  form.appendChild(text);
  form.appendChild(send);

  var verifyForm = element('form', {className: 'oc-verify'});
  var email = element('input', {type: 'email', name: 'email', placeholder: 'Your email (optional)',
    autocomplete: 'email', maxLength: 254, required: true});
  var verify = element('button', {type: 'submit', name: 'verify', textContent: 'Verify my email'});
  verifyForm.appendChild(email);
  verifyForm.appendChild(verify);

  var codeForm = element('form', {className: 'oc-code', hidden: true});
  var code = element('input', {type: 'text', name: 'code', placeholder: 'Code from the mail', inputMode: 'numeric',
    autocomplete: 'one-time-code', maxLength: 8, required: true});
  var confirm = element('button', {type: 'submit', name: 'confirm', textContent: 'Confirm code'});
  codeForm.appendChild(code);
  codeForm.appendChild(confirm);

  var verified = element('div', {className: 'oc-verified', hidden: true});

  box.appendChild(header);
  box.appendChild(log);
  box.appendChild(form);
  box.appendChild(verifyForm);
  box.appendChild(codeForm);
  box.appendChild(verified);
  document.body.appendChild(box);

  function show(kind, words) {
    var line = element('div', {className: 'oc-msg oc-' + kind, textContent: words});
    log.appendChild(line);
    log.scrollTop = log.scrollHeight;
    return line;
  }

  var socket = null;
  var queue = [];
  var retry = 500;

  function verification(frame) {
    box.dataset.verification = frame.status;
    show('note', frame.message);
    if (frame.status === 'code-sent') {
      codeForm.hidden = false;
      code.value = '';
      code.focus();
    } else if (frame.status === 'verified') {
      box.dataset.verifiedEmail = frame.email;
      verifyForm.hidden = true;
      codeForm.hidden = true;
      verified.textContent = 'Linked to ' + frame.email;
      verified.hidden = false;
    } else if (frame.status === 'locked' || frame.status === 'expired' || frame.status === 'no-code') {
      codeForm.hidden = true;
    }
  }

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
      } else if (frame.type === 'verification') {
        verification(frame);
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
    var id = newId();
    show('visitor', words).dataset.id = id;
    transmit({type: 'message', id: id, text: words});
    text.value = '';
  });

  verifyForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var address = email.value.trim();
    if (!address) { return; }
    transmit({type: 'verify-email', email: address});
  });

  codeForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var digits = code.value.replace(/\s+/g, '');
    if (!digits) { return; }
    transmit({type: 'verify-code', code: digits});
  });

  connect();
})();
