/**
 * File names inside a case directory, shared by the child processes that write
 * them and the parent that collects, summarises and links them.
 */
export const ARTEFACT = {
  summary: 'summary.md',
  manifest: 'manifest.json',
  heapSnapshot: 'heap.heapsnapshot',
  heapPeak: 'heap-peak.json',
  sourceMaps: 'source-maps.json',
  flamegraph: 'flamegraph.html',
  logs: 'logs',
} as const;

export type ThreadArtefactKind = 'cpu' | 'heap' | 'flamegraph';

const EXTENSIONS: Readonly<Record<ThreadArtefactKind, string>> = { cpu: '.cpuprofile', heap: '.heapprofile', flamegraph: '.html' };

/** `cpu.cpuprofile` for the main thread, `cpu-thread-2.cpuprofile` for worker thread 2 (likewise heap and flamegraph). */
export function threadFileName(kind: ThreadArtefactKind, threadId: number): string {
  return threadId === 0 ? `${kind}${EXTENSIONS[kind]}` : `${kind}-thread-${threadId}${EXTENSIONS[kind]}`;
}

/** The thread a per-thread artefact belongs to (0 = main), or undefined for other files. */
export function threadOfFile(kind: ThreadArtefactKind, fileName: string): number | undefined {
  const ext = EXTENSIONS[kind].replace('.', '\\.');
  const match = new RegExp(`^${kind}(?:-thread-(\\d+))?${ext}$`).exec(fileName);
  if (!match) return undefined;
  return match[1] === undefined ? 0 : Number(match[1]);
}

/** The case directory of a case id: `codec/log/protobuf/encode/1000` → `codec__log__protobuf__encode__1000`. */
export function caseDirName(caseId: string): string {
  return caseId.replaceAll('/', '__').replace(/[^A-Za-z0-9._=+-]/g, '_');
}
