/** Users (administrators only): list, create with a generated password, edit roles and department, deactivate. */
export async function render(element, kit) {
  const { h, t } = kit;
  const page = h('div', { class: 't-page' }, h('div', { class: 't-page-header' }, h('h1', {}, t('users.title', 'Users'))));
  element.replaceChildren(page);
  if (!kit.user || !kit.user.roles.includes('administrator')) {
    page.appendChild(h('p', { class: 't-muted' }, t('users.adminsOnly', 'Only administrators manage users.')));
    return;
  }
  let roles;
  try {
    roles = await kit.api.get('/roles', { lang: kit.locale });
  } catch (error) {
    if (error instanceof kit.ApiError && (error.status === 404 || error.status === 405)) {
      page.appendChild(h('p', { class: 't-muted', 'data-test': 'users-unavailable' }, t('users.unavailable', 'User management is not available.')));
      return;
    }
    throw error;
  }
  const roleOptions = roles.map((r) => ({ value: r.name, label: r.title || r.name }));
  const departments = await kit.api.get('/departments').catch(() => []);
  const departmentOptions = departments.map((d) => ({ value: d.id, label: d.name }));
  const departmentName = Object.fromEntries(departments.map((d) => [d.id, d.name]));
  const roleTitle = Object.fromEntries(roleOptions.map((r) => [r.value, r.label]));
  const formCard = h('div');
  const table = kit.ui.table({
    search: false,
    columns: [
      { field: 'username', title: t('users.username', 'User name') },
      { field: 'displayName', title: t('users.displayName', 'Full name') },
      { field: 'roles', title: t('users.roles', 'Roles'), format: (v) => (v || []).map((r) => kit.ui.badge(roleTitle[r] || r)) },
      { field: 'department', title: t('users.department', 'Department'), format: (v) => departmentName[v] || v },
      { field: 'active', title: t('users.active', 'Active'), format: (v) => (v ? '✓' : '—') },
    ],
    load: (query) => kit.api.get('/users', { offset: query.offset, limit: query.limit }),
    onRowClick: (user) => showForm(user),
  });
  page.querySelector('.t-page-header').appendChild(h('div', { class: 't-actions' },
    h('button', { type: 'button', class: 't-button primary', onclick: () => showForm(null) }, '+ ' + t('users.new', 'New user'))));
  page.append(formCard, table);

  function showForm(user) {
    const close = () => formCard.replaceChildren();
    const fields = [
      user ? null : { name: 'username', label: t('users.username', 'User name'), required: true },
      { name: 'displayName', label: t('users.displayName', 'Full name') },
      { name: 'department', label: t('users.department', 'Department'), type: 'select', options: departmentOptions },
      ...roleOptions.map((role) => ({ name: 'role:' + role.value, label: role.label, type: 'checkbox' })),
    ].filter(Boolean);
    const values = { ...(user || {}) };
    (user ? user.roles : ['manager']).forEach((role) => { values['role:' + role] = true; });
    formCard.replaceChildren(h('div', { class: 't-card' },
      h('h2', {}, user ? user.username : t('users.new', 'New user')),
      kit.ui.form({
        fields, values,
        submit: async (v) => {
          const body = {
            username: user ? user.username : v.username, displayName: v.displayName, department: v.department,
            roles: roleOptions.map((r) => r.value).filter((r) => v['role:' + r]),
          };
          if (user) {
            await kit.api.put('/users/' + encodeURIComponent(user.username), { ...body, active: user.active });
          } else {
            const created = await kit.api.post('/users', body);
            kit.ui.dialog({ title: t('users.new', 'New user'), content: h('p', {}, t('users.password', '', { user: created.username, password: created.generatedPassword })) });
          }
          kit.ui.notify(t('common.saved', 'Saved'));
          close();
          table.reload();
        },
        cancel: close,
      }),
      user && user.active ? h('div', { class: 't-toolbar' }, h('button', {
        type: 'button', class: 't-button danger', onclick: async () => {
          await kit.api.del('/users/' + encodeURIComponent(user.username));
          close();
          table.reload();
        },
      }, t('users.deactivate', 'Deactivate'))) : null));
  }
}
