import { Random, SkewedPicker } from './random.js';
import { field, list, scalar, struct, type RecordSchema } from './schema.js';
import { recordSeed, type Dataset } from './types.js';

export interface Address {
  readonly [key: string]: string;
  readonly city: string;
  readonly country: string;
  readonly postcode: string;
}

export interface Customer {
  readonly [key: string]: string | number | boolean | Address | undefined;
  /** int64 */
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly vip: boolean;
  readonly address?: Address;
}

export interface LineItem {
  readonly [key: string]: string | number | undefined;
  readonly sku: string;
  readonly quantity: number;
  readonly price: number;
  readonly discount?: number;
}

/** An e-commerce order: nested objects, repeated structs, optionals, text in several scripts. */
export interface OrderRecord {
  readonly [key: string]: string | number | Customer | readonly LineItem[] | readonly string[] | undefined;
  /** int64 */
  readonly orderId: number;
  /** int64: milliseconds since the Unix epoch. */
  readonly createdAtMs: number;
  readonly customer: Customer;
  readonly items: readonly LineItem[];
  readonly coupon?: string;
  readonly tags: readonly string[];
  readonly currency: string;
  readonly total: number;
  readonly note?: string;
}

const addressType = struct([field('city', scalar('string')), field('country', scalar('string')), field('postcode', scalar('string'))]);

const schema: RecordSchema = {
  name: 'Order',
  fields: [
    field('orderId', scalar('int64')),
    field('createdAtMs', scalar('int64')),
    field(
      'customer',
      struct([
        field('id', scalar('int64')),
        field('name', scalar('string')),
        field('email', scalar('string')),
        field('vip', scalar('bool')),
        field('address', addressType, true),
      ]),
    ),
    field(
      'items',
      list(struct([field('sku', scalar('string')), field('quantity', scalar('int32')), field('price', scalar('double')), field('discount', scalar('double'), true)])),
    ),
    field('coupon', scalar('string'), true),
    field('tags', list(scalar('string'))),
    field('currency', scalar('string')),
    field('total', scalar('double')),
    field('note', scalar('string'), true),
  ],
};

const EPOCH_MS = 1_767_225_600_000;
// Names in Latin, Cyrillic, Greek, Arabic, Devanagari, CJK and Hangul scripts, some with astral-plane characters.
const names = new SkewedPicker([
  'Emma Schmidt',
  'Liam O’Brien',
  'José Álvarez',
  'Анна Иванова',
  '王伟',
  '佐藤 花子',
  '김민준',
  'Νίκος Παπαδόπουλος',
  'محمد العلي',
  'प्रिया शर्मा',
  'Zoë Müller-Łukasz',
  '𠮷野 太郎',
  'Chloé 🌸 Martin',
]);
const cities: readonly (readonly [string, string])[] = [
  ['Berlin', 'DE'],
  ['東京', 'JP'],
  ['São Paulo', 'BR'],
  ['Москва', 'RU'],
  ['서울', 'KR'],
  ['New York', 'US'],
  ['القاهرة', 'EG'],
  ['Zürich', 'CH'],
];
const tagWords = ['gift', 'express', 'fragile', 'b2b', 'subscription', 'first-order', 'marketplace', 'pre-order', '🎁', 'セール'];
const notes = ['Leave at the door 🚪', 'Please ring twice', '請小心輕放', 'Geschenkverpackung bitte 🎀', 'Call on arrival 📞', 'Без звонка, пожалуйста'];
const currencies = new SkewedPicker(['EUR', 'USD', 'JPY', 'GBP', 'BRL', 'KRW']);

function makeOrder(seed: number, index: number): OrderRecord {
  const random = new Random(recordSeed(seed, index));
  const customerId = random.int(1, 2 ** 40);
  const name = names.pick(random);
  const itemCount = random.int(1, random.chance(0.1) ? 20 : 5);
  const items: LineItem[] = [];
  let total = 0;
  for (let i = 0; i < itemCount; i++) {
    const price = random.int(99, 49_999) / 100;
    const quantity = random.int(1, random.chance(0.05) ? 100 : 4);
    const item: LineItem = { sku: `SKU-${random.int(0, 99_999).toString().padStart(5, '0')}-${random.pick(['S', 'M', 'L', 'XL'])}`, quantity, price };
    if (random.chance(0.15)) {
      const discount = random.int(5, 30) / 100;
      items.push({ ...item, discount });
      total += price * quantity * (1 - discount);
    } else {
      items.push(item);
      total += price * quantity;
    }
  }
  const [city, country] = random.pick(cities);
  const customer: Customer = {
    id: customerId,
    name,
    email: `user${customerId % 1_000_000}@example.${random.pick(['com', 'de', 'jp', 'co.kr'])}`,
    vip: random.chance(0.1),
    ...(random.chance(0.8) ? { address: { city, country, postcode: String(random.int(10_000, 99_999)) } } : {}),
  };
  const tags: string[] = [];
  const tagCount = random.int(0, 3);
  for (let t = 0; t < tagCount; t++) tags.push(random.pick(tagWords));
  const order: OrderRecord = {
    orderId: index + 1_000_000_000,
    createdAtMs: EPOCH_MS + index * 1_000 + random.int(0, 999),
    customer,
    items,
    tags,
    currency: currencies.pick(random),
    total: Math.round(total * 100) / 100,
  };
  const coupon = random.chance(0.2) ? { coupon: `SAVE${random.int(5, 50)}` } : {};
  const note = random.chance(0.1) ? { note: random.pick(notes) } : {};
  return { ...order, ...coupon, ...note };
}

export const ordersDataset: Dataset<OrderRecord> = {
  name: 'orders',
  description: 'e-commerce orders: nested customer, repeated line items, optional coupon, tag lists, names in many scripts and emoji',
  schema,
  *stream(count, seed, startIndex = 0) {
    for (let i = startIndex; i < startIndex + count; i++) yield makeOrder(seed, i);
  },
};
