/**
 * The beauty salon's "Appointments" page of the Tessera console, written with the console's page kit
 * (docs/console-kit.md), so it looks and behaves like the core pages.
 *
 * The console loads this file as an ES module from
 * GET /api/v1/console/pages/salon.appointments/script (the platform reads it from the plugin's bundle,
 * at the path AppointmentsPage.script() names) and calls render(element, kit) with the element the page
 * owns and the kit: the API client with the user's session, translations, locale formats, table and form.
 */

const STATUSES = ['BOOKED', 'HELD', 'CANCELLED', 'NO_SHOW'];

/**
 * Draws the page: the appointments (latest first, searchable, sortable, paged) and a form to book one.
 *
 * @param {HTMLElement} element where the page is drawn; its content is replaced
 * @param {object} kit the console's page kit
 */
export async function render(element, kit) {
  const { h, t, format } = kit;
  kit.addMessages({
    en: {
      'salon.title': 'Appointments', 'salon.book': 'Book an appointment', 'salon.startsAt': 'Starts at',
      'salon.minutes': 'Minutes', 'salon.status': 'Status', 'salon.client': 'Client', 'salon.service': 'Service',
      'salon.notes': 'Notes', 'salon.booked': 'Appointment booked',
      'salon.BOOKED': 'Booked', 'salon.HELD': 'Held', 'salon.CANCELLED': 'Cancelled', 'salon.NO_SHOW': 'No-show',
    },
    ru: {
      'salon.title': 'Записи', 'salon.book': 'Записать клиента', 'salon.startsAt': 'Начало',
      'salon.minutes': 'Минут', 'salon.status': 'Статус', 'salon.client': 'Клиент', 'salon.service': 'Услуга',
      'salon.notes': 'Заметки', 'salon.booked': 'Клиент записан',
      'salon.BOOKED': 'Записан', 'salon.HELD': 'Состоялась', 'salon.CANCELLED': 'Отменена', 'salon.NO_SHOW': 'Не пришёл',
    },
  });

  const services = (await kit.api.get('/salon/services', { limit: 500, sort: 'name' })).items;
  const serviceName = Object.fromEntries(services.map((s) => [s.id, s.name]));
  const clients = (await kit.api.get('/contacts', { limit: 500, sort: 'lastName' })).items;
  const clientName = Object.fromEntries(clients.map((c) => [c.id, [c.lastName, c.firstName].filter(Boolean).join(' ')]));

  const formHolder = h('div');
  const list = kit.ui.table({
    sort: '-startsAt',
    columns: [
      { field: 'startsAt', title: t('salon.startsAt'), sortable: true, format: (v) => format.dateTime(v) },
      { field: 'durationMinutes', title: t('salon.minutes'), format: (v) => format.number(v) },
      { field: 'status', title: t('salon.status'), sortable: true,
        format: (v) => (v ? kit.ui.badge(t('salon.' + v, v), v === 'HELD' ? 'done' : v === 'BOOKED' ? null : 'lost') : '') },
      { field: 'contactId', title: t('salon.client'), format: (v) => clientName[v] || v },
      { field: 'serviceId', title: t('salon.service'), format: (v) => serviceName[v] || v },
      { field: 'notes', title: t('salon.notes') },
    ],
    filters: [{ name: 'status', label: t('salon.status'), options: STATUSES.map((s) => ({ value: s, label: t('salon.' + s) })) }],
    load: (query) => kit.api.get('/salon/appointments', query),
  });

  element.replaceChildren(h('div', { class: 't-page' },
    h('div', { class: 't-page-header' }, h('h1', {}, t('salon.title')),
      h('div', { class: 't-actions' }, h('button', { type: 'button', class: 't-button primary', onclick: book }, '+ ' + t('salon.book')))),
    formHolder,
    list));

  function book() {
    const close = () => formHolder.replaceChildren();
    formHolder.replaceChildren(h('div', { class: 't-card' }, h('h2', {}, t('salon.book')), kit.ui.form({
      fields: [
        { name: 'serviceId', label: t('salon.service'), type: 'select', required: true, options: services.map((s) => ({ value: s.id, label: s.name })) },
        { name: 'contactId', label: t('salon.client'), type: 'select', required: true, options: clients.map((c) => ({ value: c.id, label: clientName[c.id] })) },
        { name: 'startsAt', label: t('salon.startsAt'), type: 'datetime', required: true },
        { name: 'durationMinutes', label: t('salon.minutes'), type: 'number' },
        { name: 'notes', label: t('salon.notes'), type: 'textarea' },
      ],
      // a problem the server names (durationMinutes out of range, …) appears next to that field
      submit: async (values) => {
        await kit.api.post('/salon/appointments', values);
        kit.ui.notify(t('salon.booked'));
        close();
        list.reload();
      },
      cancel: close,
    })));
  }
}
