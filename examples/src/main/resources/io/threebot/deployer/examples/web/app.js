// The 3Bot deployer page: ThreeFold Connect login, the chat, and "My 3Bots". Plain modules, no build step.
// Everything the server sends is shown as text or through safeMarkdown(), which escapes HTML first.

const $ = (id) => document.getElementById(id);
let csrf = '';
let session = '';
/** The sequence of the message shown: an answer names it, so a second click cannot answer the next question. */
let sequence = null;
/** True while an answer or a step back is on its way; the chat's controls are disabled meanwhile. */
let sending = false;
let refreshTimer = null;

/** A JSON request to the host; POSTs carry the session's CSRF token. */
async function api(method, path, body) {
  const headers = {};
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrf;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin',
  });
  let json = {};
  try {
    json = await response.json();
  } catch (e) {
    json = {};
  }
  return { status: response.status, json };
}

/** Markdown without raw HTML: the text is escaped, then bold, code, links (http and https only) and lines. */
export function safeMarkdown(text) {
  const escaped = String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const inline = (s) => s
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" rel="noopener noreferrer" target="_blank">$1</a>');
  return escaped.split(/\n{2,}/).map((p) => {
    const heading = /^(#{1,3}) (.*)$/.exec(p);
    if (heading) {
      const level = heading[1].length + 2;
      return '<h' + level + '>' + inline(heading[2]) + '</h' + level + '>';
    }
    return '<p>' + inline(p).replace(/\n/g, '<br>') + '</p>';
  }).join('');
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'text') {
      node.textContent = value;
    } else if (key === 'html') {
      node.innerHTML = value; // only ever safeMarkdown() output
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  children.flat().forEach((c) => node.append(c));
  return node;
}

// ---- login, terms, tabs ------------------------------------------------------------------------------------

async function start() {
  const me = await api('GET', '/auth/me');
  if (me.status !== 200) {
    $('login').hidden = false;
    return;
  }
  csrf = me.json.csrf;
  const logout = el('button', { type: 'button', class: 'secondary', id: 'logout', text: 'Log out' });
  logout.addEventListener('click', async () => {
    await api('POST', '/auth/logout');
    window.location.href = '/';
  });
  $('account').append(el('span', { text: 'Logged in as ' + me.json.user + ' ' }), logout);
  const terms = await api('GET', '/terms');
  if (!terms.json.accepted) {
    $('terms').hidden = false;
    $('terms-check').addEventListener('change', () => { $('terms-accept').disabled = !$('terms-check').checked; });
    $('terms-accept').addEventListener('click', async () => {
      await api('POST', '/terms/accept');
      $('terms').hidden = true;
      showApp();
    });
    return;
  }
  showApp();
}

function showApp() {
  $('tabs').hidden = false;
  $('tab-chat').addEventListener('click', () => show('chat'));
  $('tab-bots').addEventListener('click', () => show('bots'));
  $('chat-start').addEventListener('click', () => startChat('/chats/deploy'));
  $('state-filter').addEventListener('change', loadBots);
  show('chat');
}

function show(tab) {
  $('chat-panel').hidden = tab !== 'chat';
  $('bots-panel').hidden = tab !== 'bots';
  $('tab-chat').setAttribute('aria-current', tab === 'chat' ? 'page' : 'false');
  $('tab-bots').setAttribute('aria-current', tab === 'bots' ? 'page' : 'false');
  if (tab === 'bots') {
    loadBots();
  }
}

// ---- the chat ----------------------------------------------------------------------------------------------

async function startChat(path) {
  show('chat');
  const reply = await api('POST', path);
  if (reply.status !== 201) {
    renderProblem(reply.json.error || 'The chat could not start.');
    return;
  }
  session = reply.json.session;
  render(reply.json);
}

function renderProblem(text) {
  const form = $('chat');
  form.hidden = false;
  form.replaceChildren(el('div', { class: 'error', role: 'alert', text }));
}

/** Sends one change of the chat (an answer, a step back) at a time, with the controls disabled meanwhile. */
async function send(path, body) {
  if (sending) {
    return null;
  }
  sending = true;
  $('chat').querySelectorAll('button, input, select, textarea').forEach((c) => { c.disabled = true; });
  try {
    const reply = await api('POST', '/chats/' + session + path, Object.assign({ sequence }, body));
    if (reply.status === 409) {
      // the chat moved on (another tab, a retried request): show where it stands now
      const current = await api('GET', '/chats/' + session);
      if (current.status === 200) {
        render(current.json);
        return null;
      }
    }
    return reply;
  } finally {
    sending = false;
    $('chat').querySelectorAll('button, input, select, textarea').forEach((c) => { c.disabled = false; });
  }
}

async function answer(value) {
  const reply = await send('/answer', { value: String(value) });
  if (reply === null) {
    return;
  }
  if (reply.status !== 200) {
    renderProblem(reply.json.error || 'The answer was not taken.');
    return;
  }
  render(reply.json);
}

async function back() {
  const reply = await send('/back', {});
  if (reply !== null && reply.status === 200) {
    render(reply.json);
  }
}

async function follow() {
  const reply = await api('GET', '/chats/' + session + '/next');
  if (reply.status === 200) {
    render(reply.json);
  }
}

/** Renders one chat message: its step, its text, and the input its category asks for. */
function render(message) {
  const form = $('chat');
  form.hidden = false;
  $('chat-start').hidden = true;
  const info = message.info || {};
  sequence = typeof info.sequence === 'number' ? info.sequence : null;
  const payload = message.payload || {};
  const kwargs = payload.kwargs || {};
  const category = payload.category;
  const parts = [el('p', { class: 'step', text: 'Step ' + info.step + ' of ' + info.steps + ': ' + info.title })];
  const key = kwargs.key || 'value';
  const inputId = 'answer-' + key;
  const errorId = 'error-' + key;
  const described = kwargs.error ? errorId : undefined;
  let read = () => '';
  let input = null;

  if (category === 'md_show_update') {
    parts.push(el('div', { class: 'progress', role: 'status', 'aria-live': 'polite', html: safeMarkdown(payload.msg) }));
    form.replaceChildren(...parts);
    follow();
    return;
  }
  if (category === 'error') {
    parts.push(el('div', { class: 'error', role: 'alert', html: safeMarkdown(payload.msg) }));
    parts.push(newChatButton());
    form.replaceChildren(...parts);
    return;
  }
  if (category === 'end') {
    parts.push(el('div', { class: 'message', role: 'status', html: safeMarkdown(payload.msg || 'Done.') }));
    parts.push(newChatButton());
    form.replaceChildren(...parts);
    return;
  }
  // the first line labels the input; the rest of the text, if any, follows it
  const lines = String(payload.msg || '').split('\n');
  const rest = lines.slice(1).join('\n').trim();
  const text = el('div', { class: 'message', html: safeMarkdown(rest) });
  const shown = el('div', { class: 'message', html: safeMarkdown(payload.msg) });
  switch (category) {
    case 'string_ask':
    case 'secret_ask':
    case 'int_ask':
      input = el('input', {
        id: inputId, type: category === 'secret_ask' ? 'password' : category === 'int_ask' ? 'number' : 'text',
        value: kwargs.default ?? '', 'aria-describedby': described, 'aria-invalid': kwargs.error ? 'true' : false,
        autocomplete: category === 'secret_ask' ? 'new-password' : 'off',
      });
      parts.push(el('label', { for: inputId, text: labelOf(payload.msg) }), text, input);
      read = () => input.value;
      break;
    case 'single_choice': {
      const group = el('fieldset', { 'aria-describedby': described }, el('legend', { text: labelOf(payload.msg) }));
      (kwargs.options || []).forEach((option, i) => {
        const id = inputId + '-' + i;
        group.append(el('label', { class: 'choice', for: id },
          el('input', { type: 'radio', name: inputId, id, value: option, checked: option === kwargs.default }),
          el('span', { text: option })));
      });
      parts.push(text, group);
      read = () => (group.querySelector('input:checked') || {}).value || '';
      input = group.querySelector('input');
      break;
    }
    case 'drop_down_choice':
    case 'multi_choice': {
      input = el('select', { id: inputId, 'aria-describedby': described, multiple: category === 'multi_choice' });
      (kwargs.options || []).forEach((option) => input.append(el('option', {
        value: option, text: option, selected: option === kwargs.default,
      })));
      parts.push(el('label', { for: inputId, text: labelOf(payload.msg) }), text, input);
      read = () => Array.from(input.selectedOptions).map((o) => o.value).join(',');
      break;
    }
    case 'upload_file': {
      input = el('textarea', { id: inputId, 'aria-describedby': described, spellcheck: 'false' });
      const file = el('input', { type: 'file', id: 'file-' + key, accept: '.pub,text/plain' });
      file.addEventListener('change', async () => { input.value = file.files[0] ? await file.files[0].text() : ''; });
      parts.push(el('label', { for: inputId, text: labelOf(payload.msg) }), text, input,
        el('label', { for: 'file-' + key, text: 'or choose a file' }), file);
      read = () => input.value;
      break;
    }
    case 'download_file': {
      const blob = new Blob([String(kwargs.data ?? '')], { type: 'text/plain' });
      const link = el('a', {
        href: URL.createObjectURL(blob), download: kwargs.filename || 'download.txt', id: inputId,
        text: 'Download ' + (kwargs.filename || 'the file'),
      });
      parts.push(shown, link);
      break;
    }
    case 'qrcode_show': {
      parts.push(shown, el('div', { class: 'qr' }, el('img', {
        src: 'data:image/png;base64,' + (kwargs.qrcode || ''), alt: 'QR code of the payment: ' + (kwargs.data || ''),
      })), el('dl', { class: 'payment' },
        ...[['Amount', kwargs.amount + ' ' + kwargs.currency], ['To', kwargs.address], ['Memo', kwargs.memo],
          ['Pay before', kwargs.deadline]].flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])));
      break;
    }
    default: // md_show, confirm and anything else that only shows
      parts.push(shown);
  }
  if (kwargs.error) {
    parts.push(el('p', { class: 'field-error', id: errorId, role: 'alert', text: kwargs.error }));
  }
  const actions = el('div', { class: 'actions' });
  if (info.previous) {
    const previous = el('button', { type: 'button', class: 'secondary', id: 'chat-back', text: 'Back' });
    previous.addEventListener('click', back);
    actions.append(previous);
  }
  actions.append(el('button', { type: 'submit', id: 'chat-next', text: 'Next' }));
  parts.push(actions);
  form.replaceChildren(...parts);
  form.onsubmit = (event) => {
    event.preventDefault();
    answer(read());
  };
  (input || form.querySelector('#chat-next')).focus();
}

function labelOf(markdown) {
  return String(markdown || 'Your answer').split('\n')[0].replace(/[*`]/g, '');
}

function newChatButton() {
  const again = el('button', { type: 'button', id: 'chat-again', text: 'Deploy another 3Bot' });
  again.addEventListener('click', () => startChat('/chats/deploy'));
  return el('div', { class: 'actions' }, again);
}

// ---- My 3Bots ----------------------------------------------------------------------------------------------

const ACTIONS = {
  RUNNING: ['stop', 'change size', 'change location', 'extend', 'destroy'],
  STOPPED: ['start', 'destroy'],
  ERROR: ['restart', 'destroy'],
  DELETED: [],
  DAMAGED: [],
};

async function loadBots() {
  const reply = await api('GET', '/threebots');
  if (reply.status !== 200) {
    $('bots-status').textContent = reply.json.error || 'Your 3Bots could not be listed.';
    return;
  }
  const filter = $('state-filter').value;
  const bots = reply.json.filter((b) => !filter || b.state === filter);
  $('bots-status').textContent = bots.length === 0 ? 'No 3Bots to show.' : '';
  $('bots').querySelector('tbody').replaceChildren(...bots.map((b) => (b.damaged ? damagedRow(b) : row(b))));
}

/** A 3Bot whose record the deployer cannot read: only its id is known, and nothing can be done with it here. */
function damagedRow(bot) {
  return el('tr', { class: 'damaged', 'data-uuid': bot.uuid },
    el('td', { text: '(unreadable)' }),
    el('td', { class: 'state state-DAMAGED', text: 'DAMAGED' }),
    el('td', { colspan: '4', text: 'The record of this 3Bot could not be read. Please contact support and give '
      + 'them its id: ' + bot.uuid }));
}

function row(bot) {
  const soon = bot.state !== 'DELETED' && (bot.expiry === 'EXPIRES_SOON' || bot.expiry === 'RAN_DRY'
    || (bot.expires_at && new Date(bot.expires_at) - Date.now() < 2 * 24 * 3600 * 1000));
  const actions = el('div', { class: 'actions' });
  for (const action of ACTIONS[bot.state] || []) {
    const button = el('button', {
      type: 'button', class: action === 'destroy' ? 'secondary' : undefined, text: action,
      'data-action': action, 'aria-label': action + ' ' + bot.name,
    });
    button.addEventListener('click', () => act(bot, action));
    actions.append(button);
  }
  return el('tr', { 'data-name': bot.name },
    el('td', { text: bot.name }),
    el('td', { class: 'state state-' + bot.state, text: bot.state }),
    el('td', {}, bot.state === 'DELETED' ? '' : el('a', { href: bot.url, rel: 'noopener noreferrer', text: bot.url })),
    el('td', { text: bot.node_id || bot.nodeId || '' }),
    el('td', { class: soon ? 'expiring' : undefined,
      text: bot.state === 'DELETED' ? '-' : when(bot.expires_at || bot.expiresAt) + (soon ? ' (expires soon)' : '') }),
    el('td', {}, actions));
}

/** An ISO instant as "2026-12-14 00:26 UTC". */
function when(instant) {
  return instant ? String(instant).slice(0, 16).replace('T', ' ') + ' UTC' : '-';
}

async function act(bot, action) {
  const chats = { 'change size': 'change-size', 'change location': 'change-location', extend: 'extend' };
  if (chats[action]) {
    await startChat('/chats/' + chats[action] + '?threebot=' + encodeURIComponent(bot.uuid));
    return;
  }
  const password = await askPassword(bot, action);
  if (password === null) {
    return;
  }
  $('bots-status').textContent = action + ' ' + bot.name + '...';
  const poll = setInterval(loadBots, 2000);
  const reply = await api('POST', '/threebots/' + bot.uuid + '/' + action, { password });
  clearInterval(poll);
  $('bots-status').textContent = reply.status === 200 ? bot.name + ': ' + action + ' done.'
    : (reply.json.error || action + ' failed.');
  await loadBots();
}

/** Asks the recovery password in a dialog (and a confirmation for destroy); null when cancelled. */
function askPassword(bot, action) {
  return new Promise((resolve) => {
    const dialog = $('password-dialog');
    $('password-what').textContent = 'To ' + action + ' ' + bot.name + ', give its recovery password.';
    const confirmText = $('password-confirm-text');
    confirmText.hidden = action !== 'destroy';
    confirmText.textContent = 'Destroying removes the 3Bot, its network and its backups. This cannot be undone.';
    $('password-input').value = '';
    dialog.onclose = () => resolve(dialog.returnValue === 'ok' ? $('password-input').value : null);
    dialog.showModal();
    $('password-input').focus();
  });
}

start();
