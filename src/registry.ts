/** Raised when a name is not registered; the message lists the valid names. */
export class UnknownNameError extends Error {
  constructor(
    readonly kind: string,
    readonly value: string,
    readonly valid: readonly string[],
  ) {
    super(`unknown ${kind} '${value}'; valid: ${valid.join(', ')}`);
    this.name = 'UnknownNameError';
  }
}

/** A named set of plugins (datasets, codecs, variants) in registration order. */
export class Registry<T extends { readonly name: string }> {
  readonly #items = new Map<string, T>();

  constructor(
    readonly kind: string,
    items: readonly T[] = [],
  ) {
    for (const item of items) this.add(item);
  }

  add(item: T): this {
    if (this.#items.has(item.name)) throw new Error(`${this.kind} '${item.name}' is registered twice`);
    this.#items.set(item.name, item);
    return this;
  }

  get(name: string): T {
    const item = this.#items.get(name);
    if (!item) throw new UnknownNameError(this.kind, name, this.names());
    return item;
  }

  has(name: string): boolean {
    return this.#items.has(name);
  }

  names(): string[] {
    return [...this.#items.keys()];
  }

  all(): T[] {
    return [...this.#items.values()];
  }

  /** Resolves a list of names (or all when the list is empty), rejecting unknown ones. */
  select(names: readonly string[] | undefined): T[] {
    if (!names || names.length === 0) return this.all();
    return names.map((name) => this.get(name));
  }
}
