/**
 * The warehouse's "Documents" page of the Tessera console: receipts, shipments, transfers, write-offs and
 * inventory counts, filtered by kind, status and warehouse; a new draft with one line (or posted at once);
 * posting and reversing the document a row shows.
 *
 * Loaded by the console from GET /api/v1/console/pages/warehouse.documents/script; render(element, kit)
 * uses the console's page kit (docs/console-kit.md). A refused posting (409: stock is short) shows the
 * server's message, which names the product and what is available.
 */

const MESSAGES = {
  en: {
    'warehouse.docs.title': 'Warehouse documents',
    'warehouse.docs.number': 'Number',
    'warehouse.docs.kind': 'Kind',
    'warehouse.docs.status': 'Status',
    'warehouse.docs.warehouse': 'Warehouse',
    'warehouse.docs.target': 'To warehouse',
    'warehouse.docs.date': 'Posting date',
    'warehouse.docs.lines': 'Lines',
    'warehouse.docs.any': 'Any',
    'warehouse.docs.new': 'New draft',
    'warehouse.docs.product': 'Product',
    'warehouse.docs.quantity': 'Quantity (counted, for a count)',
    'warehouse.docs.price': 'Unit cost',
    'warehouse.docs.post': 'Post',
    'warehouse.docs.reverse': 'Reverse',
    'warehouse.docs.posted': 'Posted',
    'warehouse.docs.reversed': 'Reversed',
    'warehouse.docs.created': 'Draft created',
    'warehouse.docs.postNow': 'Post at once',
  },
  ru: {
    'warehouse.docs.title': 'Складские документы',
    'warehouse.docs.number': 'Номер',
    'warehouse.docs.kind': 'Вид',
    'warehouse.docs.status': 'Статус',
    'warehouse.docs.warehouse': 'Склад',
    'warehouse.docs.target': 'На склад',
    'warehouse.docs.date': 'Дата проведения',
    'warehouse.docs.lines': 'Строк',
    'warehouse.docs.any': 'Любой',
    'warehouse.docs.new': 'Новый черновик',
    'warehouse.docs.product': 'Товар',
    'warehouse.docs.quantity': 'Количество (для инвентаризации — фактическое)',
    'warehouse.docs.price': 'Себестоимость',
    'warehouse.docs.post': 'Провести',
    'warehouse.docs.reverse': 'Сторнировать',
    'warehouse.docs.posted': 'Проведён',
    'warehouse.docs.reversed': 'Сторнирован',
    'warehouse.docs.created': 'Черновик создан',
    'warehouse.docs.postNow': 'Сразу провести',
  },
};

const KINDS = {
  en: { RECEIPT: 'Receipt', SHIPMENT: 'Shipment', TRANSFER: 'Transfer', WRITE_OFF: 'Write-off', INVENTORY: 'Inventory count' },
  ru: { RECEIPT: 'Поступление', SHIPMENT: 'Отгрузка', TRANSFER: 'Перемещение', WRITE_OFF: 'Списание', INVENTORY: 'Инвентаризация' },
};
const STATUSES = {
  en: { DRAFT: 'Draft', POSTED: 'Posted', REVERSED: 'Reversed' },
  ru: { DRAFT: 'Черновик', POSTED: 'Проведён', REVERSED: 'Сторнирован' },
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
  const statuses = STATUSES[kit.locale] || STATUSES.en;
  const { h } = kit;
  const [warehouses, products] = await Promise.all([
    kit.api.get('/warehouse/warehouses', { limit: 500, sort: 'name' }),
    kit.api.get('/products', { limit: 500, sort: 'name' }),
  ]);
  const warehouseName = Object.fromEntries(warehouses.items.map((w) => [w.id, w.name]));
  const filters = { kind: '', status: '', warehouseId: '' };
  const select = (name, options) => {
    const s = h('select', {}, h('option', { value: '' }, t('warehouse.docs.any')),
      ...Object.entries(options).map(([value, label]) => h('option', { value }, label)));
    s.addEventListener('change', () => { filters[name] = s.value; drawList(); });
    return s;
  };
  const list = h('div', {});
  const detail = h('div', {});

  function drawList() {
    list.replaceChildren(kit.ui.table({
      columns: [
        { field: 'number', title: t('warehouse.docs.number'), sortable: true },
        { field: 'kind', title: t('warehouse.docs.kind'), format: (k) => kinds[k] },
        { field: 'status', title: t('warehouse.docs.status'), format: (s) => statuses[s] },
        { field: 'warehouseId', title: t('warehouse.docs.warehouse'), format: (id) => warehouseName[id] || id },
        { field: 'postingDate', title: t('warehouse.docs.date'), sortable: true, format: kit.format.date },
        { field: 'lines', title: t('warehouse.docs.lines'), format: (lines) => String((lines || []).length) },
      ],
      load: async ({ offset, limit, sort, q }) => {
        const query = { offset, limit, sort: sort || '-createdAt' };
        if (q) query.q = q;
        for (const [name, value] of Object.entries(filters)) if (value) query[name] = value;
        return kit.api.get('/warehouse/documents', query);
      },
      onRowClick: (document) => drawDetail(document),
    }));
  }

  function drawDetail(document) {
    const act = async (action, done) => {
      try {
        const changed = await kit.api.post('/warehouse/documents/' + document.id + '/' + action, {});
        kit.ui.notify(t(done), 'info');
        drawDetail(changed);
        drawList();
      } catch (error) {
        kit.ui.notify(error.problem ? error.problem.detail : String(error), 'error');
      }
    };
    const buttons = [];
    if (document.status === 'DRAFT') {
      const post = h('button', { class: 't-button primary' }, t('warehouse.docs.post'));
      post.addEventListener('click', () => act('post', 'warehouse.docs.posted'));
      buttons.push(post);
    } else if (document.status === 'POSTED') {
      const reverse = h('button', { class: 't-button' }, t('warehouse.docs.reverse'));
      reverse.addEventListener('click', () => act('reverse', 'warehouse.docs.reversed'));
      buttons.push(reverse);
    }
    const productName = Object.fromEntries(products.items.map((p) => [p.id, p.name]));
    detail.replaceChildren(h('div', { class: 't-card' },
      h('h3', {}, kinds[document.kind] + ' ' + document.number + ' ',
        h('span', { class: 't-badge' }, statuses[document.status])),
      h('div', { class: 't-muted' }, warehouseName[document.warehouseId] || document.warehouseId,
        document.targetWarehouseId ? ' → ' + (warehouseName[document.targetWarehouseId] || '') : '',
        ', ', kit.format.date(document.postingDate)),
      h('ul', {}, ...(document.lines || []).map((line) => h('li', {},
        (productName[line.productId] || line.productId) + ': ' + kit.format.number(line.quantity)
        + (line.price != null ? ' × ' + kit.format.money(line.price) : '')))),
      h('div', { class: 't-toolbar' }, ...buttons)));
  }

  const warehouseOptions = warehouses.items.map((w) => ({ value: w.id, label: w.name }));
  const form = kit.ui.form({
    fields: [
      { name: 'kind', label: t('warehouse.docs.kind'), type: 'select', required: true,
        options: Object.entries(kinds).map(([value, label]) => ({ value, label })) },
      { name: 'warehouseId', label: t('warehouse.docs.warehouse'), type: 'select', required: true, options: warehouseOptions },
      { name: 'targetWarehouseId', label: t('warehouse.docs.target'), type: 'select', options: warehouseOptions },
      { name: 'postingDate', label: t('warehouse.docs.date'), type: 'date' },
      { name: 'productId', label: t('warehouse.docs.product'), type: 'select', required: true,
        options: products.items.map((p) => ({ value: p.id, label: p.name })) },
      { name: 'quantity', label: t('warehouse.docs.quantity'), type: 'number', required: true },
      { name: 'price', label: t('warehouse.docs.price'), type: 'number' },
      { name: 'postNow', label: t('warehouse.docs.postNow'), type: 'checkbox' },
    ],
    values: { kind: 'RECEIPT' },
    submit: async (values) => {
      const body = {
        kind: values.kind,
        warehouseId: values.warehouseId,
        targetWarehouseId: values.kind === 'TRANSFER' ? values.targetWarehouseId || null : null,
        postingDate: values.postingDate || null,
        lines: [{ productId: values.productId, quantity: values.quantity,
          price: values.price === '' || values.price == null ? null : values.price }],
      };
      // posted at once, a refusal (stock is short) leaves no draft behind
      const created = await kit.api.post('/warehouse/documents' + (values.postNow ? '?post=true' : ''), body);
      kit.ui.notify(t(values.postNow ? 'warehouse.docs.posted' : 'warehouse.docs.created'), 'info');
      drawDetail(created);
      drawList();
    },
  });

  element.replaceChildren(h('div', { class: 't-page' },
    h('h2', {}, t('warehouse.docs.title')),
    h('div', { class: 't-toolbar' },
      h('label', {}, t('warehouse.docs.kind'), ' ', select('kind', kinds)),
      h('label', {}, t('warehouse.docs.status'), ' ', select('status', statuses)),
      h('label', {}, t('warehouse.docs.warehouse'), ' ',
        select('warehouseId', Object.fromEntries(warehouses.items.map((w) => [w.id, w.name]))))),
    list, detail,
    h('div', { class: 't-card' }, h('h3', {}, t('warehouse.docs.new')), form)));
  drawList();
}
