/**
 * CPU time of the whole process: `process.cpuUsage()` is getrusage(RUSAGE_SELF), which
 * counts every thread, worker threads included (and V8's GC and compiler threads).
 */
export class CpuClock {
  #start: NodeJS.CpuUsage = process.cpuUsage();

  start(): void {
    this.#start = process.cpuUsage();
  }

  /** User + system CPU milliseconds since start(). */
  elapsedMs(): number {
    const { user, system } = process.cpuUsage(this.#start);
    return (user + system) / 1000;
  }
}
