import { readFileSync } from 'node:fs';
import parquet from 'parquetjs-lite';
const file = process.argv[2]!;
try { const r = await parquet.ParquetReader.openBuffer(readFileSync(file)); const c = r.getCursor(); while (await c.next()); } catch (e) { console.log(typeof e, e?.constructor?.name, Object.keys(e as object), (e as Error).message, (e as Error).stack?.split('\n').slice(0,6).join('\n')); }
