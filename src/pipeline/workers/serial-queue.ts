/**
 * Handles items one at a time in arrival order. A handler that returns synchronously
 * costs no promise; one that returns a promise holds the queue until it settles.
 * After the first error the queue stops and drops what is left.
 */
export class SerialQueue<T> {
  readonly #items: T[] = [];
  readonly #handle: (item: T) => void | Promise<void>;
  readonly #onError: (error: unknown) => void;
  #running = false;
  #failed = false;

  constructor(handle: (item: T) => void | Promise<void>, onError: (error: unknown) => void) {
    this.#handle = handle;
    this.#onError = onError;
  }

  push(item: T): void {
    if (this.#failed) return;
    this.#items.push(item);
    if (!this.#running) this.#pump();
  }

  #pump(): void {
    this.#running = true;
    while (!this.#failed && this.#items.length > 0) {
      const item = this.#items.shift() as T;
      let result: void | Promise<void>;
      try {
        result = this.#handle(item);
      } catch (error) {
        this.#fail(error);
        return;
      }
      if (result instanceof Promise) {
        result.then(
          () => this.#pump(),
          (error: unknown) => this.#fail(error),
        );
        return;
      }
    }
    this.#running = false;
  }

  #fail(error: unknown): void {
    this.#failed = true;
    this.#running = false;
    this.#items.length = 0;
    this.#onError(error);
  }
}
