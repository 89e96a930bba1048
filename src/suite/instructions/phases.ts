import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';

/** The environment variable through which the supervisor tells a measuring process where callgrind dumps. */
export const CALLGRIND_DIR_ENV = 'SERBENCH_CALLGRIND_DIR';

/** The function whose entry makes callgrind dump its counters (`--dump-before`); JavaScript reaches it through os.getPriority(). */
export const MARKER_FUNCTION = 'uv_os_getpriority';

/**
 * The name callgrind gives the main thread's part of the n-th dump of process
 * `pid` (`--callgrind-out-file=<dir>/cg.%p --separate-threads=yes`). Only the
 * main thread is counted: Node's other threads (the module loader's, the
 * platform's workers) wake at moments that differ from run to run.
 */
export function dumpFile(dir: string, pid: number, index: number): string {
  return join(dir, `cg.${pid}.${index}-01`);
}

/** The instruction count of one callgrind dump (its `summary:` or `totals:` line). */
export function dumpTotal(text: string): number | null {
  const match = /^(?:summary|totals):\s*(\d+)/m.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * Splits a process under callgrind into counted phases without native code:
 * callgrind runs with `--dump-before=uv_os_getpriority`, so every os.getPriority()
 * call writes the instructions executed since the previous one to a numbered
 * file. A phase is what runs between begin() and end(); end() returns its count.
 * Nothing but the marker runs inside a phase on the way in or out: the files are
 * listed and read after end()'s dump, in the gap before the next phase.
 */
export class CallgrindPhases {
  /** The highest dump index seen so far. */
  #last = 0;

  constructor(
    private readonly dir: string,
    private readonly pid: number = process.pid,
  ) {}

  /** Dump indices not yet seen, ascending. */
  #fresh(): number[] {
    const pattern = new RegExp(`^cg\\.${this.pid}\\.(\\d+)-01$`);
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      throw new Error(`callgrind's dump directory ${this.dir} cannot be read: the process must run under valgrind --tool=callgrind --dump-before=${MARKER_FUNCTION}`);
    }
    return names
      .flatMap((name) => {
        const index = Number(pattern.exec(name)?.[1] ?? Number.NaN);
        return Number.isSafeInteger(index) && index > this.#last ? [index] : [];
      })
      .sort((a, b) => a - b);
  }

  #discard(indices: readonly number[]): void {
    for (const index of indices) rmSync(dumpFile(this.dir, this.pid, index), { force: true });
    this.#last = Math.max(this.#last, ...indices);
  }

  /** Forgets dumps made outside phases (by code that calls os.getPriority() itself, say). Call it between phases. */
  resync(): void {
    this.#discard(this.#fresh());
  }

  begin(): void {
    getPriority();
  }

  /** Ends the phase begin() started and returns the instructions executed in it. */
  end(): number {
    getPriority();
    const fresh = this.#fresh();
    try {
      if (fresh.length < 2) throw new Error(`callgrind wrote no dump for the phase (${this.dir}): the process must run under valgrind --tool=callgrind --dump-before=${MARKER_FUNCTION}`);
      if (fresh.length > 2) throw new Error(`callgrind dumped ${fresh.length - 2} more time(s) than the phase was marked: something else calls ${MARKER_FUNCTION} (os.getPriority())`);
      const file = dumpFile(this.dir, this.pid, fresh[1] as number);
      const total = dumpTotal(readFileSync(file, 'latin1'));
      if (total === null) throw new Error(`callgrind dump ${file} has no summary line`);
      return total;
    } finally {
      if (!process.env.SERBENCH_KEEP_DUMPS) this.#discard(fresh);
      else this.#last = Math.max(this.#last, ...fresh);
    }
  }
}
