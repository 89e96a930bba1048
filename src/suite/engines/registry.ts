import { Registry } from '../../registry.js';
import type { CodecSuiteOptions } from '../options.js';
import { instructionEngine } from './instructions.js';
import { timeEngine } from './time.js';
import type { EngineContext, EngineFactory, MeasureEngine } from './types.js';

export function createEngineRegistry(): Registry<EngineFactory> {
  return new Registry<EngineFactory>('measure', [timeEngine, instructionEngine]);
}

export function createEngine(options: CodecSuiteOptions, context: EngineContext): MeasureEngine {
  return createEngineRegistry().get(options.measure).create(options, context);
}
