/**
 * The "1C exchange" page of the Tessera console, written against the console kit (docs/console-kit.md).
 *
 * Three parts: the connections (the URL a 1C administrator types into 1C's "exchange with site"), the
 * exchange log (one row per 1C session; a click shows what happened in it: files, imports with their
 * counts and the elements that failed, orders sent and confirmed), and the conflict queue: counterparties
 * from 1C that could not be matched safely, which an operator links to a company or creates one for.
 * All text goes through kit.h, never as HTML.
 */

const MESSAGES = {
  en: {
    'x1c.connections': 'Connections',
    'x1c.url': 'URL for 1C',
    'x1c.encoding': 'Encoding',
    'x1c.deleteOmitted': 'a full catalog deletes the products it omits',
    'x1c.stages': 'Stages sent to 1C',
    'x1c.sessions': 'Exchange log',
    'x1c.started': 'Started',
    'x1c.last': 'Last request',
    'x1c.user': 'User',
    'x1c.connection': 'Connection',
    'x1c.events': 'Entries',
    'x1c.failures': 'Failures',
    'x1c.conflicts': 'Counterparties to resolve',
    'x1c.name': 'Name',
    'x1c.inn': 'INN',
    'x1c.kpp': 'KPP',
    'x1c.reason': 'Why',
    'x1c.id': '1C Ид',
    'x1c.link': 'Link to company',
    'x1c.companyId': 'Company id',
    'x1c.create': 'Create a company',
    'x1c.resolved': 'Resolved',
    'x1c.time': 'Time',
    'x1c.type': 'Type',
    'x1c.mode': 'Mode',
    'x1c.file': 'File',
    'x1c.outcome': 'Outcome',
    'x1c.message': 'Message',
    'x1c.counts': 'Counts',
    'x1c.errors': 'Errors',
    'x1c.back': 'Back',
    'x1c.candidates': 'Candidates',
  },
  ru: {
    'x1c.connections': 'Подключения',
    'x1c.url': 'Адрес для 1С',
    'x1c.encoding': 'Кодировка',
    'x1c.deleteOmitted': 'полный каталог удаляет товары, которых в нём нет',
    'x1c.stages': 'Стадии для выгрузки в 1С',
    'x1c.sessions': 'Журнал обмена',
    'x1c.started': 'Начало',
    'x1c.last': 'Последний запрос',
    'x1c.user': 'Пользователь',
    'x1c.connection': 'Подключение',
    'x1c.events': 'Записей',
    'x1c.failures': 'Ошибок',
    'x1c.conflicts': 'Контрагенты для разбора',
    'x1c.name': 'Наименование',
    'x1c.inn': 'ИНН',
    'x1c.kpp': 'КПП',
    'x1c.reason': 'Причина',
    'x1c.id': 'Ид 1С',
    'x1c.link': 'Связать с компанией',
    'x1c.companyId': 'Id компании',
    'x1c.create': 'Создать компанию',
    'x1c.resolved': 'Разобран',
    'x1c.time': 'Время',
    'x1c.type': 'Тип',
    'x1c.mode': 'Режим',
    'x1c.file': 'Файл',
    'x1c.outcome': 'Итог',
    'x1c.message': 'Сообщение',
    'x1c.counts': 'Счётчики',
    'x1c.errors': 'Ошибки',
    'x1c.back': 'Назад',
    'x1c.candidates': 'Кандидаты',
  },
};

let disposed = false;

/**
 * Draws the page.
 *
 * @param {HTMLElement} element where the page is drawn
 * @param {object} kit the console kit
 */
export async function render(element, kit) {
  disposed = false;
  kit.addMessages(MESSAGES);
  const t = (key) => kit.t(key, MESSAGES.en[key]);
  const h = kit.h;
  const page = h('div', { class: 't-page' });
  element.replaceChildren(page);
  await overview(page, kit, t, h);
}

/** Stops updates of a page the user left. */
export function dispose() {
  disposed = true;
}

async function overview(page, kit, t, h) {
  if (disposed) {
    return;
  }
  const connections = h('div', { class: 't-grid' });
  const sessions = h('div');
  const conflicts = h('div');
  page.replaceChildren(
    h('h2', {}, t('x1c.connections')), connections,
    h('h2', {}, t('x1c.sessions')), sessions,
    h('h2', {}, t('x1c.conflicts')), conflicts);
  try {
    const list = await kit.api.get('/exchange1c/connections');
    for (const c of list) {
      connections.append(h('div', { class: 't-card' },
        h('strong', {}, c.name),
        h('div', {}, t('x1c.url') + ': ', h('code', {}, window.location.origin + c.path)),
        h('div', { class: 't-muted' }, t('x1c.encoding') + ': ' + c.encoding + (c.zip ? ', zip' : '')
          + (c.deleteOmitted ? '; ' + t('x1c.deleteOmitted') : '')),
        h('div', { class: 't-muted' }, t('x1c.stages') + ': ' + (c.exportStages.join(', ') || '—'))));
    }
  } catch (error) {
    connections.append(problem(h, error));
  }
  sessions.append(kit.ui.table({
    columns: [
      { field: 'startedAt', title: t('x1c.started'), format: kit.format.dateTime },
      { field: 'lastAt', title: t('x1c.last'), format: kit.format.dateTime },
      { field: 'connection', title: t('x1c.connection') },
      { field: 'username', title: t('x1c.user') },
      { field: 'events', title: t('x1c.events'), format: kit.format.number },
      { field: 'failures', title: t('x1c.failures'), format: kit.format.number },
    ],
    load: ({ offset, limit }) => kit.api.get('/exchange1c/sessions', { offset, limit }),
    onRowClick: (session) => showSession(page, kit, t, h, session.id),
  }));
  conflicts.append(kit.ui.table({
    columns: [
      { field: 'connection', title: t('x1c.connection') },
      { field: 'counterpartyId', title: t('x1c.id') },
      { field: 'name', title: t('x1c.name') },
      { field: 'inn', title: t('x1c.inn') },
      { field: 'kpp', title: t('x1c.kpp') },
      { field: 'reason', title: t('x1c.reason') },
    ],
    load: ({ offset, limit }) => kit.api.get('/exchange1c/conflicts', { resolved: false, offset, limit }),
    onRowClick: (conflict) => showConflict(page, kit, t, h, conflict),
  }));
}

async function showSession(page, kit, t, h, id) {
  const back = h('button', { class: 't-button', onclick: () => overview(page, kit, t, h) }, t('x1c.back'));
  page.replaceChildren(h('div', { class: 't-toolbar' }, back));
  try {
    const log = await kit.api.get('/exchange1c/sessions/' + encodeURIComponent(id));
    page.append(h('h2', {}, log.session.connection + ' — ' + log.session.username + ', '
      + kit.format.dateTime(log.session.startedAt)));
    const rows = log.events.map((e) => h('tr', {},
      h('td', {}, kit.format.dateTime(e.at)),
      h('td', {}, e.type),
      h('td', {}, e.mode),
      h('td', {}, e.filename || ''),
      h('td', {}, h('span', { class: e.outcome === 'FAILURE' ? 't-badge' : 't-muted' }, e.outcome)),
      h('td', {}, e.message || ''),
      h('td', {}, Object.entries(e.counts).map(([k, v]) => k + ' ' + kit.format.number(v)).join(', ')),
      h('td', {}, h('pre', {}, e.errors || ''))));
    page.append(h('table', {},
      h('thead', {}, h('tr', {}, ...['x1c.time', 'x1c.type', 'x1c.mode', 'x1c.file', 'x1c.outcome',
        'x1c.message', 'x1c.counts', 'x1c.errors'].map((k) => h('th', {}, t(k))))),
      h('tbody', {}, ...rows)));
  } catch (error) {
    page.append(problem(h, error));
  }
}

async function showConflict(page, kit, t, h, conflict) {
  // the candidates by name and INN, not by id
  const options = await Promise.all(conflict.candidates.map(async (id) => {
    try {
      const company = await kit.api.get('/companies/' + encodeURIComponent(id));
      return { value: id, label: company.name + (company.inn ? ' (' + t('x1c.inn') + ' ' + company.inn + ')' : '') };
    } catch (error) {
      return { value: id, label: id };
    }
  }));
  const back = h('button', { class: 't-button', onclick: () => overview(page, kit, t, h) }, t('x1c.back'));
  const create = h('button', {
    class: 't-button',
    onclick: async () => {
      try {
        await kit.api.post('/exchange1c/conflicts/resolutions',
          { connection: conflict.connection, counterpartyId: conflict.counterpartyId, create: true });
        kit.ui.notify(t('x1c.resolved'), 'info');
        await overview(page, kit, t, h);
      } catch (error) {
        kit.ui.notify(error.problem ? error.problem.detail : String(error), 'error');
      }
    },
  }, t('x1c.create'));
  page.replaceChildren(
    h('div', { class: 't-toolbar' }, back, create),
    h('div', { class: 't-card' },
      h('strong', {}, conflict.name),
      h('div', {}, t('x1c.id') + ': ' + conflict.counterpartyId),
      h('div', {}, t('x1c.inn') + ': ' + (conflict.inn || '—') + ', ' + t('x1c.kpp') + ': ' + (conflict.kpp || '—')),
      h('div', { class: 't-muted' }, t('x1c.reason') + ': ' + conflict.reason),
      h('div', { class: 't-muted' }, t('x1c.candidates') + ': '
        + (options.map((o) => o.label).join(', ') || '—'))),
    h('h3', {}, t('x1c.link')),
    kit.ui.form({
      fields: [{ name: 'companyId', label: t('x1c.companyId'), type: 'select', required: true,
        options }],
      values: { companyId: conflict.candidates[0] || '' },
      submit: async (values) => {
        await kit.api.post('/exchange1c/conflicts/resolutions',
          { connection: conflict.connection, counterpartyId: conflict.counterpartyId, companyId: values.companyId });
        kit.ui.notify(t('x1c.resolved'), 'info');
        await overview(page, kit, t, h);
      },
    }));
}

function problem(h, error) {
  return h('p', { class: 't-muted' }, error.problem ? error.problem.detail : String(error));
}
