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

/** The host did not answer at all (it is away or restarting): nothing came back, not even an error. */
class HostUnreachable extends Error {}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** The banner at the top: what the page waits for, or nothing. */
function banner(text) {
  $('banner').hidden = !text;
  $('banner').textContent = text || '';
}

/** One JSON request to the host; POSTs carry the session's CSRF token. */
async function request(method, path, body) {
  const headers = {};
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrf;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin',
    });
  } catch (e) {
    throw new HostUnreachable(String(e));
  }
  let json = {};
  try {
    json = await response.json();
  } catch (e) {
    json = {};
  }
  return { status: response.status, json, retryAfter: Number(response.headers.get('Retry-After')) || 0 };
}

/** How long the page waits before asking a host that is away again: 1 s, then twice as long each time, up to 15 s. */
const BACKOFF = { first: 1000, most: 15000 };

/**
 * A JSON request. A GET waits out a host that is away or restarting, and a database outage (503): a banner says
 * so and the request is sent again after a pause growing from 1 s to 15 s, until the host answers. A POST is never
 * sent again by itself (it may have been taken): it answers status 0, and the caller looks at where things stand.
 */
async function api(method, path, body) {
  let delay = BACKOFF.first;
  for (;;) {
    let reply = null;
    try {
      reply = await request(method, path, body);
    } catch (e) {
      if (!(e instanceof HostUnreachable)) {
        throw e;
      }
      if (method !== 'GET') {
        banner('The host cannot be reached right now; the page reconnects when it is back.');
        return { status: 0, json: { error: 'The host could not be reached; look below for where things stand.' } };
      }
    }
    if (reply !== null && !(method === 'GET' && reply.status === 503)) {
      banner('');
      if (reply.status === 401 && csrf) {
        sessionEnded();
      }
      return reply;
    }
    const wait = Math.max(delay, (reply?.retryAfter || 0) * 1000);
    banner((reply ? 'The host cannot reach its database' : 'The host cannot be reached')
      + '; reconnecting in ' + Math.round(wait / 1000) + ' s...');
    await sleep(wait);
    delay = Math.min(delay * 2, BACKOFF.most);
  }
}

/** The login session is gone (it ran out, or the host forgot it): the page says so and offers to log in again. */
function sessionEnded() {
  csrf = '';
  stopTimer();
  ['terms', 'tabs', 'chat-panel', 'bots-panel', 'maint-panel'].forEach((id) => { $(id).hidden = true; });
  $('account').replaceChildren();
  $('login-why').textContent = 'Your login session ended. Log in again: your 3Bots and open chats are kept.';
  $('login-why').hidden = false;
  $('login').hidden = false;
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
  // the text's top heading level becomes an h3 (under the panel's h2), the others follow it
  const levels = (escaped.match(/^#{1,3} /gm) || []).map((h) => h.length - 1);
  const top = levels.length ? Math.min(...levels) : 1;
  return escaped.split(/\n{2,}/).map((p) => {
    const heading = /^(#{1,3}) (.*)$/.exec(p);
    if (heading) {
      const level = heading[1].length - top + 3;
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

/** Whether this host has a simulated user wallet the user may pay with (never on a real ledger). */
let demoWallet = false;

async function start() {
  const me = await api('GET', '/auth/me');
  if (me.status !== 200) {
    $('login').hidden = false;
    return;
  }
  csrf = me.json.csrf;
  $('login').hidden = true;
  const logout = el('button', { type: 'button', class: 'secondary', id: 'logout', text: 'Log out' });
  logout.addEventListener('click', async () => {
    await api('POST', '/auth/logout');
    window.location.href = '/';
  });
  $('account').replaceChildren(el('span', { text: 'Logged in as ' + me.json.user + ' ' }), logout);
  demoWallet = (await api('GET', '/payments/demo-wallet')).json.available === true;
  const terms = await api('GET', '/terms');
  if (!terms.json.accepted) {
    showTerms(terms.json.text);
    return;
  }
  showApp();
}

/** The host's terms, to accept (the app follows) or decline (nothing can be deployed; the page says so). */
function showTerms(text) {
  $('terms').hidden = false;
  $('terms-text').innerHTML = safeMarkdown(text || '');
  $('terms-check').addEventListener('change', () => { $('terms-accept').disabled = !$('terms-check').checked; });
  $('terms-accept').addEventListener('click', async () => {
    $('terms-accept').disabled = true;
    const reply = await api('POST', '/terms/accept');
    if (reply.status !== 200) {
      $('terms-declined').textContent = reply.json.error || 'The terms could not be accepted; please try again.';
      $('terms-declined').hidden = false;
      $('terms-accept').disabled = false;
      return;
    }
    $('terms').hidden = true;
    showApp();
  });
  $('terms-decline').addEventListener('click', () => {
    $('terms-check').checked = false;
    $('terms-accept').disabled = true;
    $('terms-declined').hidden = false;
    $('terms-declined').focus();
  });
}

async function showApp() {
  $('tabs').hidden = false;
  $('tab-chat').addEventListener('click', () => show('chat'));
  $('tab-bots').addEventListener('click', () => show('bots'));
  $('chat-start').addEventListener('click', () => startChat('deploy'));
  $('state-filter').addEventListener('change', loadBots);
  $('password-show').addEventListener('click', () => toggleShown($('password-show'), [$('password-input')]));
  show('chat');
  await resumeChats();
}

/** Shows a tab: the chat, My 3Bots, or a maintenance chat (under My 3Bots, in its own panel). */
function show(tab) {
  $('chat-panel').hidden = tab !== 'chat';
  $('bots-panel').hidden = tab !== 'bots';
  $('maint-panel').hidden = tab !== 'maint';
  $('tab-chat').setAttribute('aria-current', tab === 'chat' ? 'page' : 'false');
  $('tab-bots').setAttribute('aria-current', tab === 'chat' ? 'false' : 'page');
  if (tab === 'bots') {
    loadBots();
  }
}

/** Shows or hides what is typed in password fields; the button says which (aria-pressed). */
function toggleShown(button, inputs) {
  const shown = inputs[0].type === 'password';
  inputs.forEach((i) => { i.type = shown ? 'text' : 'password'; });
  button.setAttribute('aria-pressed', String(shown));
  button.textContent = shown ? 'Hide password' : 'Show password';
}

// ---- the chat ----------------------------------------------------------------------------------------------

/** What the page knows of the chat shown: the titles of its steps seen so far, its progress, its last answer. */
let chat = newChatState('deploy', null);
/** Bumped by every chat render: a follow() of an older message drops its reply. */
let renders = 0;
/** Where the page remembers the chat it shows, so a reload or another tab takes it up again. */
const CURRENT_CHAT = 'threebot-deployer.chat';
/** The user's open chats, as the host listed them last. */
let openChats = [];

function newChatState(flow, threebot) {
  return { flow, threebot, titles: {}, revision: '', log: [], step: null, stepSince: 0, typed: null, success: null };
}

/** What a maintenance chat does, for its panel's title. */
const MAINTENANCE = {
  restart: 'Start or restart', 'change-size': 'Change the size of', 'change-location': 'Move',
  extend: 'Extend the lifetime of',
};

/** Where a chat is shown: a deploy under the Deploy tab, a maintenance chat in its own panel, titled by what it does. */
function placeChat(flow, threebot) {
  const form = $('chat');
  if (flow === 'deploy') {
    $('chat-panel').append(form);
    show('chat');
  } else {
    $('maint-title').textContent = MAINTENANCE[flow] + ' ' + (threebot || 'your 3Bot');
    $('maint-panel').append(form);
    show('maint');
  }
}

/** Starts a chat (once, however often it is clicked); {@code threebot} names the 3Bot a maintenance chat is for. */
async function startChat(flow, threebot) {
  if (sending) {
    return;
  }
  sending = true;
  $('chat-start').disabled = true;
  try {
    const path = '/chats/' + flow + (threebot ? '?threebot=' + encodeURIComponent(threebot.uuid) : '');
    const reply = await api('POST', path);
    if (reply.status === 0) {
      await resumeChats(); // the chat may have started before the host went away
      return;
    }
    if (reply.status !== 201) {
      placeChat(flow, threebot?.name);
      renderProblem(reply.json.error || 'The chat could not start.');
      await listOpenChats();
      return;
    }
    session = reply.json.session;
    chat = newChatState(flow, threebot?.name);
    placeChat(flow, threebot?.name);
    render(reply.json);
  } finally {
    sending = false;
    $('chat-start').disabled = false;
  }
}

/** Lists the user's open chats, other than the one shown, each to resume or close. */
async function listOpenChats() {
  const reply = await api('GET', '/chats');
  if (reply.status !== 200) {
    return;
  }
  openChats = reply.json;
  const others = openChats.filter((c) => c.session !== session || $('chat').hidden);
  $('open-chats').hidden = others.length === 0;
  $('open-chats-list').replaceChildren(...others.map((c) => {
    const what = (c.flow === 'deploy' ? 'Deploy' : MAINTENANCE[c.flow]) + ' ' + (c.threebot || 'a new 3Bot');
    const item = el('li', { 'data-session': c.session },
      el('span', { text: what + ': step ' + c.step + ' of ' + c.steps + ', ' + c.title + (c.busy ? ' (running)' : '') }));
    const again = el('button', { type: 'button', class: 'secondary', text: 'Resume', 'aria-label': 'Resume: ' + what });
    again.addEventListener('click', () => resume(c));
    item.append(' ', again);
    if (!c.busy) {
      const close = el('button', { type: 'button', class: 'secondary', text: 'Close', 'aria-label': 'Close: ' + what });
      close.addEventListener('click', () => closeChat(c.session));
      item.append(' ', close);
    }
    return item;
  }));
}

/** After a reload, in another tab or after the host restarted: takes up the chat shown last, or the latest one. */
async function resumeChats() {
  await listOpenChats();
  const remembered = localStorage.getItem(CURRENT_CHAT);
  const pick = openChats.find((c) => c.session === remembered) || openChats.find((c) => c.flow === 'deploy');
  if (pick) {
    await resume(pick);
  }
}

/** Shows an open chat where it stands now. */
async function resume(open) {
  const reply = await api('GET', '/chats/' + open.session);
  if (reply.status !== 200) {
    await listOpenChats();
    return;
  }
  session = open.session;
  chat = newChatState(open.flow, open.threebot);
  placeChat(open.flow, open.threebot);
  render(reply.json);
  await listOpenChats();
}

/** Closes a chat the user leaves: it ends and no longer counts against their open chats. */
async function closeChat(id) {
  const reply = await api('POST', '/chats/' + id + '/close');
  if (reply.status !== 200) {
    $('chat-status').textContent = reply.json.error || 'The chat could not be closed.';
    return;
  }
  if (id === session) {
    const flow = chat.flow;
    forgetChat();
    if (flow !== 'deploy') {
      show('bots');
    }
  }
  $('chat-status').textContent = 'The chat was closed.';
  await listOpenChats();
  $('chat-start').focus();
}

/** The page shows no chat any more. */
function forgetChat() {
  renders++;
  stopTimer();
  localStorage.removeItem(CURRENT_CHAT);
  session = '';
  $('chat').hidden = true;
  $('chat').replaceChildren();
  $('chat-panel').append($('chat'));
  $('chat-start').hidden = false;
}

function renderProblem(text) {
  const form = $('chat');
  form.hidden = false;
  stopTimer();
  const problem = el('div', { class: 'error', role: 'alert', tabindex: '-1', text });
  form.replaceChildren(problem);
  problem.focus();
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
    if (reply.status === 409 || reply.status === 0) {
      // the chat moved on (another tab, a retried request), or the host went away with the answer: whether it was
      // taken or not, the chat's current message says where it stands (waited for while the host is away)
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
  const reply = await api('GET', '/chats/' + session + '/next?seen=' + encodeURIComponent(seen));
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
  $('chat-status').textContent = '';
  localStorage.setItem(CURRENT_CHAT, session);
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

  if (category === 'error' || category === 'end') {
    localStorage.removeItem(CURRENT_CHAT);
  }
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
        autocomplete: category === 'secret_ask' ? (kwargs.new_password ? 'new-password' : 'current-password') : 'off',
      });
      parts.push(el('label', { for: inputId, text: labelOf(payload.msg) }), text, input);
      read = () => input.value;
      if (category === 'secret_ask') {
        parts.push(...secretExtras(input, key, kwargs));
        if (errorNote) {
          parts.splice(parts.indexOf(input) + 1, 0, errorNote);
          errorPlaced = true;
        }
      }
      break;
    case 'single_choice': {
      const group = el('fieldset', { 'aria-describedby': described }, el('legend', { text: labelOf(payload.msg) }));
      if (kwargs.current) {
        // what the 3Bot has now is marked, and not offered as a change
        group.append(el('p', { class: 'current-choice', id: 'current-' + key }, 'Now: ',
          el('strong', { text: kwargs.current }), ' (current, not offered)'));
      }
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
      if (demoWallet && kwargs.payment_id) {
        parts.push(demoPayment(kwargs.payment_id));
      }
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
  if (!success) {
    const close = el('button', { type: 'button', class: 'secondary', id: 'chat-close', text: 'Close this chat' });
    close.addEventListener('click', () => closeChat(session));
    actions.append(close);
  }
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
    const confirm = $('confirm-' + key);
    if (confirm && confirm.value !== read()) {
      // the two typings of a new password differ: nothing is sent, the page says so under the confirmation
      let mismatch = $('mismatch-' + key);
      if (!mismatch) {
        mismatch = el('p', { class: 'field-error', id: 'mismatch-' + key, role: 'alert' });
        confirm.after(mismatch);
      }
      mismatch.textContent = 'The two passwords differ; type the same password twice.';
      confirm.setAttribute('aria-invalid', 'true');
      confirm.setAttribute('aria-describedby', 'mismatch-' + key);
      confirm.focus();
      return;
    }
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

/**
 * After a chat: open the 3Bot (when there is an address), My 3Bots, and, after a deploy, another deploy; a
 * maintenance chat leads back to My 3Bots only.
 */
function endActions(address) {
  const actions = el('div', { class: 'actions' });
  if (address) {
    actions.append(el('a', { class: 'button', id: 'open-3bot', href: address, target: '_blank',
      rel: 'noopener noreferrer', text: 'Open my 3Bot' }));
  }
  const toList = el('button', { type: 'button', class: address ? 'secondary' : undefined, id: 'go-bots',
    text: 'Go to My 3Bots' });
  const deploy = chat.flow === 'deploy';
  toList.addEventListener('click', () => {
    if (!deploy) {
      forgetChat();
    }
    show('bots');
  });
  actions.append(toList);
  if (deploy) {
    const again = el('button', { type: 'button', class: 'secondary', id: 'chat-again', text: 'Deploy another 3Bot' });
    again.addEventListener('click', () => startChat('deploy'));
    actions.append(again);
  }
  return actions;
}

/**
 * What a password question adds: a show/hide button and, for a new password, a confirmation field and the warning
 * that it cannot be reset.
 */
function secretExtras(input, key, kwargs) {
  const extras = [];
  const inputs = [input];
  if (kwargs.new_password) {
    const confirm = el('input', { id: 'confirm-' + key, type: 'password', autocomplete: 'new-password' });
    inputs.push(confirm);
    extras.push(el('label', { for: confirm.id, text: 'Type the same password again' }), confirm);
  }
  const toggle = el('button', { type: 'button', class: 'secondary toggle', id: 'show-' + key, 'aria-pressed': 'false',
    text: 'Show password' });
  toggle.addEventListener('click', () => toggleShown(toggle, inputs));
  extras.push(toggle);
  if (kwargs.new_password) {
    extras.push(el('p', { class: 'warning', id: 'warning-' + key, text: 'Write this password down: it cannot be '
      + 'reset, by you or by anyone else. Without it your 3Bot cannot be recovered, stopped or moved.' }));
  }
  return extras;
}

/** On a simulated ledger: a button that makes the demo wallet pay the request, once. */
function demoPayment(paymentId) {
  const box = el('div', { class: 'demo-wallet' },
    el('p', { text: 'This host runs on a simulated ledger: no real money moves. Pay the request with its demo '
      + 'wallet, then press Next.' }));
  const pay = el('button', { type: 'button', class: 'secondary', id: 'demo-pay', text: 'Pay with the demo wallet' });
  const said = el('p', { id: 'demo-paid', role: 'status' });
  pay.addEventListener('click', async () => {
    pay.disabled = true;
    const reply = await api('POST', '/payments/' + encodeURIComponent(paymentId) + '/demo-pay');
    if (reply.status === 200) {
      pay.remove();
      said.textContent = 'Paid from the demo wallet. Press Next to go on.';
      $('chat-next')?.focus();
    } else {
      pay.disabled = reply.status === 409;
      said.textContent = reply.json.error || 'The demo wallet could not pay.';
    }
  });
  box.append(pay, said);
  return box;
}

// ---- My 3Bots ----------------------------------------------------------------------------------------------

const ACTIONS = {
  RUNNING: ['stop', 'change size', 'change location', 'extend', 'wireguard', 'destroy'],
  STOPPED: ['start', 'wireguard', 'destroy'],
  ERROR: ['restart', 'wireguard', 'destroy'],
  DELETED: [],
  DAMAGED: [],
};

/** What an action's button says, where it is not the action's name. */
const LABELS = { wireguard: 'WireGuard config' };

async function loadBots() {
  const reply = await api('GET', '/threebots');
  if (reply.status !== 200) {
    $('bots-status').textContent = reply.json.error || 'Your 3Bots could not be listed.';
    return;
  }
  const chats = await api('GET', '/chats');
  openChats = chats.status === 200 ? chats.json : openChats;
  // a deploy under way is a row of its own until its 3Bot is on record; an operation under way marks its row
  const busy = openChats.filter((c) => c.busy && c.threebot);
  const names = new Set(reply.json.filter((b) => b.state !== 'DELETED').map((b) => b.name));
  const deploying = busy.filter((c) => c.flow === 'deploy' && !names.has(c.threebot))
    .map((c) => ({ name: c.threebot, state: 'DEPLOYING', chat: c }));
  const filter = $('state-filter').value;
  const bots = reply.json.concat(deploying).filter((b) => !filter || b.state === filter);
  $('bots-status').textContent = bots.length === 0 ? 'No 3Bots to show.' : '';
  // a redraw keeps the focus where it was: on the same action of the same 3Bot
  const focused = document.activeElement?.closest?.('#bots tr') ? document.activeElement : null;
  const refocus = focused ? [focused.closest('tr').dataset.name, focused.dataset.action] : null;
  $('bots').querySelector('tbody').replaceChildren(...bots.map((b) => (b.damaged ? damagedRow(b)
    : row(b, b.chat || busy.find((c) => c.threebot === b.name && b.state !== 'DELETED')))));
  if (refocus) {
    const again = $('bots').querySelector('tr[data-name="' + CSS.escape(refocus[0]) + '"] [data-action="'
      + CSS.escape(refocus[1] || '') + '"]');
    (again && !again.disabled ? again : $('bots-status')).focus();
  }
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
const DOING = { stop: 'stopping', start: 'starting', restart: 'restarting', destroy: 'destroying',
  wireguard: 'opening the WireGuard configuration of' };

/**
 * A 3Bot's row, with what the grid says of it (paused or deleted for lack of funds) under its state; {@code chat} is
 * a chat running for it (a deploy or a change under way), shown with its progress.
 */
function row(bot, chat) {
  const soon = bot.state !== 'DELETED' && (bot.expiry === 'EXPIRES_SOON' || bot.expiry === 'RAN_DRY'
    || (bot.expires_at && new Date(bot.expires_at) - Date.now() < 2 * 24 * 3600 * 1000));
  const doing = running[bot.uuid];
  const actions = el('div', { class: 'actions' });
  if (chat) {
    const progress = el('button', { type: 'button', class: 'secondary', text: 'show progress',
      'data-action': 'progress', 'aria-label': 'show the progress of ' + bot.name });
    progress.addEventListener('click', () => resume(chat));
    actions.append(progress);
  }
  for (const action of chat ? [] : ACTIONS[bot.state] || []) {
    const button = el('button', {
      type: 'button', class: action === 'destroy' || action === 'wireguard' ? 'secondary' : undefined,
      text: LABELS[action] || action, 'data-action': action, 'aria-label': (LABELS[action] || action) + ' ' + bot.name,
      disabled: Boolean(doing),
    });
    button.addEventListener('click', () => act(bot, action));
    actions.append(button);
  }
  const expires = bot.expires_at || bot.expiresAt;
  const under = chat ? ' (' + (chat.flow === 'deploy' ? 'deploying' : 'changing') + ': ' + chat.title + '...)' : '';
  return el('tr', { 'data-name': bot.name },
    el('td', { 'data-label': 'Name', text: bot.name }),
    el('td', { 'data-label': 'State', class: 'state state-' + bot.state, text: bot.state },
      doing ? el('span', { class: 'doing', text: ' (' + DOING[doing] + '...)' }) : '',
      under && bot.state !== 'DEPLOYING' ? el('span', { class: 'doing', text: under }) : '',
      bot.gridNote ? el('div', { class: 'grid-note', role: 'note', text: bot.gridNote }) : ''),
    el('td', { 'data-label': 'Address', class: 'address' },
      bot.state === 'DELETED' || !bot.url ? '-' : el('a', { href: bot.url, rel: 'noopener noreferrer', text: bot.url })),
    el('td', { 'data-label': 'Node', text: bot.node_id || bot.nodeId || '-' }),
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
    await startChat(chats[action], bot);
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
  $('password-what').textContent = action === 'wireguard'
    ? 'To download the WireGuard configuration of ' + bot.name + ', give its recovery password.'
    : 'To ' + action + ' ' + bot.name + ', give its recovery password.';
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
    if (reply.status === 200 && action === 'wireguard') {
      dialog.close('done');
      download(reply.json.filename || 'apps.conf', reply.json.data || '');
      toast(bot.name + ': WireGuard configuration downloaded (' + (reply.json.filename || 'apps.conf') + ').', 'ok');
    } else if (reply.status === 200) {
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
  $('password-input').type = 'password';
  $('password-show').setAttribute('aria-pressed', 'false');
  $('password-show').textContent = 'Show password';
  dialog.showModal();
  $('password-input').focus();
}

/** Saves a text as a file in the user's downloads. */
function download(filename, text) {
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/plain' })), download: filename,
    hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

start();
