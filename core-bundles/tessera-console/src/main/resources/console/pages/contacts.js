/** Contacts: list with search, sort and paging; detail with activities and deals; create and edit. */
import { recordPage, options, contactName, related, activityColumns, dealColumns } from '/console/records.js';

export async function render(element, kit) {
  const { t } = kit;
  let companies = null;
  const companyOptions = async () => (companies = companies || await options(kit, '/companies', (c) => c.name));
  await recordPage(element, kit, {
    route: '/contacts',
    path: '/contacts',
    entity: 'contact',
    title: t('contacts.title', 'Contacts'),
    newLabel: t('contacts.new', 'New contact'),
    sort: 'lastName',
    columns: [
      { field: 'lastName', title: t('contacts.name', 'Name'), sortable: true, format: (v, row) => contactName(row) },
      { field: 'position', title: t('contacts.position', 'Position'), sortable: true },
      { field: 'emails', title: t('common.emails', 'E-mails'), format: (v) => (v || []).join(', ') },
      { field: 'phones', title: t('common.phones', 'Phones'), format: (v) => (v || []).join(', ') },
      { field: 'createdAt', title: t('common.created', 'Created'), sortable: true, format: (v) => kit.format.date(v) },
    ],
    defaults: (query) => ({ companyId: query.get('companyId') }),
    fields: async () => [
      { name: 'lastName', label: t('contacts.lastName', 'Last name'), required: true },
      { name: 'firstName', label: t('contacts.firstName', 'First name') },
      { name: 'middleName', label: t('contacts.middleName', 'Middle name') },
      { name: 'position', label: t('contacts.position', 'Position') },
      { name: 'companyId', label: t('contacts.company', 'Company'), type: 'select', options: await companyOptions() },
      { name: 'emails', label: t('common.emails', 'E-mails'), type: 'list', help: t('common.listHelp', '') },
      { name: 'phones', label: t('common.phones', 'Phones'), type: 'list', help: t('common.listHelp', '') },
      { name: 'tags', label: t('contacts.tags', 'Tags'), type: 'list' },
      { name: 'notes', label: t('common.notes', 'Notes'), type: 'textarea' },
    ],
    heading: (c) => contactName(c),
    details: async (c) => {
      let company = null;
      if (c.companyId) {
        const found = await kit.api.get('/companies/' + c.companyId).catch(() => null);
        company = found ? kit.h('a', { href: '/console/companies/' + found.id, onclick: (e) => { e.preventDefault(); kit.navigate('/companies/' + found.id); } }, found.name) : null;
      }
      return [
        [t('contacts.position', 'Position'), c.position],
        [t('contacts.company', 'Company'), company],
        [t('common.emails', 'E-mails'), (c.emails || []).join(', ')],
        [t('common.phones', 'Phones'), (c.phones || []).join(', ')],
        [t('contacts.tags', 'Tags'), (c.tags || []).map((tag) => kit.ui.badge(tag))],
        [t('common.notes', 'Notes'), c.notes],
        [t('common.owner', 'Owner'), c.ownerId],
        [t('common.created', 'Created'), kit.format.dateTime(c.createdAt)],
      ];
    },
    sections: async (c) => [
      related(kit, t('dashboard.activities', 'Activities'), '/activities', { contactId: c.id, sort: '-dueAt' }, activityColumns(kit)),
      related(kit, t('deals.title', 'Deals'), '/deals', { contactId: c.id }, dealColumns(kit), '/deal-list'),
    ],
  });
}
