import { Random, SkewedPicker } from './random.js';
import { field, scalar, type RecordSchema } from './schema.js';
import { recordSeed, type Dataset } from './types.js';

/** One HTTP access-log line: string heavy, like what a log shipper moves. */
export interface LogRecord {
  readonly [key: string]: string | number | undefined;
  readonly ip: string;
  /** int64: milliseconds since the Unix epoch. */
  readonly timestampMs: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** int64: bytes in the response body. */
  readonly responseBytes: number;
  readonly durationMs: number;
  readonly userAgent: string;
  readonly referrer?: string;
}

const schema: RecordSchema = {
  name: 'Log',
  fields: [
    field('ip', scalar('string')),
    field('timestampMs', scalar('int64')),
    field('method', scalar('string')),
    field('path', scalar('string')),
    field('status', scalar('int32')),
    field('responseBytes', scalar('int64')),
    field('durationMs', scalar('double')),
    field('userAgent', scalar('string')),
    field('referrer', scalar('string'), true),
  ],
};

const EPOCH_MS = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const methods = new SkewedPicker(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'], 2);
const statuses = new SkewedPicker([200, 304, 404, 201, 302, 500, 401, 403, 204, 503], 2);
const pathTemplates = new SkewedPicker([
  '/',
  '/api/v1/orders',
  '/api/v1/orders/{id}',
  '/static/js/app.{hex}.js',
  '/api/v1/users/{id}/profile',
  '/search?q={word}&page={n}',
  '/static/css/main.{hex}.css',
  '/healthz',
  '/api/v2/metrics/query?from={n}&to={n}',
  '/products/{word}-{id}',
  '/favicon.ico',
  '/api/v1/cart/{id}/items',
  '/blog/{year}/{word}-{word}',
  '/login',
  '/api/v1/inventory/{id}?warehouse={n}',
]);
const words = ['shoes', 'coffee', 'laptop', 'garden', 'chair', 'lamp', 'kettle', 'tent', 'bike', 'guitar', 'camera', 'desk'];
const userAgents = new SkewedPicker([
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'curl/8.11.0',
  'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Googlebot/2.1 (+http://www.google.com/bot.html)',
  'okhttp/4.12.0',
  'python-requests/2.32.3',
  'Go-http-client/2.0',
]);
const referrers = ['https://www.google.com/', 'https://news.ycombinator.com/', 'https://example.com/blog', 'https://t.co/x9Kd2'];

function hex(random: Random, length: number): string {
  let out = '';
  while (out.length < length) out += random.uint32().toString(16).padStart(8, '0');
  return out.slice(0, length);
}

function fillPath(template: string, random: Random): string {
  return template.replace(/\{(id|hex|word|n|year)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'id':
        return String(random.int(1, 9_999_999));
      case 'hex':
        return hex(random, 8);
      case 'word':
        return random.pick(words);
      case 'year':
        return String(random.int(2015, 2026));
      default:
        return String(random.int(0, 500));
    }
  });
}

function makeLog(seed: number, index: number): LogRecord {
  const random = new Random(recordSeed(seed, index));
  const status = statuses.pick(random);
  const record: LogRecord = {
    ip: `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    timestampMs: EPOCH_MS + index * 37 + random.int(0, 36),
    method: methods.pick(random),
    path: fillPath(pathTemplates.pick(random), random),
    status,
    responseBytes: status === 304 || status === 204 ? 0 : random.int(120, random.chance(0.02) ? 50_000_000 : 250_000),
    durationMs: Math.round(Math.abs(random.gaussian(40, 25)) * 1000) / 1000,
    userAgent: userAgents.pick(random),
  };
  return random.chance(0.35) ? { ...record, referrer: random.pick(referrers) } : record;
}

export const logDataset: Dataset<LogRecord> = {
  name: 'log',
  description: 'HTTP access logs: string heavy (ip, path, user agent), a 64-bit timestamp, optional referrer',
  schema,
  *stream(count, seed, startIndex = 0) {
    for (let i = startIndex; i < startIndex + count; i++) yield makeLog(seed, i);
  },
};
