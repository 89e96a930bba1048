import * as A from 'apache-arrow';
import { generate } from '../src/datasets/types.js';
import { ordersDataset } from '../src/datasets/orders.js';
const orders = generate(ordersDataset, 3);
const str = () => new A.Utf8();
const addr = new A.Struct([new A.Field('city', str(), false), new A.Field('country', str(), false), new A.Field('postcode', str(), false)]);
const cust = new A.Struct([new A.Field('id', new A.Int64(), false), new A.Field('name', str(), false), new A.Field('email', str(), false), new A.Field('vip', new A.Bool(), false), new A.Field('address', addr, true)]);
const item = new A.Struct([new A.Field('sku', str(), false), new A.Field('quantity', new A.Int32(), false), new A.Field('price', new A.Float64(), false), new A.Field('discount', new A.Float64(), true)]);
const fields = [
  new A.Field('orderId', new A.Int64(), false), new A.Field('createdAtMs', new A.Int64(), false), new A.Field('customer', cust, false),
  new A.Field('items', new A.List(new A.Field('item', item, false)), false), new A.Field('coupon', str(), true),
  new A.Field('tags', new A.List(new A.Field('item', str(), false)), false), new A.Field('currency', str(), false), new A.Field('total', new A.Float64(), false), new A.Field('note', str(), true)];
const type = new A.Struct(fields);
const b = A.makeBuilder({ type, nullValues: [null, undefined] });
for (const o of orders) b.append({ ...o, orderId: BigInt(o.orderId), createdAtMs: BigInt(o.createdAtMs), customer: { ...o.customer, id: BigInt(o.customer.id) } } as any);
const vec = b.finish().toVector();
const schema = new A.Schema(fields);
const batch = new A.RecordBatch(schema, vec.data[0] as any);
const table = new A.Table([batch]);
const bytes = A.tableToIPC(table, 'stream');
console.log(bytes.byteLength);
const t2 = A.tableFromIPC(bytes);
const c = t2.getChild('orderId')!; console.log(c.get(0), typeof c.get(0), c.toArray().constructor.name);
const cu = t2.getChild('customer')!; console.log(cu.get(0)?.toJSON());
const it = t2.getChild('items')!; const v = it.get(1); console.log(v?.length, v?.get(0)?.toJSON(), v?.toArray?.());
const cp = t2.getChild('coupon')!; console.log(cp.get(0), cp.isValid(0), cp.nullCount);
console.log(t2.toArray()[0].toJSON());
