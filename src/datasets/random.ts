/**
 * Seeded pseudo-random numbers for the dataset generators.
 *
 * Only 32-bit integer operations and IEEE-754 +, -, *, / are used, never Math.log,
 * Math.exp or Math.sin: those may differ in the last bit between V8 versions and
 * CPUs, and the promise is the same records and the same encoded bytes for a seed
 * on any machine. The generator is sfc32 seeded through splitmix32.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1) with 32 bits of precision. */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive; the range may exceed 2^32. */
  int(min: number, max: number): number {
    const span = max - min + 1;
    if (span <= 4294967296) return min + Math.floor(this.float() * span);
    const wide = this.uint32() * 4294967296 + this.uint32();
    return min + (wide % span);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick() from an empty list');
    return item;
  }

  /** Approximately normal (Irwin-Hall of 4 uniforms): arithmetic only, see the class comment. */
  gaussian(mean: number, sd: number): number {
    const sum = this.float() + this.float() + this.float() + this.float();
    return mean + (sum - 2) * sd * 1.7320508075688772;
  }
}

/** Picks items with a skew: item k (0-based) has weight 1 / (k + 1)^exponent, like real URL paths. */
export class SkewedPicker<T> {
  readonly #items: readonly T[];
  readonly #cumulative: Float64Array;

  constructor(items: readonly T[], exponent = 1) {
    if (items.length === 0) throw new RangeError('SkewedPicker needs at least one item');
    if (!Number.isInteger(exponent) || exponent < 1) throw new RangeError('exponent must be a positive integer');
    this.#items = items;
    this.#cumulative = new Float64Array(items.length);
    let total = 0;
    for (let k = 0; k < items.length; k++) {
      let weight = 1;
      for (let e = 0; e < exponent; e++) weight /= k + 1;
      total += weight;
      this.#cumulative[k] = total;
    }
    for (let k = 0; k < items.length; k++) this.#cumulative[k] = (this.#cumulative[k] ?? 0) / total;
  }

  pick(random: Random): T {
    const u = random.float();
    let lo = 0;
    let hi = this.#items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#cumulative[mid] ?? 1) > u) hi = mid;
      else lo = mid + 1;
    }
    return this.#items[lo] as T;
  }
}
