/** The product catalog: list, detail with history, create and edit. */
import { recordPage } from '/console/records.js';

export async function render(element, kit) {
  const { t, format } = kit;
  await recordPage(element, kit, {
    route: '/products',
    path: '/products',
    entity: 'product',
    title: t('products.title', 'Products'),
    newLabel: t('products.new', 'New product'),
    sort: 'name',
    columns: [
      { field: 'name', title: t('common.name', 'Name'), sortable: true },
      { field: 'sku', title: t('products.sku', 'SKU'), sortable: true },
      { field: 'unit', title: t('products.unit', 'Unit') },
      { field: 'price', title: t('products.price', 'Price'), sortable: true, format: (v, row) => format.money(v, row.currency) },
      { field: 'active', title: t('products.active', 'Active'), format: (v) => (v ? '✓' : '') },
    ],
    defaults: () => ({ currency: 'RUB', active: true, unit: t('products.defaultUnit', 'pcs') }),
    fields: async () => [
      { name: 'name', label: t('common.name', 'Name'), required: true },
      { name: 'sku', label: t('products.sku', 'SKU') },
      { name: 'barcode', label: t('products.barcode', 'Barcode') },
      { name: 'unit', label: t('products.unit', 'Unit') },
      { name: 'price', label: t('products.price', 'Price'), type: 'number' },
      { name: 'currency', label: t('deals.currency', 'Currency') },
      { name: 'active', label: t('products.active', 'Active'), type: 'checkbox' },
      { name: 'description', label: t('products.description', 'Description'), type: 'textarea' },
    ],
    heading: (p) => p.name,
    details: async (p) => [
      [t('products.sku', 'SKU'), p.sku],
      [t('products.barcode', 'Barcode'), p.barcode],
      [t('products.unit', 'Unit'), p.unit],
      [t('products.price', 'Price'), format.money(p.price, p.currency)],
      [t('products.active', 'Active'), p.active ? '✓' : '—'],
      [t('products.description', 'Description'), p.description],
    ],
  });
}
