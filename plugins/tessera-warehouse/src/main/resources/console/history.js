/**
 * The warehouse's "Product history" page of the Tessera console: pick a product (and optionally a
 * warehouse) to see every movement of its stock, oldest first, with the running balance, and its stock at
 * the end of any past day.
 *
 * Loaded by the console from GET /api/v1/console/pages/warehouse.history/script; render(element, kit)
 * uses the console's page kit (docs/console-kit.md). The route may carry ?productId=&warehouseId=.
 */

const MESSAGES = {
  en: {
    'warehouse.history.title': 'Product history',
    'warehouse.history.product': 'Product',
    'warehouse.history.warehouse': 'Warehouse',
    'warehouse.history.date': 'Date',
    'warehouse.history.kind': 'Document',
    'warehouse.history.quantity': 'Quantity',
    'warehouse.history.unitCost': 'Unit cost',
    'warehouse.history.balance': 'Balance',
    'warehouse.history.by': 'By',
    'warehouse.history.asOf': 'Stock at the end of',
    'warehouse.history.show': 'Show',
    'warehouse.history.reversal': 'reversal',
  },
  ru: {
    'warehouse.history.title': 'История товара',
    'warehouse.history.product': 'Товар',
    'warehouse.history.warehouse': 'Склад',
    'warehouse.history.date': 'Дата',
    'warehouse.history.kind': 'Документ',
    'warehouse.history.quantity': 'Количество',
    'warehouse.history.unitCost': 'Себестоимость',
    'warehouse.history.balance': 'Остаток',
    'warehouse.history.by': 'Кто',
    'warehouse.history.asOf': 'Остаток на конец дня',
    'warehouse.history.show': 'Показать',
    'warehouse.history.reversal': 'сторно',
  },
};

const KINDS = {
  en: { RECEIPT: 'Receipt', SHIPMENT: 'Shipment', TRANSFER: 'Transfer', WRITE_OFF: 'Write-off', INVENTORY: 'Inventory count' },
  ru: { RECEIPT: 'Поступление', SHIPMENT: 'Отгрузка', TRANSFER: 'Перемещение', WRITE_OFF: 'Списание', INVENTORY: 'Инвентаризация' },
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
  const kinds = KINDS[kit.locale] || KINDS.en;
  const { h } = kit;
  const params = new URLSearchParams((window.location.hash.split('?')[1] || window.location.search.slice(1)));
  const [products, warehouses] = await Promise.all([
    kit.api.get('/products', { limit: 500, sort: 'name' }),
    kit.api.get('/warehouse/warehouses', { limit: 500, sort: 'name' }),
  ]);
  const warehouseName = Object.fromEntries(warehouses.items.map((w) => [w.id, w.name]));
  const productSelect = h('select', {}, ...products.items.map((p) => h('option', { value: p.id }, p.name)));
  const warehouseSelect = h('select', {}, h('option', { value: '' }, '—'),
    ...warehouses.items.map((w) => h('option', { value: w.id }, w.name)));
  if (params.get('productId')) productSelect.value = params.get('productId');
  if (params.get('warehouseId')) warehouseSelect.value = params.get('warehouseId');
  const day = h('input', { type: 'date', value: new Date().toISOString().slice(0, 10) });
  const asOf = h('span', { class: 't-badge' }, '');
  const list = h('div', {});

  async function drawAsOf() {
    if (!warehouseSelect.value || !day.value) {
      asOf.textContent = '';
      return;
    }
    const stock = await kit.api.get('/warehouse/stock/as-of',
      { productId: productSelect.value, warehouseId: warehouseSelect.value, date: day.value });
    asOf.textContent = kit.format.number(stock.onHand);
  }

  async function drawList() {
    const query = { productId: productSelect.value, limit: 1000 };
    if (warehouseSelect.value) query.warehouseId = warehouseSelect.value;
    const movements = (await kit.api.get('/warehouse/movements', query)).items;
    let balance = 0;
    const rows = movements.map((m) => {
      balance += Number(m.quantity);
      return {
        ...m,
        balance,
        warehouse: warehouseName[m.warehouseId] || m.warehouseId,
        what: kinds[m.kind] + (m.reversal ? ' (' + t('warehouse.history.reversal') + ')' : ''),
      };
    }).reverse(); // newest first, each with the balance after it
    list.replaceChildren(kit.ui.table({
      columns: [
        { field: 'postingDate', title: t('warehouse.history.date'), format: kit.format.date },
        { field: 'what', title: t('warehouse.history.kind') },
        { field: 'warehouse', title: t('warehouse.history.warehouse') },
        { field: 'quantity', title: t('warehouse.history.quantity'), format: kit.format.number },
        { field: 'unitCost', title: t('warehouse.history.unitCost'), format: (v) => kit.format.money(v) },
        { field: 'balance', title: t('warehouse.history.balance'), format: kit.format.number },
        { field: 'createdBy', title: t('warehouse.history.by') },
      ],
      load: async ({ offset, limit }) => ({ items: rows.slice(offset, offset + limit), total: rows.length }),
    }));
  }

  const show = h('button', { class: 't-button primary' }, t('warehouse.history.show'));
  const refresh = () => Promise.all([drawList(), drawAsOf()]).catch((error) => kit.ui.notify(
    error.problem ? error.problem.detail : String(error), 'error'));
  show.addEventListener('click', refresh);
  day.addEventListener('change', refresh);

  element.replaceChildren(h('div', { class: 't-page' },
    h('h2', {}, t('warehouse.history.title')),
    h('div', { class: 't-toolbar' },
      h('label', {}, t('warehouse.history.product'), ' ', productSelect),
      h('label', {}, t('warehouse.history.warehouse'), ' ', warehouseSelect), show),
    h('div', { class: 't-card' }, h('span', { class: 't-muted' }, t('warehouse.history.asOf'), ' '), day, ' ', asOf),
    list));
  if (productSelect.value) await refresh();
}
