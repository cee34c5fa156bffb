/** Activities and tasks: my day, overdue, all open; mark done; plan a new one. */
export async function render(element, kit) {
  const { h, t, format } = kit;
  const tabs = [
    ['my-day', t('activities.myDay', 'My day')],
    ['overdue', t('activities.overdue', 'Overdue')],
    ['all', t('activities.all', 'All open')],
  ];
  const chosen = tabs.some(([id]) => id === kit.route.rest[0]) ? kit.route.rest[0] : 'my-day';
  const list = h('div', { class: 't-card' });
  const formCard = h('div');
  element.replaceChildren(h('div', { class: 't-page' },
    h('div', { class: 't-page-header' }, h('h1', {}, t('activities.title', 'Activities and tasks')),
      h('div', { class: 't-actions' }, h('button', { type: 'button', class: 't-button primary', onclick: showForm }, '+ ' + t('activities.new', 'New activity')))),
    formCard,
    h('div', { class: 't-tabs', role: 'tablist' }, tabs.map(([id, label]) => h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(id === chosen), 'data-tab': id,
      onclick: () => kit.navigate('/activities/' + id),
    }, label))),
    list));
  await load();

  async function load() {
    const query = { done: 'false', sort: 'dueAt', limit: 500 };
    if (chosen === 'my-day' && kit.user) {
      query.ownerId = kit.user.username;
    }
    const page = await kit.api.get('/activities', query);
    const now = new Date();
    const endOfDay = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const items = page.items.filter((a) => {
      const due = a.dueAt ? new Date(a.dueAt) : null;
      if (chosen === 'overdue') {
        return due && due < now;
      }
      if (chosen === 'my-day') {
        return due && due < endOfDay;
      }
      return true;
    });
    if (items.length === 0) {
      list.replaceChildren(h('p', { class: 't-muted t-empty' }, t('activities.nothing', 'Nothing due.')));
      return;
    }
    list.replaceChildren(h('table', { class: 't-simple' },
      h('thead', {}, h('tr', {}, h('th', {}, t('activities.type', 'Type')), h('th', {}, t('activities.subject', 'Subject')),
        h('th', {}, t('activities.dueAt', 'Due')), h('th', {}, t('common.owner', 'Owner')), h('th', {}, ''))),
      h('tbody', {}, items.map((activity) => {
        const overdue = activity.dueAt && new Date(activity.dueAt) < now;
        return h('tr', { 'data-activity': activity.id },
          h('td', {}, kit.ui.badge(t('activity.' + activity.type, activity.type), activity.type)),
          h('td', {}, activity.subject),
          h('td', {}, overdue ? kit.ui.badge(format.dateTime(activity.dueAt), 'overdue') : format.dateTime(activity.dueAt)),
          h('td', {}, activity.ownerId),
          h('td', {}, h('button', {
            type: 'button', class: 't-button', onclick: async () => {
              await kit.api.put('/activities/' + activity.id, { ...activity, done: true }, activity.version);
              kit.ui.notify(t('activities.marked', 'Marked done'));
              await load();
            },
          }, '✓ ' + t('activities.markDone', 'Mark done'))));
      }))));
  }

  function showForm() {
    const close = () => formCard.replaceChildren();
    formCard.replaceChildren(h('div', { class: 't-card' }, h('h2', {}, t('activities.new', 'New activity')), kit.ui.form({
      fields: [
        { name: 'type', label: t('activities.type', 'Type'), type: 'select', required: true,
          options: ['CALL', 'MEETING', 'EMAIL', 'TASK'].map((v) => ({ value: v, label: t('activity.' + v, v) })) },
        { name: 'subject', label: t('activities.subject', 'Subject'), required: true },
        { name: 'dueAt', label: t('activities.dueAt', 'Due'), type: 'datetime' },
        { name: 'notes', label: t('common.notes', 'Notes'), type: 'textarea' },
      ],
      values: { type: 'CALL' },
      submit: async (values) => {
        await kit.api.post('/activities', { ...values, done: false });
        kit.ui.notify(t('common.saved', 'Saved'));
        close();
        await load();
      },
      cancel: close,
    })));
    formCard.querySelector('select').focus();
  }
}
