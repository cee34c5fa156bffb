/**
 * Companies: list with search, sort and paging; detail with addresses, bank accounts, contacts, activities and
 * deals; create and edit.
 */
import { recordPage, contactName, related, activityColumns, dealColumns } from '/console/records.js';

export async function render(element, kit) {
  const { t, h } = kit;
  await recordPage(element, kit, {
    route: '/companies',
    path: '/companies',
    entity: 'company',
    title: t('companies.title', 'Companies'),
    newLabel: t('companies.new', 'New company'),
    sort: 'name',
    columns: [
      { field: 'name', title: t('common.name', 'Name'), sortable: true },
      { field: 'inn', title: t('companies.inn', 'INN'), sortable: true },
      { field: 'phones', title: t('common.phones', 'Phones'), format: (v) => (v || []).join(', ') },
      { field: 'website', title: t('companies.website', 'Website') },
      { field: 'createdAt', title: t('common.created', 'Created'), sortable: true, format: (v) => kit.format.date(v) },
    ],
    fields: async () => [
      { name: 'name', label: t('common.name', 'Name'), required: true },
      { name: 'legalName', label: t('companies.legalName', 'Legal name') },
      { name: 'inn', label: t('companies.inn', 'INN') },
      { name: 'kpp', label: t('companies.kpp', 'KPP') },
      { name: 'phones', label: t('common.phones', 'Phones'), type: 'list', help: t('common.listHelp', '') },
      { name: 'emails', label: t('common.emails', 'E-mails'), type: 'list', help: t('common.listHelp', '') },
      {
        name: 'addresses', label: t('companies.addresses', 'Addresses'), type: 'rows', columns: [
          { name: 'kind', label: t('companies.addressKind', 'Kind'), options: ['legal', 'office', 'delivery'].map((kind) => ({ value: kind, label: t('companies.address.' + kind, kind) })) },
          { name: 'postalCode', label: t('companies.postalCode', 'Postal code') },
          { name: 'city', label: t('companies.city', 'City') },
          { name: 'line', label: t('companies.addressLine', 'Street, building, office') },
        ],
      },
      {
        name: 'bankAccounts', label: t('companies.bankAccounts', 'Bank accounts'), type: 'rows', columns: [
          { name: 'number', label: t('companies.accountNumber', 'Account number') },
          { name: 'bik', label: t('companies.bikLabel', 'BIK') },
          { name: 'bankName', label: t('companies.bankName', 'Bank') },
          { name: 'correspondentAccount', label: t('companies.correspondentLabel', 'Corr. account') },
        ],
      },
      { name: 'website', label: t('companies.website', 'Website') },
      { name: 'notes', label: t('common.notes', 'Notes'), type: 'textarea' },
    ],
    heading: (c) => c.name,
    details: async (c) => [
      [t('companies.legalName', 'Legal name'), c.legalName],
      [t('companies.inn', 'INN'), c.inn],
      [t('companies.kpp', 'KPP'), c.kpp],
      [t('common.phones', 'Phones'), (c.phones || []).join(', ')],
      [t('common.emails', 'E-mails'), (c.emails || []).join(', ')],
      [t('companies.addresses', 'Addresses'), (c.addresses || []).map((a) => h('div', { 'data-test': 'address' }, address(kit, a)))],
      [t('companies.bankAccounts', 'Bank accounts'), (c.bankAccounts || []).map((a) => h('div', { 'data-test': 'bank-account' }, bankAccount(kit, a)))],
      [t('companies.website', 'Website'), c.website],
      [t('common.notes', 'Notes'), c.notes],
      [t('common.owner', 'Owner'), c.ownerId],
      [t('common.created', 'Created'), kit.format.dateTime(c.createdAt)],
    ],
    sections: async (c) => [
      related(kit, t('companies.contacts', 'Contacts'), '/contacts', { companyId: c.id }, [
        { field: 'lastName', title: t('contacts.name', 'Name'), format: (v, row) => contactName(row) },
        { field: 'position', title: t('contacts.position', 'Position') },
        { field: 'phones', title: t('common.phones', 'Phones'), format: (v) => (v || []).join(', ') },
      ], '/contacts'),
      related(kit, t('deals.title', 'Deals'), '/deals', { companyId: c.id }, dealColumns(kit), '/deal-list'),
      related(kit, t('dashboard.activities', 'Activities'), '/activities', { companyId: c.id, sort: '-dueAt' }, activityColumns(kit)),
      h('div', { class: 't-toolbar' }, h('button', { type: 'button', class: 't-button', 'data-test': 'new-contact', onclick: () => kit.navigate('/contacts/new?companyId=' + c.id) }, '+ ' + t('contacts.new', 'New contact'))),
    ],
  });
}

/** @return an address on one line: its kind, then postal code, country and city unless the line already says them */
function address(kit, a) {
  const line = a.line || '';
  const parts = [a.postalCode, a.country, a.city].filter((part) => part && !line.includes(part));
  const kind = a.kind ? kit.t('companies.address.' + a.kind, a.kind) + ': ' : '';
  return kind + [...parts, line].filter(Boolean).join(', ');
}

/** @return a bank account on one line: number, bank, BIK, correspondent account */
function bankAccount(kit, a) {
  const { t } = kit;
  return [a.number, a.bankName, a.bik && t('companies.bik', 'BIK {bik}', { bik: a.bik }),
    a.correspondentAccount && t('companies.correspondentAccount', 'corr. account {number}', { number: a.correspondentAccount })]
    .filter(Boolean).join(', ');
}
