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

/**
 * Markdown without raw HTML: the text is escaped first, then bold, code, links and autolinks (http and https only),
 * headings, "- " bullet lists and lines.
 */
export function safeMarkdown(text) {
  const escaped = String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const link = (href, label) => '<a href="' + href + '" rel="noopener noreferrer" target="_blank">' + label + '</a>';
  const inline = (s) => s
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (m, label, href) => link(href, label))
    .replace(/&lt;(https?:\/\/[^\s]+?)&gt;/g, (m, href) => link(href, href));
  return escaped.split(/\n{2,}/).map((p) => {
    const heading = /^(#{1,3}) (.*)$/.exec(p);
    if (heading) {
      const level = heading[1].length + 2;
      return '<h' + level + '>' + inline(heading[2]) + '</h' + level + '>';
    }
    // consecutive "- " lines are a list; other lines are a paragraph with line breaks
    const blocks = [];
    for (const line of p.split('\n')) {
      const item = /^[-*] (.*)$/.exec(line);
      const last = blocks[blocks.length - 1];
      if (item) {
        if (last && last.list) { last.lines.push(item[1]); } else { blocks.push({ list: true, lines: [item[1]] }); }
      } else if (last && !last.list) {
        last.lines.push(line);
      } else {
        blocks.push({ list: false, lines: [line] });
      }
    }
    return blocks.map((b) => (b.list ? '<ul>' + b.lines.map((l) => '<li>' + inline(l) + '</li>').join('') + '</ul>'
      : '<p>' + inline(b.lines.join('\n')).replace(/\n/g, '<br>') + '</p>')).join('');
  }).join('');
}

/** The first https address of a Markdown text (an autolink or a link), if any. */
function firstAddress(text) {
  const found = /https:\/\/[^\s<>)\]]+/.exec(String(text ?? ''));
  return found ? found[0] : null;
}

/** An instant in the user's locale and time zone ("14 Dec 2026, 01:26"); '-' when there is none. */
const DATES = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
function when(instant) {
  const date = instant ? new Date(instant) : null;
  return date && !Number.isNaN(date.getTime()) ? DATES.format(date) : '-';
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

/** What the page knows of the chat shown: the titles of its steps seen so far, its progress, its last answer. */
let chat = newChatState('/chats/deploy');
/** Bumped by every chat render: a follow() of an older message drops its reply. */
let renders = 0;

function newChatState(path) {
  return { path, titles: {}, revision: '', log: [], step: null, stepSince: 0, typed: null, success: null };
}

async function startChat(path) {
  show('chat');
  if (sending) {
    return;
  }
  sending = true;
  $('chat-start').disabled = true;
  try {
    const reply = await api('POST', path);
    if (reply.status !== 201) {
      renderProblem(reply.json.error || 'The chat could not start.');
      return;
    }
    session = reply.json.session;
    chat = newChatState(path);
    render(reply.json);
  } finally {
    sending = false;
    $('chat-start').disabled = false;
  }
}

function renderProblem(text) {
  const form = $('chat');
  form.hidden = false;
  stopTimer();
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

async function answer(value, key) {
  chat.typed = key ? { key, value: String(value) } : null;
  const reply = await send('/answer', { value: String(value) });
  if (reply === null) {
    return false;
  }
  if (reply.status !== 200) {
    renderProblem(reply.json.error || 'The answer was not taken.');
    return false;
  }
  render(reply.json);
  return true;
}

async function back() {
  const reply = await send('/back', {});
  if (reply !== null && reply.status === 200) {
    render(reply.json);
  }
}

/** Waits for the message after the progress shown (the next progress message or the step's end) and shows it. */
async function follow(seen) {
  const mine = renders;
  let reply;
  try {
    reply = await api('GET', '/chats/' + session + '/next?seen=' + encodeURIComponent(seen));
  } catch (e) {
    reply = { status: 0, json: {} };
  }
  if (mine !== renders) {
    return; // something else was shown meanwhile
  }
  if (reply.status === 200) {
    render(reply.json);
  } else {
    setTimeout(() => { if (mine === renders) { follow(seen); } }, 2000);
  }
}

let timer = null;
function stopTimer() {
  clearInterval(timer);
  timer = null;
}

/** "1:05" for 65 seconds. */
function minutes(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

/**
 * A long step as it runs: the steps done, the current one with a spinner and the time since it began, what the
 * server said last and the messages before it, in a polite live region updated in place.
 */
function renderProgress(message) {
  const info = message.info || {};
  const text = String((message.payload || {}).msg || '');
  if (chat.step !== info.step) {
    chat.step = info.step;
    chat.stepSince = Date.now();
  }
  if (chat.log[chat.log.length - 1]?.text !== text) {
    chat.log.push({ at: new Date(), text });
    chat.log = chat.log.slice(-5);
  }
  const form = $('chat');
  let panel = $('progress');
  if (!panel) {
    panel = el('div', { id: 'progress', class: 'progress-panel', role: 'status', 'aria-live': 'polite' },
      el('ol', { id: 'progress-steps', class: 'checklist', 'aria-label': 'Steps' }),
      el('p', { id: 'progress-now', class: 'progress-now' }),
      el('p', { id: 'progress-elapsed', class: 'elapsed', 'aria-hidden': 'true' }),
      el('h3', { class: 'log-title', text: 'Latest messages' }),
      el('ol', { id: 'progress-log', class: 'log' }));
    form.replaceChildren(panel);
  }
  const items = [];
  for (let i = 1; i <= info.steps; i++) {
    if (i > info.step && !chat.titles[i]) {
      // steps not seen yet have no title here: one line says how many are to come
      const left = info.steps - i + 1;
      items.push(el('li', { class: 'check-todo' }, el('span', { class: 'mark', 'aria-hidden': 'true' }),
        el('span', { text: left + (left === 1 ? ' more step' : ' more steps') + ' to come' })));
      break;
    }
    const state = i < info.step ? 'done' : i === info.step ? 'current' : 'todo';
    const said = { done: 'done: ', current: 'in progress: ', todo: 'to come: ' }[state];
    items.push(el('li', { class: 'check-' + state, 'aria-current': state === 'current' ? 'step' : false },
      el('span', { class: state === 'current' ? 'spinner' : 'mark', 'aria-hidden': 'true',
        text: state === 'done' ? '\u2713' : '' }),
      el('span', { class: 'visually-hidden', text: said }),
      el('span', { text: chat.titles[i] || 'Step ' + i })));
  }
  $('progress-steps').replaceChildren(...items);
  const waiting = /^Waiting for /.test(text);
  $('progress-now').className = 'progress-now' + (waiting ? ' awaited' : '');
  $('progress-now').innerHTML = safeMarkdown(text);
  $('progress-log').replaceChildren(...chat.log.slice(0, -1).reverse().map((m) => el('li', {},
    el('time', { datetime: m.at.toISOString(), text: m.at.toLocaleTimeString() }), ' ',
    el('span', { text: m.text.replace(/[*`]/g, '') }))));
  const tick = () => {
    const e = $('progress-elapsed');
    if (e) {
      e.textContent = info.title + ': running for ' + minutes(Date.now() - chat.stepSince);
    }
  };
  tick();
  if (!timer) {
    timer = setInterval(tick, 1000);
  }
  follow(message.revision || '');
}

/** Renders one chat message: its step, its text, and the input its category asks for. */
function render(message) {
  renders++;
  const form = $('chat');
  form.hidden = false;
  $('chat-start').hidden = true;
  const info = message.info || {};
  sequence = typeof info.sequence === 'number' ? info.sequence : null;
  chat.revision = message.revision || '';
  if (info.step && info.title) {
    chat.titles[info.step] = info.title;
  }
  const payload = message.payload || {};
  const kwargs = payload.kwargs || {};
  const category = payload.category;
  if (category === 'md_show_update') {
    renderProgress(message);
    return;
  }
  stopTimer();
  chat.step = null;
  chat.log = [];
  const parts = [el('p', { class: 'step', text: 'Step ' + info.step + ' of ' + info.steps + ': ' + info.title })];
  const key = kwargs.key || 'value';
  const inputId = 'answer-' + key;
  const errorId = 'error-' + key;
  const described = kwargs.error ? errorId : undefined;
  // a refused answer is shown again as typed, not as the question's default
  const typed = kwargs.error && chat.typed && chat.typed.key === key ? chat.typed.value : null;
  const initial = typed ?? kwargs.default ?? '';
  const errorNote = kwargs.error ? el('p', { class: 'field-error', id: errorId, role: 'alert', text: kwargs.error })
    : null;
  let read = () => '';
  let input = null;

  if (category === 'error') {
    parts.push(el('div', { class: 'error', role: 'alert', html: safeMarkdown(payload.msg) }));
    parts.push(endActions(null));
    form.replaceChildren(...parts);
    form.querySelector('.error').setAttribute('tabindex', '-1');
    form.querySelector('.error').focus();
    return;
  }
  if (category === 'end') {
    // the end keeps the success message of the step before it, with what to do next
    const shown = chat.success || payload.msg || 'Done.';
    const heading = el('h3', { id: 'chat-outcome', tabindex: '-1', text: chat.success ? 'All done' : 'Done' });
    parts.push(heading, el('div', { class: 'message outcome', role: 'status', html: chat.success
      ? safeMarkdown(shown.replace(/^# .*\n+/, '')) : safeMarkdown(shown) }));
    parts.push(endActions(firstAddress(shown)));
    form.replaceChildren(...parts);
    heading.focus();
    return;
  }
  // the first line labels the input; the rest of the text, if any, follows it
  const lines = String(payload.msg || '').split('\n');
  const rest = lines.slice(1).join('\n').trim();
  const text = el('div', { class: 'message', html: safeMarkdown(rest) });
  const shown = el('div', { class: 'message', html: safeMarkdown(payload.msg) });
  let errorPlaced = false;
  switch (category) {
    case 'string_ask':
    case 'secret_ask':
    case 'int_ask':
      input = el('input', {
        id: inputId, type: category === 'secret_ask' ? 'password' : category === 'int_ask' ? 'number' : 'text',
        value: category === 'secret_ask' ? '' : initial, 'aria-describedby': described,
        'aria-invalid': kwargs.error ? 'true' : false,
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
          el('input', { type: 'radio', name: inputId, id, value: option, checked: option === (typed ?? kwargs.default) }),
          el('span', { text: option })));
      });
      parts.push(text, group);
      read = () => (group.querySelector('input:checked') || {}).value || '';
      input = group.querySelector('input:checked') || group.querySelector('input');
      break;
    }
    case 'drop_down_choice':
    case 'multi_choice': {
      input = el('select', { id: inputId, 'aria-describedby': described, multiple: category === 'multi_choice' });
      const chosen = String(typed ?? kwargs.default ?? '').split(',');
      (kwargs.options || []).forEach((option) => input.append(el('option', {
        value: option, text: option, selected: chosen.includes(option),
      })));
      parts.push(el('label', { for: inputId, text: labelOf(payload.msg) }), text, input);
      read = () => Array.from(input.selectedOptions).map((o) => o.value).join(',');
      break;
    }
    case 'upload_file': {
      input = el('textarea', { id: inputId, 'aria-describedby': described, 'aria-invalid': kwargs.error ? 'true' : false,
        spellcheck: 'false' });
      input.value = typed ?? '';
      const file = el('input', { type: 'file', id: 'file-' + key, accept: '.pub,text/plain' });
      file.addEventListener('change', async () => { input.value = file.files[0] ? await file.files[0].text() : ''; });
      // the error belongs to the text, right under it, not under the file picker
      parts.push(el('label', { for: inputId, text: labelOf(payload.msg) }), text, input);
      if (errorNote) {
        parts.push(errorNote);
        errorPlaced = true;
      }
      parts.push(el('label', { for: 'file-' + key, text: 'or choose a file' }), file);
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
          ['Pay before', when(kwargs.deadline)]].flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])));
      break;
    }
    default: // md_show, confirm and anything else that only shows
      parts.push(shown);
  }
  if (errorNote && !errorPlaced) {
    parts.push(errorNote);
  }
  const actions = el('div', { class: 'actions' });
  if (info.previous) {
    const previous = el('button', { type: 'button', class: 'secondary', id: 'chat-back', text: 'Back' });
    previous.addEventListener('click', back);
    actions.append(previous);
  }
  const success = info.final_step && category === 'md_show';
  actions.append(el('button', { type: 'submit', id: 'chat-next', text: success ? 'Finish' : 'Next' }));
  if (success) {
    // the success page: what was made, a way to open it and a way to the list, which also ends the chat
    chat.success = String(payload.msg || '');
    const address = firstAddress(payload.msg);
    if (address) {
      actions.append(el('a', { class: 'button', id: 'open-3bot', href: address, target: '_blank',
        rel: 'noopener noreferrer', text: 'Open my 3Bot' }));
    }
    const toList = el('button', { type: 'button', class: 'secondary', id: 'go-bots', text: 'Go to My 3Bots' });
    toList.addEventListener('click', async () => {
      if (await answer('', key)) {
        show('bots');
      }
    });
    actions.append(toList);
  }
  parts.push(actions);
  form.replaceChildren(...parts);
  form.onsubmit = (event) => {
    event.preventDefault();
    answer(read(), key);
  };
  // focus goes to the new question; a prefilled value is selected, so typing replaces it
  const focus = input || (success ? form.querySelector('.message') : form.querySelector('#chat-next'));
  if (focus === form.querySelector('.message')) {
    focus.setAttribute('tabindex', '-1');
  }
  focus.focus();
  if (typeof input?.select === 'function' && input.value) {
    input.select();
  }
}

function labelOf(markdown) {
  return String(markdown || 'Your answer').split('\n')[0].replace(/[*`#]/g, '').trim();
}

/** After a chat: open the 3Bot made (when there is one), My 3Bots, and another deploy. */
function endActions(address) {
  const actions = el('div', { class: 'actions' });
  if (address) {
    actions.append(el('a', { class: 'button', id: 'open-3bot', href: address, target: '_blank',
      rel: 'noopener noreferrer', text: 'Open my 3Bot' }));
  }
  const toList = el('button', { type: 'button', class: address ? 'secondary' : undefined, id: 'go-bots',
    text: 'Go to My 3Bots' });
  toList.addEventListener('click', () => show('bots'));
  const again = el('button', { type: 'button', class: 'secondary', id: 'chat-again', text: 'Deploy another 3Bot' });
  again.addEventListener('click', () => startChat('/chats/deploy'));
  actions.append(toList, again);
  return actions;
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

/** The operations running from this page, by 3Bot id: their rows say so and offer no other action meanwhile. */
const running = {};
const DOING = { stop: 'stopping', start: 'starting', restart: 'restarting', destroy: 'destroying' };

function row(bot) {
  const soon = bot.state !== 'DELETED' && (bot.expiry === 'EXPIRES_SOON' || bot.expiry === 'RAN_DRY'
    || (bot.expires_at && new Date(bot.expires_at) - Date.now() < 2 * 24 * 3600 * 1000));
  const doing = running[bot.uuid];
  const actions = el('div', { class: 'actions' });
  for (const action of ACTIONS[bot.state] || []) {
    const button = el('button', {
      type: 'button', class: action === 'destroy' ? 'secondary' : undefined, text: action,
      'data-action': action, 'aria-label': action + ' ' + bot.name, disabled: Boolean(doing),
    });
    button.addEventListener('click', () => act(bot, action));
    actions.append(button);
  }
  const expires = bot.expires_at || bot.expiresAt;
  return el('tr', { 'data-name': bot.name },
    el('td', { 'data-label': 'Name', text: bot.name }),
    el('td', { 'data-label': 'State', class: 'state state-' + bot.state, text: bot.state },
      doing ? el('span', { class: 'doing', text: ' (' + DOING[doing] + '...)' }) : ''),
    el('td', { 'data-label': 'Address', class: 'address' },
      bot.state === 'DELETED' ? '' : el('a', { href: bot.url, rel: 'noopener noreferrer', text: bot.url })),
    el('td', { 'data-label': 'Node', text: bot.node_id || bot.nodeId || '' }),
    el('td', { 'data-label': 'Runs until', class: soon ? 'expiring' : undefined },
      bot.state === 'DELETED' || !expires ? '-' : el('time', { datetime: expires, text: when(expires) }),
      soon ? ' (expires soon)' : ''),
    el('td', { 'data-label': 'Actions' }, actions));
}

/** A message that stays until its close button is pressed; returns a function that replaces its text. */
function toast(text, kind) {
  const note = el('div', { class: 'toast' + (kind ? ' toast-' + kind : '') });
  const body = el('span', { text });
  const close = el('button', { type: 'button', class: 'secondary close', 'aria-label': 'Dismiss', text: '\u00d7' });
  close.addEventListener('click', () => note.remove());
  note.append(body, close);
  $('toasts').append(note);
  return (newText, newKind) => {
    body.textContent = newText;
    note.className = 'toast' + (newKind ? ' toast-' + newKind : '');
  };
}

async function act(bot, action) {
  const chats = { 'change size': 'change-size', 'change location': 'change-location', extend: 'extend' };
  if (chats[action]) {
    await startChat('/chats/' + chats[action] + '?threebot=' + encodeURIComponent(bot.uuid));
    return;
  }
  askPassword(bot, action);
}

/**
 * Asks the recovery password in a dialog (and a confirmation for destroy) and runs the action from it: the dialog
 * stays open, saying what runs, until the host answers; a refusal stays in the dialog, a result becomes a toast.
 */
function askPassword(bot, action) {
  const dialog = $('password-dialog');
  const form = $('password-form');
  const problem = $('password-error');
  $('password-what').textContent = 'To ' + action + ' ' + bot.name + ', give its recovery password.';
  const confirmText = $('password-confirm-text');
  confirmText.hidden = action !== 'destroy';
  confirmText.textContent = 'Destroying removes the 3Bot, its network and its backups. This cannot be undone.';
  $('password-input').value = '';
  $('password-input').removeAttribute('aria-invalid');
  problem.hidden = true;
  problem.textContent = '';
  const controls = () => form.querySelectorAll('button, input');
  form.onsubmit = async (event) => {
    if (event.submitter && event.submitter.value === 'cancel') {
      return; // the dialog closes by itself
    }
    event.preventDefault();
    const password = $('password-input').value;
    controls().forEach((c) => { c.disabled = true; });
    problem.hidden = false;
    problem.className = 'working';
    problem.textContent = DOING[action] + ' ' + bot.name + '...';
    running[bot.uuid] = action;
    loadBots();
    const poll = setInterval(loadBots, 2000);
    let reply;
    try {
      reply = await api('POST', '/threebots/' + bot.uuid + '/' + action, { password });
    } catch (e) {
      reply = { status: 0, json: { error: 'The host could not be reached; nothing was changed.' } };
    } finally {
      clearInterval(poll);
      delete running[bot.uuid];
      controls().forEach((c) => { c.disabled = false; });
    }
    if (reply.status === 200) {
      dialog.close('done');
      toast(bot.name + ': ' + action + ' done.', 'ok');
    } else {
      problem.className = 'field-error';
      problem.setAttribute('role', 'alert');
      problem.textContent = reply.json.error || action + ' failed.';
      $('password-input').setAttribute('aria-invalid', 'true');
      $('password-input').focus();
      $('password-input').select();
    }
    await loadBots();
  };
  dialog.showModal();
  $('password-input').focus();
}

start();
