/**
 * Detects prototype pollution: a snapshot of the own property descriptors of the
 * built-in prototypes a decoder could reach through a forged `__proto__` or
 * `constructor.prototype` key, compared after each decode.
 */
const WATCHED: ReadonlyArray<readonly [string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Map.prototype', Map.prototype],
  ['Uint8Array.prototype', Uint8Array.prototype],
];

type Snapshot = ReadonlyArray<ReadonlyMap<PropertyKey, PropertyDescriptor>>;

function describeOwn(target: object): Map<PropertyKey, PropertyDescriptor> {
  return new Map(Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key) as PropertyDescriptor]));
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable;
}

export function snapshotPrototypes(): Snapshot {
  return WATCHED.map(([, target]) => describeOwn(target));
}

/** Names the first change since the snapshot (`Object.prototype.polluted added`), or undefined. */
export function findPollution(before: Snapshot): string | undefined {
  for (const [index, [label, target]] of WATCHED.entries()) {
    const was = before[index];
    if (!was) continue;
    const now = describeOwn(target);
    for (const [key, descriptor] of now) {
      const old = was.get(key);
      if (!old) return `${label}.${String(key)} added`;
      if (!sameDescriptor(old, descriptor)) return `${label}.${String(key)} changed`;
    }
    for (const key of was.keys()) if (!now.has(key)) return `${label}.${String(key)} deleted`;
  }
  if (Object.getPrototypeOf(Object.prototype) !== null) return 'Object.prototype was given a prototype';
  return undefined;
}
