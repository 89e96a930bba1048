import { existsSync, readFileSync, rmSync } from 'node:fs';
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
 * file. mark() ends a phase; read() takes the count of the phase a mark ended.
 */
export class CallgrindPhases {
  #marks = 0;

  constructor(
    private readonly dir: string,
    private readonly pid: number = process.pid,
  ) {}

  /** Ends the current phase; returns its number for read(). */
  mark(): number {
    getPriority();
    return ++this.#marks;
  }

  /** The instructions of the phase that mark number `index` ended (the file is removed once read). */
  read(index: number): number {
    const file = dumpFile(this.dir, this.pid, index);
    if (!existsSync(file)) throw new Error(`callgrind wrote no dump for phase ${index} (${file}): the process must run under valgrind --tool=callgrind --dump-before=${MARKER_FUNCTION}`);
    if (existsSync(dumpFile(this.dir, this.pid, this.#marks + 1))) throw new Error(`callgrind dumped more often than the phases were marked: something else calls ${MARKER_FUNCTION}`);
    const total = dumpTotal(readFileSync(file, 'latin1'));
    if (!process.env.SERBENCH_KEEP_DUMPS) rmSync(file, { force: true });
    if (total === null) throw new Error(`callgrind dump ${file} has no summary line`);
    return total;
  }
}
