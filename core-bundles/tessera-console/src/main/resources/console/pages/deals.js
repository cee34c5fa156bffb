/** Deals as a list, with detail (history), create and edit; a conflicting edit is shown, never overwritten. */
import { recordPage, options, contactName, related, activityColumns, dealColumns } from '/console/records.js';

export async function render(element, kit) {
  const { t, format } = kit;
  const pipelines = (await kit.api.get('/pipelines', { limit: 100 })).items;
  const stageNames = {};
  const stageOptions = [];
  for (const pipeline of pipelines) {
    for (const stage of pipeline.stages) {
      stageNames[stage.id] = stage.name;
      stageOptions.push({ value: stage.id, label: (pipelines.length > 1 ? pipeline.name + ' · ' : '') + stage.name });
    }
  }
  await recordPage(element, kit, {
    route: '/deal-list',
    path: '/deals',
    entity: 'deal',
    title: t('deals.title', 'Deals'),
    newLabel: t('deals.new', 'New deal'),
    sort: '-createdAt',
    columns: dealColumns(kit, stageNames),
    filters: [
      { name: 'stageId', label: t('deals.stage', 'Stage'), options: stageOptions },
    ],
    defaults: () => ({ currency: 'RUB', pipelineId: pipelines[0] && pipelines[0].id }),
    fields: async () => [
      { name: 'title', label: t('deals.dealTitle', 'Title'), required: true },
      { name: 'amount', label: t('deals.amount', 'Amount'), type: 'number' },
      { name: 'currency', label: t('deals.currency', 'Currency') },
      { name: 'pipelineId', label: t('deals.pipeline', 'Pipeline'), type: 'select', options: pipelines.map((p) => ({ value: p.id, label: p.name })) },
      { name: 'stageId', label: t('deals.stage', 'Stage'), type: 'select', options: stageOptions },
      { name: 'probability', label: t('deals.probability', 'Probability, %'), type: 'number' },
      { name: 'expectedClose', label: t('deals.expectedClose', 'Expected close'), type: 'date' },
      { name: 'companyId', label: t('deals.company', 'Company'), type: 'select', options: await options(kit, '/companies', (c) => c.name) },
      { name: 'contactId', label: t('deals.contact', 'Contact'), type: 'select', options: await options(kit, '/contacts', contactName, 'lastName') },
      { name: 'notes', label: t('common.notes', 'Notes'), type: 'textarea' },
    ],
    heading: (d) => d.title,
    details: async (d) => {
      const company = d.companyId ? await kit.api.get('/companies/' + d.companyId).catch(() => null) : null;
      const contact = d.contactId ? await kit.api.get('/contacts/' + d.contactId).catch(() => null) : null;
      return [
        [t('deals.amount', 'Amount'), format.money(d.amount, d.currency)],
        [t('deals.stage', 'Stage'), kit.ui.badge(stageNames[d.stageId] || d.stageId)],
        [t('deals.probability', 'Probability, %'), format.number(d.probability)],
        [t('deals.expectedClose', 'Expected close'), format.date(d.expectedClose)],
        [t('deals.company', 'Company'), company && company.name],
        [t('deals.contact', 'Contact'), contact && contactName(contact)],
        [t('common.notes', 'Notes'), d.notes],
        [t('common.owner', 'Owner'), d.ownerId],
        [t('common.updated', 'Updated'), format.dateTime(d.updatedAt)],
      ];
    },
    sections: async (d) => [
      related(kit, t('dashboard.activities', 'Activities'), '/activities', { dealId: d.id, sort: '-dueAt' }, activityColumns(kit)),
    ],
  });
}
