/** Price lists: list, detail with the products and their prices (add, remove), create and edit. */
import { recordPage, options, saveOrShowConflict } from '/console/records.js';

export async function render(element, kit) {
  const { h, t, format } = kit;
  await recordPage(element, kit, {
    route: '/price-lists',
    path: '/price-lists',
    entity: 'pricelist',
    title: t('priceLists.title', 'Price lists'),
    newLabel: t('priceLists.new', 'New price list'),
    sort: 'name',
    columns: [
      { field: 'name', title: t('common.name', 'Name'), sortable: true },
      { field: 'currency', title: t('deals.currency', 'Currency') },
      { field: 'items', title: t('priceLists.items', 'Items'), format: (v) => format.number((v || []).length) },
    ],
    defaults: () => ({ currency: 'RUB' }),
    fields: async () => [
      { name: 'name', label: t('common.name', 'Name'), required: true },
      { name: 'currency', label: t('deals.currency', 'Currency'), required: true },
    ],
    heading: (p) => p.name,
    details: async (p) => [[t('deals.currency', 'Currency'), p.currency], [t('common.updated', 'Updated'), format.dateTime(p.updatedAt)]],
    sections: async (p) => {
      const products = await options(kit, '/products', (x) => x.name);
      const names = Object.fromEntries(products.map((o) => [o.value, o.label]));
      const save = async (items) => {
        const saved = await saveOrShowConflict(kit, '/price-lists', p, { items }, () => kit.navigate('/price-lists/' + p.id));
        if (saved) {
          kit.ui.notify(t('common.saved', 'Saved'));
          kit.navigate('/price-lists/' + p.id);
        }
      };
      const items = p.items || [];
      return [h('div', { class: 't-card' }, h('h2', {}, t('priceLists.items', 'Items')),
        h('table', { class: 't-simple' },
          h('thead', {}, h('tr', {}, h('th', {}, t('priceLists.product', 'Product')), h('th', { class: 'num' }, t('products.price', 'Price')), h('th', {}, ''))),
          h('tbody', {}, items.map((item, index) => h('tr', {},
            h('td', {}, names[item.productId] || item.productId),
            h('td', { class: 'num' }, format.money(item.price, p.currency)),
            h('td', {}, h('button', { type: 'button', class: 't-button ghost danger', onclick: () => save(items.filter((_, i) => i !== index)) }, t('pipelines.remove', 'Remove'))))))),
        h('h3', {}, t('priceLists.addItem', 'Add product')),
        kit.ui.form({
          fields: [
            { name: 'productId', label: t('priceLists.product', 'Product'), type: 'select', required: true, options: products },
            { name: 'price', label: t('products.price', 'Price'), type: 'number', required: true },
          ],
          submitLabel: t('priceLists.addItem', 'Add product'),
          submit: async (values) => {
            try {
              await save([...items, values]);
            } catch (error) {
              // the server names items[n].price: show it next to the price
              if (error instanceof kit.ApiError && String(error.problem.field || '').startsWith('items')) {
                error.problem.field = String(error.problem.field).split('.').pop();
              }
              throw error;
            }
          },
        }))];
    },
  });
}
