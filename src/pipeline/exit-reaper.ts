/**
 * What this process started and must end if it exits without ending it (a second
 * SIGINT's process.exit, an uncaught exception): one 'exit' handler, installed at the
 * first add, kills whatever is still registered. 'exit' handlers must be synchronous.
 */
export class ExitReaper<T> {
  readonly #live = new Set<T>();
  readonly #kill: (item: T) => void;
  #installed = false;

  constructor(kill: (item: T) => void) {
    this.#kill = kill;
  }

  add(item: T): void {
    this.#live.add(item);
    if (this.#installed) return;
    this.#installed = true;
    process.on('exit', () => {
      for (const live of this.#live) this.#kill(live);
    });
  }

  delete(item: T): void {
    this.#live.delete(item);
  }
}
