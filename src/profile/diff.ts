import { metaFrame, sampleDurations, type CallFrame, type CpuProfile } from './cpuprofile.js';
import { formatLocation, functionLabel, packageLabel, stablePlace, type Locate } from './locations.js';

/** The CPU profiles of one side of a comparison (every thread of one case directory). */
export interface ProfileSet {
  readonly label: string;
  readonly profiles: readonly CpuProfile[];
  readonly locate: Locate;
}

/** One function's self time on both sides, as shares of each side's busy time. */
export interface FrameChange {
  readonly name: string;
  /** Where it is in the head profile (or the base, if it is gone). */
  readonly where: string;
  readonly packageName: string;
  readonly baseUs: number;
  readonly headUs: number;
  readonly baseShare: number;
  readonly headShare: number;
  /** headShare − baseShare: positive when the function gained self time. */
  readonly delta: number;
}

/** A frame of the merged call tree, with self and total time on both sides (shares). */
export interface DiffTreeNode {
  readonly key: string;
  readonly name: string;
  where: string;
  baseSelf: number;
  headSelf: number;
  baseTotal: number;
  headTotal: number;
  readonly children: Map<string, DiffTreeNode>;
}

export interface ProfileDiff {
  readonly changes: readonly FrameChange[];
  readonly tree: DiffTreeNode;
  readonly base: { readonly label: string; readonly busyUs: number; readonly samples: number };
  readonly head: { readonly label: string; readonly busyUs: number; readonly samples: number };
}

function identify(frame: CallFrame, locate: Locate): { key: string; name: string; where: string; packageName: string } {
  const location = locate(frame);
  const name = functionLabel(frame);
  return { key: `${name}\u0000${stablePlace(frame, location)}`, name, where: formatLocation(location), packageName: packageLabel(location) };
}

interface SideTotals {
  readonly selfUs: Map<string, { name: string; where: string; packageName: string; us: number }>;
  readonly busyUs: number;
  readonly samples: number;
}

function newNode(key: string, name: string, where: string): DiffTreeNode {
  return { key, name, where, baseSelf: 0, headSelf: 0, baseTotal: 0, headTotal: 0, children: new Map() };
}

/** Adds one side's samples into the merged tree and returns its self time per frame (idle left out). */
function addSide(set: ProfileSet, tree: DiffTreeNode, side: 'base' | 'head'): SideTotals {
  const selfUs = new Map<string, { name: string; where: string; packageName: string; us: number }>();
  const perPath: Array<{ path: Array<{ key: string; name: string; where: string }>; us: number }> = [];
  let busyUs = 0;
  let samples = 0;
  for (const profile of set.profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const self = new Map<number, number>();
    const counts = new Map<number, number>();
    const durations = sampleDurations(profile);
    profile.samples.forEach((id, i) => {
      self.set(id, (self.get(id) ?? 0) + (durations[i] ?? 0));
      counts.set(id, (counts.get(id) ?? 0) + 1);
    });
    for (const [id, us] of self) {
      const node = byId.get(id);
      if (!node || metaFrame(node.callFrame) === '(idle)') continue;
      busyUs += us;
      samples += counts.get(id) ?? 0;
      const path: Array<{ key: string; name: string; where: string }> = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)?.callFrame;
        if (!frame || metaFrame(frame) === '(root)') continue;
        path.push(identify(frame, set.locate));
      }
      path.reverse();
      perPath.push({ path, us });
      const leaf = identify(node.callFrame, set.locate);
      const entry = selfUs.get(leaf.key) ?? { name: leaf.name, where: leaf.where, packageName: leaf.packageName, us: 0 };
      entry.us += us;
      selfUs.set(leaf.key, entry);
    }
  }
  const scale = busyUs > 0 ? 1 / busyUs : 0;
  for (const { path, us } of perPath) {
    const share = us * scale;
    let node = tree;
    if (side === 'base') node.baseTotal += share;
    else node.headTotal += share;
    for (const frame of path) {
      let child = node.children.get(frame.key);
      if (!child) {
        child = newNode(frame.key, frame.name, frame.where);
        node.children.set(frame.key, child);
      }
      if (side === 'head') child.where = frame.where;
      node = child;
      if (side === 'base') node.baseTotal += share;
      else node.headTotal += share;
    }
    if (side === 'base') node.baseSelf += share;
    else node.headSelf += share;
  }
  return { selfUs, busyUs, samples };
}

/**
 * Compares two sets of CPU profiles of the same case. Time is compared as shares
 * of each side's busy (non-idle) time, so runs of different length or speed
 * compare; a function that got slower takes a bigger share, the rest smaller ones.
 * Changes are ranked by how much share they gained or lost.
 */
export function diffProfiles(base: ProfileSet, head: ProfileSet): ProfileDiff {
  const tree = newNode('(root)', 'all', '');
  const baseTotals = addSide(base, tree, 'base');
  const headTotals = addSide(head, tree, 'head');
  const keys = new Set([...baseTotals.selfUs.keys(), ...headTotals.selfUs.keys()]);
  const changes: FrameChange[] = [];
  for (const key of keys) {
    const before = baseTotals.selfUs.get(key);
    const after = headTotals.selfUs.get(key);
    const described = after ?? before;
    if (!described) continue;
    const baseUs = before?.us ?? 0;
    const headUs = after?.us ?? 0;
    const baseShare = baseTotals.busyUs > 0 ? baseUs / baseTotals.busyUs : 0;
    const headShare = headTotals.busyUs > 0 ? headUs / headTotals.busyUs : 0;
    changes.push({ name: described.name, where: described.where, packageName: described.packageName, baseUs, headUs, baseShare, headShare, delta: headShare - baseShare });
  }
  changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || b.headUs - a.headUs);
  return {
    changes,
    tree,
    base: { label: base.label, busyUs: baseTotals.busyUs, samples: baseTotals.samples },
    head: { label: head.label, busyUs: headTotals.busyUs, samples: headTotals.samples },
  };
}
