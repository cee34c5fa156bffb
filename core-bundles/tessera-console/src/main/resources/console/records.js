/**
 * What the core record pages share: a list, a detail view with the record's history, create and edit
 * forms, and the dialog that shows a conflicting change (412) instead of overwriting it. Built on the kit
 * only, so it is also an example of what a plugin page can do.
 */

/**
 * Shows "someone else changed it": who, when, and the fields where the record now differs from what the
 * user saved. Resolves with the current record.
 */
export async function showConflict(kit, path, id, original, mine) {
  const { h, t, format } = kit;
  const now = await kit.api.get(path + '/' + encodeURIComponent(id));
  const same = (a, b) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));
  const fields = [...new Set([...Object.keys(now), ...Object.keys(mine)])]
    .filter((field) => !META.includes(field))
    .filter((field) => !same(now[field], original[field]) || (field in mine && !same(mine[field], original[field])));
  await new Promise((resolve) => {
    const element = kit.ui.dialog({
      title: t('common.conflictTitle', 'Someone else changed this record'),
      content: h('div', { 'data-test': 'conflict' },
        h('p', {}, t('common.conflictText', '{user} saved a change at {time}.', { user: now.updatedBy || '—', time: format.dateTime(now.updatedAt) })),
        fields.length === 0 ? null : h('table', { class: 't-simple' },
          h('thead', {}, h('tr', {}, h('th', {}, t('common.field', 'Field')), h('th', {}, t('common.was', 'Was')),
            h('th', {}, t('common.theirs', 'Now')), h('th', {}, t('common.yours', 'Yours')))),
          h('tbody', {}, fields.map((field) => h('tr', { 'data-field': field }, h('td', {}, field), h('td', { class: 't-muted' }, show(original[field])),
            h('td', {}, show(now[field])), h('td', { class: 't-muted' }, field in mine ? show(mine[field]) : show(original[field]))))))),
      actions: [{ label: t('common.reload', 'Show the current version'), primary: true }],
    });
    element.addEventListener('close', resolve);
  });
  return now;
}

const META = ['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt'];

function blank(value) {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function norm(value) {
  return value === undefined || value === '' ? null : value;
}

function show(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Saves an edit with If-Match; a 412 shows the conflict and reloads the form with the current record. */
export async function saveOrShowConflict(kit, path, record, values, onConflict) {
  try {
    return await kit.api.put(path + '/' + encodeURIComponent(record.id), { ...record, ...values }, record.version);
  } catch (error) {
    if (error instanceof kit.ApiError && error.status === 412) {
      const now = await showConflict(kit, path, record.id, record, values);
      onConflict(now);
      return null;
    }
    throw error;
  }
}

/**
 * A whole record page at config.route: list (/), new (/new), detail (/<id>) and edit (/<id>/edit).
 * config: {path, entity, title, newLabel, columns, fields(record) → form fields, heading(record), details(record)
 * → [[label, value]], sections(record) → elements, sort, filters}
 */
export async function recordPage(element, kit, config) {
  const { h, t } = kit;
  const [id, action] = kit.route.rest;
  const base = config.route;
  const api = kit.api;
  element.replaceChildren();
  const page = h('div', { class: 't-page' });
  element.appendChild(page);

  if (!id) {
    page.append(
      h('div', { class: 't-page-header' }, h('h1', {}, config.title),
        h('div', { class: 't-actions' }, h('button', { type: 'button', class: 't-button primary', 'data-test': 'new', onclick: () => kit.navigate(base + '/new') }, '+ ' + config.newLabel))),
      kit.ui.table({
        columns: config.columns,
        sort: config.sort,
        filters: config.filters,
        load: (query) => api.get(config.path, query),
        onRowClick: (row) => kit.navigate(base + '/' + row.id),
      }));
    return;
  }

  if (id === 'new') {
    const fields = await config.fields({});
    page.append(h('h1', {}, config.newLabel), h('div', { class: 't-card' }, kit.ui.form({
      fields,
      values: config.defaults ? config.defaults(kit.route.query) : {},
      submit: async (values) => {
        const created = await api.post(config.path, values);
        kit.ui.notify(t('common.saved', 'Saved'));
        kit.navigate(base + '/' + created.id);
      },
      cancel: () => history.back(),
    })));
    return;
  }

  let record = await api.get(config.path + '/' + encodeURIComponent(id));

  if (action === 'edit') {
    const card = h('div', { class: 't-card' });
    page.append(h('h1', {}, config.heading(record)), card);
    const drawForm = async () => {
      const fields = await config.fields(record);
      card.replaceChildren(kit.ui.form({
        fields,
        values: record,
        submit: async (values) => {
          const saved = await saveOrShowConflict(kit, config.path, record, values, (now) => { record = now; drawForm(); });
          if (saved) {
            kit.ui.notify(t('common.saved', 'Saved'));
            kit.navigate(base + '/' + record.id);
          }
        },
        cancel: () => kit.navigate(base + '/' + record.id),
      }));
      const first = card.querySelector('input, select, textarea');
      if (first) {
        first.focus();
      }
    };
    await drawForm();
    return;
  }

  const details = await config.details(record);
  page.append(
    h('div', { class: 't-page-header' },
      h('button', { type: 'button', class: 't-button ghost', onclick: () => kit.navigate(base) }, '← ' + t('common.back', 'Back')),
      h('h1', {}, config.heading(record)),
      h('div', { class: 't-actions' },
        h('button', { type: 'button', class: 't-button', 'data-test': 'edit', onclick: () => kit.navigate(base + '/' + record.id + '/edit') }, t('common.edit', 'Edit')),
        h('button', {
          type: 'button', class: 't-button danger', onclick: async () => {
            await api.del(config.path + '/' + encodeURIComponent(record.id), record.version);
            kit.ui.notify(t('common.deleted', 'Moved to the recycle bin'));
            kit.navigate(base);
          },
        }, t('common.delete', 'Delete')))),
    h('div', { class: 't-columns' },
      h('div', {},
        h('div', { class: 't-card' }, h('dl', { class: 't-details' }, details.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, blank(value) ? '—' : value)]))),
        ...(config.sections ? await config.sections(record) : [])),
      h('div', {}, h('div', { class: 't-card' }, h('h2', {}, t('common.history', 'History')), kit.ui.history(config.entity, record.id)))));
}

/** Options for a select of records: [{value: id, label}], the first 500 by name. */
export async function options(kit, path, label, sort) {
  const page = await kit.api.get(path, { limit: 500, sort: sort || 'name' });
  return page.items.map((item) => ({ value: item.id, label: label(item) }));
}

/** The full name of a contact. */
export function contactName(contact) {
  return [contact.lastName, contact.firstName, contact.middleName].filter(Boolean).join(' ');
}

/** A small list of related records (activities of a contact, deals of a company) in a card. */
export function related(kit, title, path, query, columns, route) {
  const { h } = kit;
  return h('div', { class: 't-card' }, h('h2', {}, title), kit.ui.table({
    columns, search: false, pageSize: 10,
    load: (q) => kit.api.get(path, { ...q, ...query }),
    onRowClick: route ? (row) => kit.navigate(route + '/' + row.id) : undefined,
  }));
}

/** Columns of an activities list. */
export function activityColumns(kit) {
  const { t, format } = kit;
  return [
    { field: 'type', title: t('activities.type', 'Type'), format: (v) => kit.ui.badge(t('activity.' + v, v), v) },
    { field: 'subject', title: t('activities.subject', 'Subject') },
    { field: 'dueAt', title: t('activities.dueAt', 'Due'), format: (v) => format.dateTime(v) },
    { field: 'done', title: t('activities.done', 'Done'), format: (v) => (v ? '✓' : '') },
  ];
}

/** Columns of a deals list. */
export function dealColumns(kit, stageNames) {
  const { t, format } = kit;
  return [
    { field: 'title', title: t('deals.dealTitle', 'Title'), sortable: true },
    { field: 'amount', title: t('deals.amount', 'Amount'), sortable: true, format: (v, row) => format.money(v, row.currency) },
    { field: 'stageId', title: t('deals.stage', 'Stage'), format: (v) => kit.ui.badge((stageNames && stageNames[v]) || v, v === 'won' || v === 'lost' ? v : null) },
    { field: 'expectedClose', title: t('deals.expectedClose', 'Expected close'), sortable: true, format: (v) => format.date(v) },
    { field: 'ownerId', title: t('common.owner', 'Owner') },
  ];
}
