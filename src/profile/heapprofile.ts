import { frameKey, metaFrame, ProfileFormatError, type CallFrame } from './cpuprofile.js';

/** The V8 sampling heap profile format (`.heapprofile`). */
export interface HeapProfileNode {
  readonly callFrame: CallFrame;
  /** Bytes allocated by this function itself (estimated from the samples). */
  readonly selfSize: number;
  readonly id?: number;
  readonly children: readonly HeapProfileNode[];
}

export interface HeapProfile {
  readonly head: HeapProfileNode;
  readonly samples?: readonly { readonly size: number; readonly nodeId: number; readonly ordinal: number }[];
}

function checkNode(node: unknown, source: string): void {
  const candidate = node as Partial<HeapProfileNode> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.selfSize !== 'number' || typeof candidate.callFrame !== 'object' || !Array.isArray(candidate.children)) {
    throw new ProfileFormatError(`${source} has a node without callFrame, selfSize or children`);
  }
  for (const child of candidate.children) checkNode(child, source);
}

export function parseHeapProfile(text: string, source = 'heap profile'): HeapProfile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProfileFormatError(`${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || !('head' in value)) throw new ProfileFormatError(`${source} has no head node`);
  checkNode((value as { head: unknown }).head, source);
  return value as HeapProfile;
}

export interface AllocationSite {
  readonly frame: CallFrame;
  readonly bytes: number;
}

export interface AllocationTable {
  /** Functions by bytes allocated, highest first. */
  readonly sites: readonly AllocationSite[];
  readonly totalBytes: number;
}

/** Bytes allocated per function (summed over every stack it allocated from). */
export function allocationsByFunction(profile: HeapProfile): AllocationTable {
  const sites = new Map<string, { frame: CallFrame; bytes: number }>();
  let totalBytes = 0;
  const stack: HeapProfileNode[] = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    stack.push(...node.children);
    if (node.selfSize <= 0) continue;
    totalBytes += node.selfSize;
    if (metaFrame(node.callFrame) === '(root)') continue;
    const key = frameKey(node.callFrame);
    const entry = sites.get(key) ?? { frame: node.callFrame, bytes: 0 };
    entry.bytes += node.selfSize;
    sites.set(key, entry);
  }
  return { sites: [...sites.values()].sort((a, b) => b.bytes - a.bytes), totalBytes };
}
