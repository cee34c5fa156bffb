/**
 * The warehouse's "Stock" page of the Tessera console: stock per product and warehouse, with filters
 * (warehouse, product name, out of stock), and the stock value per warehouse.
 *
 * Loaded by the console as an ES module from GET /api/v1/console/pages/warehouse.stock/script; the console
 * calls render(element, kit) with its page kit (docs/console-kit.md). All text goes in as text.
 */

const MESSAGES = {
  en: {
    'warehouse.stock.title': 'Stock',
    'warehouse.stock.warehouse': 'Warehouse',
    'warehouse.stock.allWarehouses': 'All warehouses',
    'warehouse.stock.onlyOut': 'Only out of stock',
    'warehouse.stock.product': 'Product',
    'warehouse.stock.onHand': 'On hand',
    'warehouse.stock.reserved': 'Reserved',
    'warehouse.stock.available': 'Available',
    'warehouse.stock.averageCost': 'Average cost',
    'warehouse.stock.value': 'Value',
    'warehouse.stock.total': 'Total stock value',
  },
  ru: {
    'warehouse.stock.title': 'Остатки',
    'warehouse.stock.warehouse': 'Склад',
    'warehouse.stock.allWarehouses': 'Все склады',
    'warehouse.stock.onlyOut': 'Только отсутствующие',
    'warehouse.stock.product': 'Товар',
    'warehouse.stock.onHand': 'В наличии',
    'warehouse.stock.reserved': 'В резерве',
    'warehouse.stock.available': 'Доступно',
    'warehouse.stock.averageCost': 'Средняя себестоимость',
    'warehouse.stock.value': 'Стоимость',
    'warehouse.stock.total': 'Стоимость запасов',
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
  const warehouses = (await kit.api.get('/warehouse/warehouses', { limit: 500, sort: 'name' })).items;
  const filters = { warehouseId: '', outOfStock: '' };

  const warehouseSelect = h('select', {},
    h('option', { value: '' }, t('warehouse.stock.allWarehouses')),
    ...warehouses.map((w) => h('option', { value: w.id }, w.name)));
  const onlyOut = h('input', { type: 'checkbox' });
  const values = h('div', { class: 't-grid' });
  const list = h('div', {});

  async function drawValues() {
    const report = await kit.api.get('/warehouse/stock/value');
    values.replaceChildren(
      ...report.warehouses.map((w) => h('div', { class: 't-card' },
        h('div', { class: 't-muted' }, w.warehouseName), h('strong', {}, kit.format.money(w.value)))),
      h('div', { class: 't-card' }, h('div', { class: 't-muted' }, t('warehouse.stock.total')),
        h('strong', {}, kit.format.money(report.total))));
  }

  function drawList() {
    list.replaceChildren(kit.ui.table({
      columns: [
        { field: 'productName', title: t('warehouse.stock.product') },
        { field: 'warehouseName', title: t('warehouse.stock.warehouse') },
        { field: 'onHand', title: t('warehouse.stock.onHand'), format: kit.format.number },
        { field: 'reserved', title: t('warehouse.stock.reserved'), format: kit.format.number },
        { field: 'available', title: t('warehouse.stock.available'), format: kit.format.number },
        { field: 'averageCost', title: t('warehouse.stock.averageCost'), format: (v) => kit.format.money(v) },
        { field: 'value', title: t('warehouse.stock.value'), format: (v) => kit.format.money(v) },
      ],
      load: async ({ offset, limit, q }) => {
        const query = { offset, limit };
        if (q) query.q = q;
        if (filters.warehouseId) query.warehouseId = filters.warehouseId;
        if (filters.outOfStock) query.outOfStock = 'true';
        const page = await kit.api.get('/warehouse/stock', query);
        return { items: page.items, total: page.total };
      },
      onRowClick: (row) => kit.navigate('/warehouse/history?productId=' + encodeURIComponent(row.productId)
        + '&warehouseId=' + encodeURIComponent(row.warehouseId)),
    }));
  }

  warehouseSelect.addEventListener('change', () => { filters.warehouseId = warehouseSelect.value; drawList(); });
  onlyOut.addEventListener('change', () => { filters.outOfStock = onlyOut.checked; drawList(); });

  element.replaceChildren(h('div', { class: 't-page' },
    h('h2', {}, t('warehouse.stock.title')),
    values,
    h('div', { class: 't-toolbar' }, h('label', {}, t('warehouse.stock.warehouse'), ' ', warehouseSelect),
      h('label', {}, onlyOut, ' ', t('warehouse.stock.onlyOut'))),
    list));
  drawList();
  await drawValues();
}
