import { parquetWriteBuffer } from 'hyparquet-writer';
import { parquetReadObjects } from 'hyparquet';
import { generate } from '../src/datasets/types.js';
import { ordersDataset } from '../src/datasets/orders.js';
const orders = generate(ordersDataset, 3);
const conv = (f: string, v: any) => f === "orderId" || f === "createdAtMs" ? BigInt(v) : f === "customer" ? { ...v, id: BigInt(v.id) } : v ?? null;
const cols = ordersDataset.schema.fields.map(f => ({ name: f.name, data: orders.map(o => conv(f.name, o[f.name])) }));
const schema: any[] = [
  { name: 'root', num_children: 9 },
  { name: 'orderId', type: 'INT64', repetition_type: 'REQUIRED' },
  { name: 'createdAtMs', type: 'INT64', repetition_type: 'REQUIRED' },
  { name: 'customer', repetition_type: 'REQUIRED', num_children: 5 },
  { name: 'id', type: 'INT64', repetition_type: 'REQUIRED' },
  { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'email', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'vip', type: 'BOOLEAN', repetition_type: 'REQUIRED' },
  { name: 'address', repetition_type: 'OPTIONAL', num_children: 3 },
  { name: 'city', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'country', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'postcode', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'items', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'REQUIRED', num_children: 4 },
  { name: 'sku', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'quantity', type: 'INT32', repetition_type: 'REQUIRED' },
  { name: 'price', type: 'DOUBLE', repetition_type: 'REQUIRED' },
  { name: 'discount', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  { name: 'coupon', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'tags', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'currency', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'total', type: 'DOUBLE', repetition_type: 'REQUIRED' },
  { name: 'note', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
];
const buf = parquetWriteBuffer({ columnData: cols as any, schema, statistics: false, codec: 'UNCOMPRESSED' as any, rowGroupSize: 1_000_000 });
console.log(buf.byteLength);
const rows = await parquetReadObjects({ file: buf });
console.log(JSON.stringify(rows, (k, v) => typeof v === 'bigint' ? `${v}n` : v, 1).slice(0, 1500));
console.log(JSON.stringify(orders[0]).slice(0,400));
