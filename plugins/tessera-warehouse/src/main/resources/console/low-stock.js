/**
 * The warehouse's "Low stock" page of the Tessera console: the products whose available stock (over all
 * warehouses) is below their minimum, every threshold, and a form to set a product's minimum.
 *
 * Loaded by the console from GET /api/v1/console/pages/warehouse.low-stock/script; render(element, kit)
 * uses the console's page kit (docs/console-kit.md).
 */

const MESSAGES = {
  en: {
    'warehouse.low.title': 'Low stock',
    'warehouse.low.onlyLow': 'Only products below their minimum',
    'warehouse.low.product': 'Product',
    'warehouse.low.minimum': 'Minimum',
    'warehouse.low.available': 'Available',
    'warehouse.low.state': 'State',
    'warehouse.low.low': 'low',
    'warehouse.low.ok': 'enough',
    'warehouse.low.set': 'Set a minimum',
    'warehouse.low.saved': 'Minimum saved',
    'warehouse.low.remove': 'Remove',
  },
  ru: {
    'warehouse.low.title': 'Заканчивается',
    'warehouse.low.onlyLow': 'Только ниже минимума',
    'warehouse.low.product': 'Товар',
    'warehouse.low.minimum': 'Минимум',
    'warehouse.low.available': 'Доступно',
    'warehouse.low.state': 'Состояние',
    'warehouse.low.low': 'мало',
    'warehouse.low.ok': 'достаточно',
    'warehouse.low.set': 'Задать минимум',
    'warehouse.low.saved': 'Минимум сохранён',
    'warehouse.low.remove': 'Удалить',
  },
};

/**
 * Draws the page.
 *
 * @param {HTMLElement} element the page's element
 * @param {object} kit the console's page kit
 */
export async function render(element, kit) {
  kit.addMessages(MESSAGES);
  const t = (key) => kit.t(key, MESSAGES.en[key]);
  const { h } = kit;
  const products = (await kit.api.get('/products', { limit: 500, sort: 'name' })).items;
  let onlyLow = true;
  const list = h('div', {});
  const toggle = h('input', { type: 'checkbox', checked: true });

  function drawList() {
    list.replaceChildren(kit.ui.table({
      columns: [
        { field: 'productName', title: t('warehouse.low.product') },
        { field: 'minimum', title: t('warehouse.low.minimum'), format: kit.format.number },
        { field: 'available', title: t('warehouse.low.available'), format: kit.format.number },
        { field: 'low', title: t('warehouse.low.state'), format: (low) => (low ? t('warehouse.low.low') : t('warehouse.low.ok')) },
      ],
      load: async ({ offset, limit, q }) => {
        const all = (await kit.api.get('/warehouse/thresholds', onlyLow ? { low: 'true' } : {})).items
          .filter((item) => !q || (item.productName || '').toLowerCase().startsWith(q.toLowerCase()));
        return { items: all.slice(offset, offset + limit), total: all.length };
      },
      onRowClick: (row) => kit.navigate('/warehouse/history?productId=' + encodeURIComponent(row.productId)),
    }));
  }

  const form = kit.ui.form({
    fields: [
      { name: 'productId', label: t('warehouse.low.product'), type: 'select', required: true,
        options: products.map((p) => ({ value: p.id, label: p.name })) },
      { name: 'minimum', label: t('warehouse.low.minimum'), type: 'number', required: true },
    ],
    values: {},
    submit: async (values) => {
      await kit.api.put('/warehouse/thresholds/' + encodeURIComponent(values.productId), { minimum: values.minimum });
      kit.ui.notify(t('warehouse.low.saved'), 'info');
      drawList();
    },
  });

  toggle.addEventListener('change', () => { onlyLow = toggle.checked; drawList(); });
  element.replaceChildren(h('div', { class: 't-page' },
    h('h2', {}, t('warehouse.low.title')),
    h('div', { class: 't-toolbar' }, h('label', {}, toggle, ' ', t('warehouse.low.onlyLow'))),
    list,
    h('div', { class: 't-card' }, h('h3', {}, t('warehouse.low.set')), form)));
  drawList();
}
