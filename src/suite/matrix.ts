import type { CodecOp } from './options.js';

export interface CodecCasePlan {
  readonly id: string;
  readonly dataset: string;
  readonly codec: string;
  readonly op: CodecOp;
  readonly records: number;
}

export function codecCaseId(dataset: string, codec: string, op: string, records: number): string {
  return `codec/${dataset}/${codec}/${op}/${records}`;
}

/** Every dataset × codec × op; the memcpy baseline has only `encode` (a copy). */
export function planCodecCases(datasets: readonly string[], codecs: readonly string[], ops: readonly CodecOp[], records: number, memcpy: string): CodecCasePlan[] {
  const plans: CodecCasePlan[] = [];
  for (const dataset of datasets) {
    for (const codec of codecs) {
      for (const op of ops) {
        if (codec === memcpy && op !== 'encode') continue;
        plans.push({ id: codecCaseId(dataset, codec, op, records), dataset, codec, op, records });
      }
    }
  }
  return plans;
}

/** The cases a reader compares with each other, measured together: one dataset, op and batch size. */
export function groupPlans(plans: readonly CodecCasePlan[]): CodecCasePlan[][] {
  const groups = new Map<string, CodecCasePlan[]>();
  for (const plan of plans) {
    const key = `${plan.dataset}/${plan.op}/${plan.records}`;
    const group = groups.get(key);
    if (group) group.push(plan);
    else groups.set(key, [plan]);
  }
  return [...groups.values()];
}
