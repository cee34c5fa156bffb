/**
 * The console page kit: what every page — core or plugin — gets as the second argument of
 * render(element, kit). Documented for partners in docs/console-kit.md; keep the two in step.
 *
 * Nothing here writes HTML from strings: h() and the helpers create elements and text nodes, so data
 * typed by users can never become markup.
 */
import { messages } from './messages.js';

const API = '/api/v1';
const LOCALES = ['en', 'ru'];
const LOCALE_KEY = 'tessera.locale';
const ECHARTS = './lib/echarts-5.3.1/echarts.esm.min.js';

/** A non-2xx answer of the API; problem is the application/problem+json body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || 'HTTP ' + status);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || { status };
  }
}

/** Everything the kit shares between pages: the session, the language, and what the shell reacts to. */
const state = {
  user: null,
  csrfToken: null,
  locale: initialLocale(),
  onUnauthorized: () => {},
  onActivity: () => {},
  navigate: () => {},
};

function initialLocale() {
  const saved = localStorage.getItem(LOCALE_KEY);
  if (LOCALES.includes(saved)) {
    return saved;
  }
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return LOCALES.includes(browser) ? browser : 'en';
}

// ---------------------------------------------------------------- API client

async function request(method, path, { query, body, version } = {}) {
  let url = API + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params.set(name, String(value));
      }
    }
    const text = params.toString();
    if (text) {
      url += (url.includes('?') ? '&' : '?') + text;
    }
  }
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && state.csrfToken) {
    headers['X-CSRF-Token'] = state.csrfToken;
  }
  if (version !== undefined && version !== null) {
    headers['If-Match'] = '"' + version + '"';
  }
  state.onActivity();
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : { status: response.status, title: response.statusText };
    if (response.status === 401 && !path.startsWith('/session')) {
      state.onUnauthorized();
    }
    throw new ApiError(response.status, problem);
  }
  return data;
}

/** The REST client: paths are relative to /api/v1, bodies are JSON; a non-2xx answer throws ApiError. */
export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body) => request('POST', path, { body: body === undefined ? {} : body }),
  put: (path, body, version) => request('PUT', path, { body, version }),
  del: (path, version) => request('DELETE', path, { version }),
};

// ---------------------------------------------------------------- translations and formats

const extraMessages = { en: {}, ru: {} };

/** Adds a page's own strings: addMessages({en: {key: 'text'}, ru: {key: 'текст'}}). */
export function addMessages(more) {
  for (const locale of LOCALES) {
    Object.assign(extraMessages[locale], (more && more[locale]) || {});
  }
}

/**
 * The text of key in the user's language, else the fallback, else the key; {name} is replaced by
 * params.name.
 */
export function t(key, fallback, params) {
  const text = extraMessages[state.locale][key] ?? messages[state.locale][key] ?? fallback ?? key;
  if (!params) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

function toNumber(value) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * Numbers, money and dates in the user's locale. Each can be a table column's `format` as it is: a table
 * passes (value, row), and an argument that is not what the function takes (the row) is ignored.
 */
export const format = {
  number(n, digits) {
    const number = toNumber(n);
    return number === null ? '' : new Intl.NumberFormat(state.locale, typeof digits === 'number'
      ? { maximumFractionDigits: digits } : {}).format(number);
  },
  money(amount, currency) {
    const number = toNumber(amount);
    if (number === null) {
      return '';
    }
    const code = typeof currency === 'string' && currency ? currency : 'RUB';
    try {
      return new Intl.NumberFormat(state.locale, {
        style: 'currency', currency: code, maximumFractionDigits: 2, minimumFractionDigits: 0,
      }).format(number);
    } catch (e) {
      return new Intl.NumberFormat(state.locale).format(number) + ' ' + code;
    }
  },
  date(iso) {
    if (!iso) {
      return '';
    }
    const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(iso + 'T00:00:00') : new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium' }).format(date);
  },
  dateTime(iso) {
    if (!iso) {
      return '';
    }
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso)
      : new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  },
};

// ---------------------------------------------------------------- DOM

/**
 * Builds an element: h('a', {href: '#', class: 't-button', onclick: fn}, 'text', child…). Strings become
 * text nodes; null/false children are skipped; arrays are flattened; on* attributes add listeners.
 */
export function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'selected') {
      element[name] = value;
    } else if (name === 'style') {
      throw new Error('kit.h: inline styles are blocked by the console\'s Content-Security-Policy; use classes');
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

// ---------------------------------------------------------------- UI helpers

let notices;

/** Shows a short message in the corner: kind 'info' (default) or 'error'. */
function notify(message, kind) {
  if (!notices || !notices.isConnected) {
    notices = h('div', { class: 't-notices', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(notices);
  }
  const notice = h('div', { class: 't-notice ' + (kind === 'error' ? 'error' : 'info') }, message);
  notices.appendChild(notice);
  setTimeout(() => notice.remove(), kind === 'error' ? 8000 : 4000);
  return notice;
}

/**
 * A paged list with a search box, sortable headers and filters:
 * table({columns: [{field, title, sortable, format(value, row)}], load: async ({offset, limit, sort, q, ...filters})
 * => ({items, total}), onRowClick(row), filters: [{name, label, options: [{value, label}]}], pageSize, search})
 * Returns the element; element.reload() loads the current page again.
 */
function table(options) {
  const pageSize = options.pageSize || 25;
  const view = { offset: 0, sort: options.sort || null, q: '', filters: {} };
  const status = h('span', { class: 't-muted' });
  const body = h('tbody');
  const headRow = h('tr');
  const prev = h('button', { type: 'button', class: 't-button', onclick: () => go(view.offset - pageSize) }, '‹ ' + t('kit.previous', 'Previous'));
  const next = h('button', { type: 'button', class: 't-button', onclick: () => go(view.offset + pageSize) }, t('kit.next', 'Next') + ' ›');
  const toolbar = h('div', { class: 't-toolbar' });
  if (options.search !== false) {
    let timer;
    const search = h('input', {
      type: 'search', class: 't-search', placeholder: t('kit.search', 'Search…'), 'aria-label': t('kit.search', 'Search…'),
      oninput: (event) => {
        clearTimeout(timer);
        timer = setTimeout(() => { view.q = event.target.value.trim(); go(0); }, 250);
      },
    });
    toolbar.appendChild(search);
  }
  for (const filter of options.filters || []) {
    const select = h('select', {
      'aria-label': filter.label, name: filter.name,
      onchange: (event) => { view.filters[filter.name] = event.target.value; go(0); },
    }, h('option', { value: '' }, filter.label), (filter.options || []).map((o) => h('option', { value: o.value }, o.label)));
    toolbar.appendChild(select);
  }
  for (const column of options.columns) {
    const th = h('th', { scope: 'col' }, column.title);
    if (column.sortable) {
      th.classList.add('sortable');
      th.tabIndex = 0;
      const toggle = () => {
        view.sort = view.sort === column.field ? '-' + column.field : column.field;
        go(0);
      };
      th.addEventListener('click', toggle);
      th.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(); } });
    }
    th.dataset.field = column.field;
    headRow.appendChild(th);
  }
  const element = h('div', { class: 't-table' },
    toolbar,
    h('div', { class: 't-table-scroll' }, h('table', {}, h('thead', {}, headRow), body)),
    h('div', { class: 't-pager' }, status, prev, next));
  element.reload = () => go(view.offset);

  async function go(offset) {
    view.offset = Math.max(0, offset);
    for (const th of headRow.children) {
      const field = th.dataset.field;
      th.setAttribute('aria-sort', view.sort === field ? 'ascending' : view.sort === '-' + field ? 'descending' : 'none');
    }
    element.classList.add('loading');
    let page;
    try {
      page = await options.load({ offset: view.offset, limit: pageSize, sort: view.sort || undefined, q: view.q || undefined, ...view.filters });
    } catch (error) {
      element.classList.remove('loading');
      body.replaceChildren(h('tr', {}, h('td', { colspan: options.columns.length, class: 't-error' }, error.message)));
      return;
    }
    element.classList.remove('loading');
    const items = page.items || [];
    body.replaceChildren(...items.map((row) => {
      const tr = h('tr', {}, options.columns.map((column) => {
        const value = column.format ? column.format(row[column.field], row) : row[column.field];
        return h('td', {}, value === null || value === undefined ? '' : value);
      }));
      if (options.onRowClick) {
        tr.tabIndex = 0;
        tr.classList.add('clickable');
        tr.addEventListener('click', () => options.onRowClick(row));
        tr.addEventListener('keydown', (event) => { if (event.key === 'Enter') { options.onRowClick(row); } });
      }
      return tr;
    }));
    if (items.length === 0) {
      body.appendChild(h('tr', {}, h('td', { colspan: options.columns.length, class: 't-muted t-empty' }, t('kit.empty', 'Nothing here yet'))));
    }
    const total = page.total ?? items.length;
    status.textContent = total === 0 ? '' : t('kit.range', '{from}–{to} of {total}', {
      from: format.number(view.offset + 1), to: format.number(view.offset + items.length), total: format.number(total),
    });
    prev.disabled = view.offset === 0;
    next.disabled = view.offset + items.length >= total;
    prev.hidden = next.hidden = prev.disabled && next.disabled;
  }
  go(0);
  return element;
}

/** The server's message for a field, without the field's JSON path it starts with ("inn INN must…" → "INN must…"). */
function fieldMessage(error) {
  const path = String(error.problem.field || '');
  const message = error.message;
  if (path && message.startsWith(path + ' ')) {
    const rest = message.slice(path.length + 1);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return message;
}

function fieldOf(path) {
  return path ? String(path).split(/[.[]/)[0] : null;
}

/**
 * A form that shows the server's validation message next to the field it names:
 * form({fields: [{name, label, type, required, options: [{value, label}], help}], values, submit: async values => …,
 * submitLabel, cancel: () => …}). type is text, number, date, datetime, select, textarea, checkbox, list
 * (comma-separated values sent as an array), rows (small records, one row of inputs each, from
 * field.columns: [{name, label, options}]), email or password. Escape calls cancel.
 */
function form(options) {
  const values = options.values || {};
  const inputs = {};
  const errors = {};
  const formError = h('div', { class: 't-form-error', role: 'alert' });
  const element = h('form', { class: 't-form', novalidate: true });
  for (const field of options.fields) {
    const id = 'f-' + field.name + '-' + Math.random().toString(36).slice(2, 8);
    const value = values[field.name];
    let input;
    if (field.type === 'select') {
      input = h('select', { id, name: field.name },
        field.required ? null : h('option', { value: '' }, '—'),
        (field.options || []).map((o) => h('option', { value: o.value, selected: String(o.value) === String(value ?? '') }, o.label)));
    } else if (field.type === 'textarea') {
      input = h('textarea', { id, name: field.name, rows: 3 });
      input.value = value ?? '';
    } else if (field.type === 'checkbox') {
      input = h('input', { id, name: field.name, type: 'checkbox', checked: Boolean(value) });
    } else if (field.type === 'rows') {
      input = rows(id, field, Array.isArray(value) ? value : []);
    } else {
      const type = { number: 'text', date: 'date', datetime: 'datetime-local', email: 'email', password: 'password' }[field.type] || 'text';
      input = h('input', { id, name: field.name, type, autocomplete: field.autocomplete || 'off' });
      if (field.type === 'number') {
        input.inputMode = 'decimal';
      }
      if (field.type === 'list') {
        input.value = Array.isArray(value) ? value.join(', ') : value ?? '';
      } else if (field.type === 'datetime') {
        input.value = value ? toLocalInput(value) : '';
      } else {
        input.value = value ?? '';
      }
    }
    if (field.required) {
      input.setAttribute('aria-required', 'true');
    }
    const error = h('div', { class: 't-field-error', id: id + '-error', 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', id + '-error');
    inputs[field.name] = input;
    errors[field.name] = error;
    const label = h('label', { for: id }, field.label, field.required ? h('span', { class: 't-required', 'aria-hidden': 'true' }, ' *') : null);
    const wide = field.type === 'textarea' || field.type === 'rows';
    element.appendChild(h('div', { class: 't-field' + (field.type === 'checkbox' ? ' checkbox' : '') + (wide ? ' wide' : ''), dataset: { field: field.name } },
      label, input, field.help ? h('div', { class: 't-muted t-help' }, field.help) : null, error));
  }
  const submitButton = h('button', { type: 'submit', class: 't-button primary' }, options.submitLabel || t('kit.save', 'Save'));
  element.appendChild(formError);
  element.appendChild(h('div', { class: 't-form-actions' }, submitButton,
    options.cancel ? h('button', { type: 'button', class: 't-button', onclick: () => options.cancel() }, t('kit.cancel', 'Cancel')) : null));
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && options.cancel) {
      event.preventDefault();
      options.cancel();
    }
  });
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    const collected = {};
    for (const field of options.fields) {
      collected[field.name] = read(field, inputs[field.name]);
      if (field.required && (collected[field.name] === null || collected[field.name] === '')) {
        show(field.name, t('kit.required', 'Required'));
        return;
      }
    }
    submitButton.disabled = true;
    try {
      await options.submit(collected);
    } catch (error) {
      const field = error instanceof ApiError ? fieldOf(error.problem.field) : null;
      if (field && inputs[field]) {
        show(field, fieldMessage(error), error.problem.field);
      } else {
        formError.textContent = error.message;
      }
    } finally {
      submitButton.disabled = false;
    }
  });
  element.showError = (field, message) => (inputs[field] ? show(field, message) : (formError.textContent = message));
  element.values = () => Object.fromEntries(options.fields.map((f) => [f.name, read(f, inputs[f.name])]));
  return element;

  function clear() {
    formError.textContent = '';
    for (const name of Object.keys(errors)) {
      errors[name].textContent = '';
      inputs[name].removeAttribute('aria-invalid');
      inputs[name].querySelectorAll('[aria-invalid]').forEach((inner) => inner.removeAttribute('aria-invalid'));
    }
  }

  /** Shows the message under the field; a path like addresses[1].city marks and focuses that row's input. */
  function show(name, message, path) {
    errors[name].textContent = message;
    const inner = inputs[name].inputAt ? inputs[name].inputAt(path) : null;
    const target = inner || inputs[name];
    target.setAttribute('aria-invalid', 'true');
    target.focus();
  }
}

/**
 * The input of a rows field: one row of inputs (or selects, for a column with options) per record, a
 * button that removes a row, and one that adds an empty row. A record keeps what it held beyond the
 * columns. .readRows() gives the records, leaving out rows with nothing filled in; .inputAt('name[i].column')
 * the input of that row and column.
 */
function rows(id, field, items) {
  const body = h('div', { class: 't-rows-body' });
  const cell = (column, item) => {
    const attrs = { name: field.name + '.' + column.name, 'aria-label': column.label, dataset: { column: column.name } };
    if (column.options) {
      return h('select', attrs, h('option', { value: '' }, column.label),
        column.options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(item[column.name] ?? '') }, o.label)));
    }
    const input = h('input', { ...attrs, type: 'text', placeholder: column.label, autocomplete: 'off' });
    input.value = item[column.name] ?? '';
    return input;
  };
  const add = (item) => {
    const row = h('div', { class: 't-row', 'data-test': field.name + '-row' }, field.columns.map((column) => cell(column, item)),
      h('button', { type: 'button', class: 't-button', 'aria-label': t('kit.removeRow', 'Remove'), onclick: () => row.remove() }, '×'));
    row.item = item;
    body.appendChild(row);
    return row;
  };
  items.forEach(add);
  const group = h('div', { id, class: 't-rows', role: 'group', 'aria-label': field.label }, body,
    h('button', { type: 'button', class: 't-button', 'data-test': 'add-' + field.name, onclick: () => add({}).querySelector('input, select').focus() },
      '+ ' + t('kit.addRow', 'Add')));
  let sent = []; // the rows last read, in the order the server numbers them
  group.readRows = () => {
    const read = [...body.children].map((row) => {
      const edited = Object.fromEntries([...row.querySelectorAll('[data-column]')].map((input) => {
        const text = input.value.trim();
        return [input.dataset.column, text === '' ? null : text];
      }));
      return { row, item: Object.values(edited).some((v) => v !== null) ? { ...row.item, ...edited } : null };
    }).filter((r) => r.item !== null);
    sent = read.map((r) => r.row);
    return read.map((r) => r.item);
  };
  group.inputAt = (path) => {
    const match = /\[(\d+)\]\.(\w+)/.exec(String(path || ''));
    const row = match ? sent[Number(match[1])] : null;
    return row ? row.querySelector(`[data-column="${match[2]}"]`) : null;
  };
  return group;
}

function toLocalInput(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function read(field, input) {
  if (field.type === 'checkbox') {
    return input.checked;
  }
  if (field.type === 'rows') {
    return input.readRows();
  }
  const raw = input.value.trim();
  if (field.type === 'list') {
    return raw === '' ? [] : raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  }
  if (raw === '') {
    return null;
  }
  if (field.type === 'number') {
    // The user's decimal comma (ru) becomes a point; a value that is still no number goes to the server
    // as text, which names the field in its answer.
    const normalized = raw.replace(/\s/g, '').replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : raw;
  }
  if (field.type === 'datetime') {
    return new Date(raw).toISOString();
  }
  return raw;
}

/**
 * A modal dialog (the browser's <dialog>: Escape closes it, focus stays inside):
 * dialog({title, content, actions: [{label, primary, onClick}]}) → the dialog element; .close() closes it.
 */
function dialog(options) {
  const element = h('dialog', { class: 't-dialog', 'aria-label': options.title },
    h('h2', {}, options.title),
    h('div', { class: 't-dialog-body' }, options.content),
    h('div', { class: 't-form-actions' }, (options.actions || [{ label: t('kit.close', 'Close') }]).map((action) =>
      h('button', {
        type: 'button', class: 't-button' + (action.primary ? ' primary' : ''),
        onclick: async () => { if (action.onClick) { await action.onClick(); } element.close(); },
      }, action.label))));
  element.addEventListener('close', () => element.remove());
  document.body.appendChild(element);
  element.showModal();
  return element;
}

let echartsModule;

/**
 * Draws an ECharts chart into element (bundled, nothing loaded from the internet). Returns a promise of
 * the chart; it resizes with the element and is disposed when the element leaves the page.
 */
async function chart(element, option) {
  echartsModule = echartsModule || import(ECHARTS);
  const echarts = await echartsModule;
  const instance = echarts.init(element, null, { renderer: 'canvas' });
  instance.setOption({ textStyle: { fontFamily: 'inherit' }, ...option });
  const observer = new ResizeObserver(() => {
    if (!element.isConnected) {
      observer.disconnect();
      instance.dispose();
      return;
    }
    instance.resize();
  });
  observer.observe(element);
  return instance;
}

/** A labelled badge for a value: badge(text, 'won'|'lost'|'open'|…). */
function badge(text, kind) {
  return h('span', { class: 't-badge' + (kind ? ' ' + String(kind).toLowerCase() : '') }, text);
}

/**
 * The change history of a record from GET /api/v1/audit: history(entity, id) → an element listing who
 * changed what, when, from which value to which.
 */
function history(entity, id) {
  const list = h('div', { class: 't-history' }, h('p', { class: 't-muted' }, t('kit.loading', 'Loading…')));
  api.get('/audit', { entity, id, limit: 50 }).then((page) => {
    const entries = Array.isArray(page) ? page : page.items || [];
    if (entries.length === 0) {
      list.replaceChildren(h('p', { class: 't-muted' }, t('kit.noHistory', 'No changes recorded')));
      return;
    }
    list.replaceChildren(h('ol', { class: 't-history-list' }, entries.map((entry) => h('li', {},
      h('div', {}, h('strong', {}, entry.user || entry.actor || ''), ' ',
        badge(t('audit.' + String(entry.action || entry.operation || '').toLowerCase(), entry.action || entry.operation || '')), ' ',
        h('span', { class: 't-muted' }, format.dateTime(entry.at || entry.timestamp || entry.createdAt))),
      changes(entry)))));
  }).catch((error) => list.replaceChildren(h('p', { class: 't-error' }, error.message)));
  return list;
}

function changes(entry) {
  const fields = entry.changes || entry.fields || [];
  const rows = (Array.isArray(fields) ? fields : Object.entries(fields).map(([field, change]) => ({ field, ...change })))
    .filter((change) => change.field !== 'id');
  if (rows.length === 0) {
    return null;
  }
  return h('table', { class: 't-changes' }, h('tbody', {}, rows.map((change) => h('tr', {},
    h('td', {}, change.field), h('td', { class: 't-muted' }, show(change.oldValue ?? change.old ?? change.from)),
    h('td', {}, '→ ', show(change.newValue ?? change.new ?? change.to))))));
}

function show(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  if (Array.isArray(value)) {
    return value.some((v) => v !== null && typeof v === 'object')
      ? t('kit.entries', '{count} entries', { count: value.length }) : value.join(', ');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The kit handed to pages. */
export const kit = {
  api,
  ApiError,
  get locale() { return state.locale; },
  t,
  addMessages,
  format,
  h,
  ui: { table, form, notify, chart, dialog, badge, history },
  navigate: (route) => state.navigate(route),
  get user() { return state.user ? { username: state.user.username, roles: [...(state.user.roles || [])] } : null; },
  route: { path: '/', rest: [] },
};

/** For the shell only: the session, the language and the callbacks the kit reports to. */
export const shell = {
  state,
  setLocale(locale) {
    if (LOCALES.includes(locale)) {
      state.locale = locale;
      localStorage.setItem(LOCALE_KEY, locale);
      document.documentElement.lang = locale;
    }
  },
  locales: LOCALES,
};
