import { toBinary, fromBinary, create } from '@bufbuild/protobuf';
import { LogBatchSchema } from './log_pb.js';
import { OrderBatchSchema } from './orders_pb.js';
import { generate } from '../src/datasets/types.js';
import { logDataset } from '../src/datasets/log.js';
import { ordersDataset } from '../src/datasets/orders.js';
const recs = generate(logDataset, 3);
try { const b = toBinary(LogBatchSchema, { records: recs } as any); console.log('plain ok', b.length); const d = fromBinary(LogBatchSchema, b); console.log(d.records[0]); } catch (e) { console.log('plain fail', (e as Error).message); }
try { const m = create(LogBatchSchema, { records: recs } as any); const b = toBinary(LogBatchSchema, m); console.log('create ok', b.length); } catch (e) { console.log('create fail', (e as Error).message); }
const orders = generate(ordersDataset, 2);
try { const b = toBinary(OrderBatchSchema, { records: orders } as any); console.log('plain orders ok', b.length); console.log(JSON.stringify(fromBinary(OrderBatchSchema, b).records[0], (k,v)=>typeof v==='bigint'?`${v}n`:v)); } catch (e) { console.log('plain orders fail', (e as Error).message); }
