/** Hand-made V8 profiles for the pure tests (not a test file itself). */
import type { CallFrame, CpuProfile, CpuProfileNode } from './cpuprofile.js';

export function frame(functionName: string, url = '', lineNumber = -1, columnNumber = -1): CallFrame {
  return { functionName, url, lineNumber, columnNumber, scriptId: '0' };
}

/**
 * A CPU profile from stacks and how many 1 ms samples each got: `['main', 'work']`
 * is main calling work. Frames are (name, url) pairs given as `name@url`.
 */
export function profileFromStacks(stacks: ReadonlyArray<{ stack: readonly string[]; samples: number }>, intervalUs = 1000): CpuProfile {
  const nodes: Array<CpuProfileNode & { children: number[] }> = [{ id: 1, callFrame: frame('(root)'), children: [] }];
  const childOf = new Map<string, number>();
  const samples: number[] = [];
  for (const { stack, samples: count } of stacks) {
    let parent = 1;
    for (const entry of stack) {
      const key = `${parent}>${entry}`;
      let id = childOf.get(key);
      if (id === undefined) {
        id = nodes.length + 1;
        const [name = '', url = ''] = entry.split('@');
        const pseudo = name.startsWith('(');
        nodes.push({ id, callFrame: frame(name, pseudo ? '' : url || 'file:///project/src/app.ts', pseudo ? -1 : 10, pseudo ? -1 : 0), children: [] });
        nodes.find((n) => n.id === parent)?.children.push(id);
        childOf.set(key, id);
      }
      parent = id;
    }
    for (let i = 0; i < count; i++) samples.push(parent);
  }
  return { nodes, startTime: 0, endTime: (samples.length + 1) * intervalUs, samples, timeDeltas: samples.map(() => intervalUs) };
}
