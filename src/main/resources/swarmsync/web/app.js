// The swarmsync web interface: one page, a section per hash (#folders, #keys, ...), live
// figures from the server-sent events of /rest/events. Text from the node (file and folder
// names come from peers) is only ever set as text, never as HTML.
import { ApiError, call, login, logout, q, resumeSession } from './api.js';
import { qrSvg } from './qr.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const state = { status: null, folders: [], selected: null, events: null, rates: new Map() };

/** Builds an element: h('td', {class: 'num'}, 'text', child...). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return el;
}

function bytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${v.toFixed(1)} ${units[u]}`;
}

function toast(text) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('show'), 2500);
}

function errorLine(e) {
  return h('p', { class: 'error' }, e instanceof Error ? e.message : String(e));
}

/**
 * Copies through the Clipboard API (a secure context: https, or http on loopback), else with
 * the older copy command within the click. The button keeps what it copied in data-copied.
 */
async function copyText(text, what, button) {
  let copied = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
  }
  if (!copied) {
    const area = h('textarea', { readonly: true, class: 'offscreen' }, text);
    document.body.append(area);
    area.select();
    copied = document.execCommand('copy');
    area.remove();
  }
  if (!copied) {
    toast('Copying failed: select the key and copy it by hand');
    return;
  }
  if (button) button.dataset.copied = text;
  toast(`Copied ${what}`);
}

/** Runs an API call for a page; a lost session sends the user to the login page. */
async function guarded(fn) {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      showLogin();
      return undefined;
    }
    throw e;
  }
}

// ---- login ----------------------------------------------------------------------------

function showLogin(message) {
  nav.hidden = true;
  if (state.events) { state.events.close(); state.events = null; }
  const password = h('input', { type: 'password', id: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', id: 'login-error' }, message || '');
  const form = h('form', { class: 'card login', id: 'login-form' },
    h('h1', {}, 'Log in'),
    h('label', { for: 'password' }, 'Password'),
    password,
    h('p', { class: 'muted' }, 'No password set yet? Use the API key from the home\'s api-key file, ',
      'or set one with ', h('code', {}, 'swarmsync password set --home DIR'), '.'),
    error,
    h('button', { class: 'primary', type: 'submit', id: 'login-button' }, 'Log in'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      await login(password.value);
      start();
    } catch (e) {
      error.textContent = e.status === 401 ? 'Wrong password.' : e.message;
    }
  });
  main.replaceChildren(form);
  password.focus();
}

// ---- live status ----------------------------------------------------------------------

function listenForEvents() {
  if (state.events) return;
  const source = new EventSource('/rest/events');
  source.addEventListener('status', (ev) => {
    updateRates(JSON.parse(ev.data));
    if (page() === 'folders') renderFolderList();
  });
  source.addEventListener('error', () => {
    // The browser reconnects on its own; a lost session shows on the next API call.
  });
  state.events = source;
}

/** Per peer, bytes per second in and out since the previous status. */
function updateRates(status) {
  const now = performance.now();
  const previous = state.statusAt;
  for (const folder of status.folders) {
    for (const peer of folder.peers) {
      const id = `${folder.path}|${peer.device_id}`;
      const last = state.rates.get(id);
      const rate = { bytesIn: peer.bytes_in, bytesOut: peer.bytes_out, at: now, inRate: 0, outRate: 0 };
      if (last && previous) {
        const seconds = (now - last.at) / 1000;
        if (seconds > 0) {
          rate.inRate = Math.max(0, (peer.bytes_in - last.bytesIn) / seconds);
          rate.outRate = Math.max(0, (peer.bytes_out - last.bytesOut) / seconds);
        }
      }
      state.rates.set(id, rate);
    }
  }
  state.status = status;
  state.statusAt = now;
}

// ---- folders --------------------------------------------------------------------------

function progressOf(f) {
  const total = f.local_bytes + f.need_bytes;
  if (f.in_sync || total === 0) return f.need_files === 0 ? 100 : 0;
  return Math.floor((f.local_bytes / total) * 100);
}

function folderCard(f) {
  const pct = progressOf(f);
  const paused = f.state === 'paused';
  const fill = h('div');
  fill.style.width = `${pct}%`; // CSSOM, not a style attribute: the CSP allows no inline styles
  const peers = f.peers.length === 0
    ? h('p', { class: 'muted peers-none' }, paused ? 'Paused: not connected for this folder.' : 'No peer connected.')
    : h('table', { class: 'peers' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Peer'), h('th', { class: 'hide-narrow' }, 'Address'),
        h('th', {}, 'Via'), h('th', {}, '↓'), h('th', {}, '↑'))),
      h('tbody', {}, f.peers.map((p) => {
        const r = state.rates.get(`${f.path}|${p.device_id}`) || { inRate: 0, outRate: 0 };
        return h('tr', { class: 'peer', 'data-device': p.device_id },
          h('td', { class: 'mono', title: p.device_id }, p.device_id.slice(0, 14)),
          h('td', { class: 'hide-narrow mono' }, p.address),
          h('td', { class: 'connection' }, `${p.connection} (${p.found_by})`),
          h('td', { class: 'num' }, `${bytes(Math.round(r.inRate))}/s`),
          h('td', { class: 'num' }, `${bytes(Math.round(r.outRate))}/s`));
      })));
  return h('div', { class: 'card folder', 'data-path': f.path },
    h('div', { class: 'row' },
      h('span', { class: 'path grow' }, f.path),
      h('span', { class: `state ${f.state}` }, f.in_sync && f.state === 'idle' ? 'in sync' : f.state)),
    h('div', { class: 'figures' },
      h('span', {}, 'Key: ', h('b', {}, f.key_kind)),
      h('span', { class: 'files' }, `${f.local_files} files`),
      h('span', { class: 'size' }, bytes(f.local_bytes)),
      h('span', { class: 'need' }, f.need_files > 0 ? `needs ${f.need_files} files, ${bytes(f.need_bytes)}` : 'needs nothing')),
    h('div', { class: 'row' },
      h('div', { class: 'bar', role: 'progressbar', 'aria-valuenow': pct }, fill),
      h('span', { class: 'pct' }, `${pct}%`)),
    f.error ? h('p', { class: 'error' }, f.error) : null,
    peers,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: paused ? 'resume' : 'pause', onclick: () => pauseOrResume(f.path, paused) },
        paused ? 'Resume' : 'Pause'),
      h('button', { type: 'button', class: 'rescan', disabled: paused, onclick: () => act('POST', `/rest/folders/rescan?path=${q(f.path)}`, 'Rescan queued') }, 'Rescan'),
      h('button', { type: 'button', onclick: () => { state.selected = f.path; location.hash = 'keys'; } }, 'Keys'),
      h('button', { type: 'button', onclick: () => { state.selected = f.path; location.hash = 'archive'; } }, 'Archive'),
      h('button', { type: 'button', class: 'danger', onclick: () => removeFolder(f.path) }, 'Remove')));
}

async function act(method, path, message) {
  try {
    await guarded(() => call(method, path));
    toast(message);
  } catch (e) {
    toast(e.message);
  }
}

async function pauseOrResume(path, paused) {
  await act('POST', `/rest/folders/${paused ? 'resume' : 'pause'}?path=${q(path)}`, paused ? 'Resumed' : 'Paused');
  await refreshStatus();
}

async function removeFolder(path) {
  if (!confirm(`Stop sharing ${path}? Its files stay here.`)) return;
  await act('DELETE', `/rest/folders?path=${q(path)}`, 'Folder removed');
  await refreshStatus();
}

async function refreshStatus() {
  const status = await guarded(() => call('GET', '/rest/status'));
  if (status) {
    updateRates(status);
    if (page() === 'folders') renderFolderList();
  }
}

function renderFolderList() {
  const list = document.getElementById('folder-list');
  if (!list || !state.status) return;
  const folders = state.status.folders;
  list.replaceChildren(...(folders.length === 0
    ? [h('p', { class: 'muted' }, 'No folder is shared yet. Add one below.')]
    : folders.map(folderCard)));
  document.getElementById('device-id').textContent = state.status.device_id;
}

async function showFolders() {
  const path = h('input', { type: 'text', id: 'new-path', placeholder: '/home/me/Shared', required: true });
  const key = h('input', { type: 'text', id: 'new-key', placeholder: 'A… B… or E… key', required: true, autocomplete: 'off', spellcheck: 'false' });
  const error = h('div', { id: 'add-error' });
  const form = h('form', { class: 'card', id: 'add-folder' },
    h('h2', {}, 'Add a folder'),
    h('label', { for: 'new-path' }, 'Folder on this device (must exist)'), path,
    h('label', { for: 'new-key' }, 'Key: paste one from another device, or generate a new one'),
    h('div', { class: 'row' }, h('div', { class: 'grow' }, key),
      h('button', { type: 'button', id: 'generate-key', onclick: async () => {
        try {
          const made = await guarded(() => call('POST', '/rest/keys/new'));
          if (made) key.value = made.key;
        } catch (e) { error.replaceChildren(errorLine(e)); }
      } }, 'Generate key')),
    error,
    h('p', {}, h('button', { class: 'primary', type: 'submit', id: 'add-button' }, 'Add folder')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.replaceChildren();
    try {
      await guarded(() => call('POST', '/rest/folders', { path: path.value.trim(), key: key.value.trim() }));
      toast('Folder added');
      form.reset();
      await refreshStatus();
    } catch (e) {
      error.replaceChildren(errorLine(e));
    }
  });
  main.replaceChildren(
    h('h1', {}, 'Folders'),
    h('p', { class: 'muted' }, 'This device: ', h('span', { class: 'mono', id: 'device-id' }, '')),
    h('div', { id: 'folder-list' }, h('p', { class: 'muted' }, 'Loading…')),
    form);
  await refreshStatus();
}

// ---- folder picker shared by keys, conflicts and archive ------------------------------

async function folderPicker(onPick) {
  const folders = (await guarded(() => call('GET', '/rest/folders'))) || [];
  state.folders = folders;
  if (folders.length === 0) {
    return h('p', { class: 'muted' }, 'No folder is shared yet.');
  }
  if (!folders.some((f) => f.path === state.selected)) state.selected = folders[0].path;
  const select = h('select', { id: 'folder-select', onchange: () => { state.selected = select.value; onPick(select.value); } },
    folders.map((f) => h('option', { value: f.path, selected: f.path === state.selected }, `${f.path} (${f.key_kind})`)));
  setTimeout(() => onPick(state.selected), 0);
  return h('div', {}, h('label', { for: 'folder-select' }, 'Folder'), select);
}

function unavailable(what, e) {
  if (e instanceof ApiError && e.status === 404) {
    return h('p', { class: 'notice unavailable' }, `${what} are not available on this daemon yet `
      + '(its API answered 404). Update swarmsync to use them.');
  }
  return errorLine(e);
}

// ---- keys -----------------------------------------------------------------------------

const KIND_NAMES = {
  rw: 'read-write key', ro: 'read-only key', encrypted: 'encrypted key', invite: 'one-time invite key',
};

async function showKeys() {
  const out = h('div', { id: 'keys' });
  const picker = await folderPicker(async (path) => {
    out.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    try {
      const answer = await guarded(() => call('GET', `/rest/folders/keys?path=${q(path)}`));
      if (!answer) return;
      out.replaceChildren(...answer.keys.map((k) => keyCard(k.kind, k.key)));
    } catch (e) {
      out.replaceChildren(unavailable('Folder keys', e));
    }
  });
  main.replaceChildren(h('h1', {}, 'Keys'),
    h('p', { class: 'muted' }, 'The keys this device may hand out for a folder. A read-only key lets a device receive '
      + 'but not change; an encrypted key lets it store the data without reading it.'),
    picker, out);
}

function keyCard(kind, key) {
  const name = KIND_NAMES[kind] || `${kind} key`;
  const qrBox = h('div', { class: 'qr-box' });
  return h('div', { class: 'card key-card', 'data-kind': kind },
    h('h2', {}, name[0].toUpperCase() + name.slice(1)),
    h('div', { class: 'key' },
      h('input', { type: 'text', readonly: true, class: 'mono key-value', value: key, 'aria-label': name }),
      h('button', { type: 'button', class: 'copy', onclick: (ev) => copyText(key, name, ev.currentTarget) }, 'Copy')),
    h('p', {}, h('button', { type: 'button', class: 'show-qr', onclick: (ev) => {
      if (qrBox.firstChild) { qrBox.replaceChildren(); ev.target.textContent = 'Show QR code'; return; }
      qrBox.replaceChildren(qrSvg(key, 5));
      ev.target.textContent = 'Hide QR code';
    } }, 'Show QR code')),
    qrBox);
}

// ---- invites --------------------------------------------------------------------------

async function showInvites() {
  const result = h('div', { id: 'invite-result' });
  const list = h('div', { id: 'invite-list' });
  const readOnly = h('input', { type: 'checkbox', id: 'invite-ro' });
  const expires = h('select', { id: 'invite-expires' },
    [['1h', '1 hour'], ['24h', '24 hours'], ['168h', '7 days']].map(([v, t]) => h('option', { value: v, selected: v === '24h' }, t)));
  const picker = await folderPicker(() => {});
  const form = h('form', { class: 'card', id: 'invite-form' },
    h('h2', {}, 'Create an invite'),
    h('p', { class: 'muted' }, 'A one-time key (C…): the first device that redeems it joins the folder; it then stops working.'),
    picker,
    h('label', { class: 'check' }, readOnly, 'Read-only access'),
    h('label', { for: 'invite-expires' }, 'Expires after'), expires,
    h('p', {}, h('button', { class: 'primary', type: 'submit', id: 'invite-create' }, 'Create invite')),
    result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const made = await guarded(() => call('POST', '/rest/invites', { path: state.selected, read_only: readOnly.checked, expires: expires.value }));
      if (!made) return;
      result.replaceChildren(keyCard('invite', made.key),
        h('p', { class: 'muted', 'data-id': made.id }, 'Shown only now: this device keeps no copy of the key.'));
      await loadInvites(list);
    } catch (e) {
      result.replaceChildren(unavailable('Invites', e));
    }
  });
  main.replaceChildren(h('h1', {}, 'Invites'), form, h('h2', {}, 'Invites of this device'), list);
  await loadInvites(list);
}

const ACCESS_NAMES = { rw: 'read-write', ro: 'read-only' };

async function loadInvites(list) {
  try {
    const invites = await guarded(() => call('GET', '/rest/invites'));
    if (!invites) return;
    if (invites.length === 0) {
      list.replaceChildren(h('p', { class: 'muted' }, 'No invites.'));
      return;
    }
    // InviteView: id, folder, folder_id, grants (rw/ro), state (pending/used/revoked/expired),
    // expires, created, used (when it was redeemed).
    list.replaceChildren(h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Folder'), h('th', {}, 'Access'), h('th', { class: 'hide-narrow' }, 'Expires'),
        h('th', {}, 'State'), h('th', {}, ''))),
      h('tbody', {}, invites.map((i) => h('tr', { class: `invite ${i.state}`, 'data-id': i.id, 'data-state': i.state },
        h('td', { class: 'mono' }, i.folder),
        h('td', { class: 'grants' }, ACCESS_NAMES[i.grants] || i.grants),
        h('td', { class: 'hide-narrow' }, i.expires),
        h('td', { class: 'invite-state', title: i.used ? `used ${i.used}` : '' }, i.state),
        h('td', {}, i.state === 'pending'
          ? h('button', { type: 'button', class: 'danger revoke', onclick: async () => {
            await act('DELETE', `/rest/invites?id=${q(i.id)}`, 'Invite revoked');
            await loadInvites(list);
          } }, 'Revoke') : ''))))));
  } catch (e) {
    list.replaceChildren(unavailable('Invites', e));
  }
}

// ---- conflicts and archive ------------------------------------------------------------

async function showConflicts() {
  const out = h('div', { id: 'conflicts' });
  const picker = await folderPicker(async (path) => {
    try {
      const conflicts = await guarded(() => call('GET', `/rest/folders/conflicts?path=${q(path)}`));
      if (!conflicts) return;
      out.replaceChildren(conflicts.length === 0 ? h('p', { class: 'muted' }, 'No conflicts in this folder.')
        : h('table', {},
          h('thead', {}, h('tr', {}, h('th', {}, 'Conflict copy'), h('th', { class: 'hide-narrow' }, 'Of'), h('th', {}, 'Size'), h('th', { class: 'hide-narrow' }, 'Modified'))),
          h('tbody', {}, conflicts.map((c) => h('tr', { class: 'conflict' },
            h('td', { class: 'mono' }, c.path), h('td', { class: 'hide-narrow mono' }, c.original),
            h('td', { class: 'num' }, bytes(c.size)), h('td', { class: 'hide-narrow' }, c.modified))))));
    } catch (e) { out.replaceChildren(errorLine(e)); }
  });
  main.replaceChildren(h('h1', {}, 'Conflicts'),
    h('p', { class: 'muted' }, 'When two devices change a file at once, the losing version is kept beside the winner '
      + 'as name.sync-conflict-DATE-TIME-DEVICE.ext. Keep what you need and delete the copy.'),
    picker, out);
}

async function showArchive() {
  const out = h('div', { id: 'archive' });
  const load = async (path) => {
    try {
      const versions = await guarded(() => call('GET', `/rest/folders/archive?path=${q(path)}`));
      if (!versions) return;
      out.replaceChildren(versions.length === 0 ? h('p', { class: 'muted' }, 'The archive of this folder is empty.')
        : h('table', {},
          h('thead', {}, h('tr', {}, h('th', {}, 'File'), h('th', {}, 'Archived at'), h('th', {}, 'Size'), h('th', {}, ''))),
          h('tbody', {}, versions.map((v) => h('tr', { class: 'archived', 'data-archived': v.archived_path },
            h('td', { class: 'mono' }, v.original_path), h('td', {}, v.archived_at), h('td', { class: 'num' }, bytes(v.size)),
            h('td', {}, h('button', { type: 'button', class: 'restore', onclick: async () => {
              try {
                const done = await guarded(() => call('POST', '/rest/folders/archive/restore', { path, archived: v.archived_path }));
                if (done) toast(`Restored ${done.restored}`);
                await load(path);
              } catch (e) { toast(e.message); }
            } }, 'Restore')))))));
    } catch (e) { out.replaceChildren(errorLine(e)); }
  };
  const picker = await folderPicker(load);
  main.replaceChildren(h('h1', {}, 'Archive'),
    h('p', { class: 'muted' }, 'Versions that a change from another device replaced or deleted. Restoring puts one back '
      + '(what is there now is archived first) and syncs it to the other devices.'),
    picker, out);
}

// ---- settings -------------------------------------------------------------------------

async function showSettings() {
  const settings = await guarded(() => call('GET', '/rest/settings'));
  if (!settings) return;
  const listen = h('input', { type: 'text', id: 'listen', value: settings.listen });
  const checks = ['lan', 'tracker', 'dht'].map((name) => h('input', { type: 'checkbox', id: `disc-${name}`, checked: settings.discovery[name] }));
  const saved = h('div', { id: 'settings-result' });
  const form = h('form', { class: 'card', id: 'settings-form' },
    h('h2', {}, 'Connections'),
    h('p', { class: 'muted' }, `Listening for peers on ${settings.listening}. Changes are saved to config.json `
      + 'and take effect when the daemon next starts.'),
    h('label', { for: 'listen' }, 'Listen address (HOST:PORT)'), listen,
    h('label', { class: 'check' }, checks[0], 'LAN discovery', settings.discovery_running.lan ? '' : ' (off now)'),
    h('label', { class: 'check' }, checks[1], 'BitTorrent trackers', settings.discovery_running.tracker ? '' : ' (off now)'),
    h('label', { class: 'check' }, checks[2], 'Mainline DHT', settings.discovery_running.dht ? '' : ' (off now)'),
    h('p', { class: 'muted' }, 'Bandwidth limits: this version has none.'),
    saved,
    h('p', {}, h('button', { class: 'primary', type: 'submit', id: 'settings-save' }, 'Save')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await guarded(() => call('PUT', '/rest/settings', {
        listen: listen.value.trim(),
        discovery: { lan: checks[0].checked, tracker: checks[1].checked, dht: checks[2].checked },
      }));
      saved.replaceChildren(h('p', {}, 'Saved. Restart the daemon to apply.'));
    } catch (e) { saved.replaceChildren(errorLine(e)); }
  });
  const current = h('input', { type: 'password', id: 'current-password', autocomplete: 'current-password' });
  const next = h('input', { type: 'password', id: 'new-password', autocomplete: 'new-password', minlength: 8 });
  const pwResult = h('div', { id: 'password-result' });
  const pwForm = h('form', { class: 'card', id: 'password-form' },
    h('h2', {}, 'Password'),
    h('p', { class: 'muted' }, settings.password_set ? 'Changing it logs every browser out.'
      : 'No password is set: you logged in with the API key. Set one to serve the interface beyond this machine.'),
    h('label', { for: 'current-password' }, settings.password_set ? 'Current password' : 'API key'), current,
    h('label', { for: 'new-password' }, 'New password (at least 8 characters)'), next,
    pwResult,
    h('p', {}, h('button', { class: 'primary', type: 'submit' }, 'Change password')));
  pwForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await guarded(() => call('POST', '/rest/password', { current: current.value, new: next.value }));
      showLogin('Password changed. Log in with the new one.');
    } catch (e) { pwResult.replaceChildren(errorLine(e)); }
  });
  main.replaceChildren(h('h1', {}, 'Settings'), form, pwForm);
}

// ---- navigation -----------------------------------------------------------------------

const PAGES = {
  folders: showFolders, keys: showKeys, invites: showInvites, conflicts: showConflicts,
  archive: showArchive, settings: showSettings,
};

function page() {
  const name = location.hash.replace('#', '');
  return PAGES[name] ? name : 'folders';
}

async function render() {
  if (nav.hidden) return;
  const name = page();
  nav.querySelectorAll('a').forEach((a) => a.classList.toggle('active', a.dataset.page === name));
  main.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    await PAGES[name]();
  } catch (e) {
    main.replaceChildren(h('h1', {}, name), errorLine(e));
  }
}

function start() {
  nav.hidden = false;
  listenForEvents();
  render();
}

window.addEventListener('hashchange', render);
document.getElementById('logout').addEventListener('click', async () => {
  await logout().catch(() => {});
  showLogin('Logged out.');
});

(async () => {
  try {
    if (await resumeSession()) start();
    else showLogin();
  } catch (e) {
    main.replaceChildren(errorLine(e));
  }
})();
