// Writes an NDJSON file shaped like product-analytics events (the track/identify calls
// that Segment-style collectors export): nested context, a properties object whose
// fields depend on the event, user traits whose keys vary from user to user (a map),
// nulls, absent fields, empty strings, 64-bit ids, ISO timestamps as text.
// npx tsx scripts/make-events-ndjson.ts /tmp/analytics-events.ndjson [records]
import { writeFileSync } from 'node:fs';
import { Random } from '../src/datasets/random.js';

const [path, count = '20000'] = process.argv.slice(2);
if (!path) {
  console.error('usage: npx tsx scripts/make-events-ndjson.ts FILE [records]');
  process.exit(2);
}
const random = new Random(7);
const pick = <T>(items: readonly T[]): T => random.pick(items);
const events = ['Page Viewed', 'Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed', 'Signed In'];
const paths = ['/', '/search', '/p/espresso-machine', '/p/grinder', '/cart', '/checkout', '/account'];
const traitKeys = ['plan', 'company', 'role', 'country', 'referrer_campaign', 'beta', 'team_size', 'timezone', 'language', 'source'];
const lines: string[] = [];
const start = Date.UTC(2026, 0, 1);
for (let i = 0; i < Number(count); i++) {
  const event = pick(events);
  const userId = random.chance(0.3) ? null : `u_${random.int(1, 50_000)}`;
  const traits: Record<string, string> = {};
  for (let k = random.int(0, 4); k > 0; k--) traits[pick(traitKeys)] = pick(['pro', 'free', 'acme', 'admin', 'DE', 'true', '12', 'Europe/Berlin', 'en', '']);
  const products = event === 'Order Completed' || event === 'Checkout Started' ? Array.from({ length: random.int(1, 4) }, () => ({ sku: `SKU-${random.int(1000, 9999)}`, quantity: random.int(1, 3), price: random.int(199, 99_999) / 100 })) : [];
  const record = {
    messageId: `${random.int(0, 2 ** 30).toString(16)}-${i.toString(16)}`,
    type: event === 'Signed In' ? 'identify' : 'track',
    event,
    userId,
    anonymousId: `anon-${random.int(1, 2 ** 31).toString(36)}`,
    sequence: 4_294_967_296 + i,
    timestamp: new Date(start + i * 1_337).toISOString(),
    context: {
      ip: `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
      locale: pick(['en-US', 'de-DE', 'ja-JP', 'pt-BR']),
      page: { path: pick(paths), referrer: random.chance(0.4) ? '' : pick(['https://www.google.com/', 'https://news.ycombinator.com/', 'https://t.co/x']), title: pick(['Home', 'Search', 'Espresso Machine', 'Cart']) },
      ...(random.chance(0.7) ? { campaign: { source: pick(['newsletter', 'ads', 'partner']), medium: pick(['email', 'cpc']) } } : {}),
    },
    properties: {
      ...(products.length > 0 ? { revenue: Math.round(products.reduce((sum, p) => sum + p.price * p.quantity, 0) * 100) / 100, currency: pick(['EUR', 'USD']) } : {}),
      products,
      ...(random.chance(0.2) ? { coupon: pick(['SPRING', 'WELCOME10']) } : {}),
    },
    traits,
  };
  lines.push(JSON.stringify(record));
}
writeFileSync(path, `${lines.join('\n')}\n`);
console.log(`make-events-ndjson: ${count} events -> ${path}`);
