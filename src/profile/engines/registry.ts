import { Registry } from '../../registry.js';
import { CLINIC_TOOLS, clinicEngine } from './clinic.js';
import { cpuEngine } from './cpu.js';
import { flamegraph0xEngine } from './flamegraph-0x.js';
import { heapEngine } from './heap.js';
import type { ProfileEngine } from './types.js';

/** Every profiling engine, in the order they run for a case (0x after cpu, whose profiles it renders). */
export function createEngineRegistry(): Registry<ProfileEngine> {
  return new Registry<ProfileEngine>('tool', [cpuEngine, heapEngine, flamegraph0xEngine, ...CLINIC_TOOLS.map(clinicEngine)]);
}
