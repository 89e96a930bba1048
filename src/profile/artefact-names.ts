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

/** pprof files: gzipped profile.proto. */
export const PPROF_EXTENSION = '.pb.gz';

export type ThreadArtefactKind = 'cpu' | 'heap' | 'flamegraph' | 'cpu-pprof' | 'heap-pprof';

const THREAD_FILES: Readonly<Record<ThreadArtefactKind, { readonly prefix: string; readonly extension: string }>> = {
  cpu: { prefix: 'cpu', extension: '.cpuprofile' },
  heap: { prefix: 'heap', extension: '.heapprofile' },
  flamegraph: { prefix: 'flamegraph', extension: '.html' },
  'cpu-pprof': { prefix: 'cpu', extension: PPROF_EXTENSION },
  'heap-pprof': { prefix: 'heap', extension: PPROF_EXTENSION },
};

/** `cpu.cpuprofile` for the main thread, `cpu-thread-2.cpuprofile` for worker thread 2 (likewise heap, flamegraph and the pprof files `cpu.pb.gz`, `heap-thread-2.pb.gz`). */
export function threadFileName(kind: ThreadArtefactKind, threadId: number): string {
  const { prefix, extension } = THREAD_FILES[kind];
  return threadId === 0 ? `${prefix}${extension}` : `${prefix}-thread-${threadId}${extension}`;
}

/** The thread a per-thread artefact belongs to (0 = main), or undefined for other files. */
export function threadOfFile(kind: ThreadArtefactKind, fileName: string): number | undefined {
  const { prefix, extension } = THREAD_FILES[kind];
  const match = new RegExp(`^${prefix}(?:-thread-(\\d+))?${extension.replaceAll('.', '\\.')}$`).exec(fileName);
  if (!match) return undefined;
  return match[1] === undefined ? 0 : Number(match[1]);
}

/** How the index and labels name a thread. */
export function threadRole(thread: number, isModuleLoader: boolean): string {
  if (thread === 0) return 'main thread';
  return isModuleLoader ? `thread ${thread}, Node's module loader` : `worker thread ${thread}`;
}

/** The case directory of a case id: `codec/log/protobuf/encode/1000` → `codec__log__protobuf__encode__1000`. */
export function caseDirName(caseId: string): string {
  return caseId.replaceAll('/', '__').replace(/[^A-Za-z0-9._=+-]/g, '_');
}
