import { toBinary, fromBinary, create } from '@bufbuild/protobuf';
import { OrderBatchSchema } from './orders_pb.js';
import { generate } from '../src/datasets/types.js';
import { ordersDataset } from '../src/datasets/orders.js';
const orders = generate(ordersDataset, 2);
const m = create(OrderBatchSchema, { records: orders } as any);
console.log(typeof m.records[0]!.orderId, m.records[0]);
const b = toBinary(OrderBatchSchema, m);
console.log(fromBinary(OrderBatchSchema, b).records[1]);
