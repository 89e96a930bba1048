import { Registry } from '../../registry.js';
import { fileSink } from './file.js';
import { memorySink } from './memory.js';
import { nullSink } from './null.js';
import { redisSink } from './redis.js';
import { slowSink } from './slow.js';
import type { SinkFactory } from './types.js';

/** Every sink `--sink` accepts; a new sink is one file and one line here. */
export function createSinkRegistry(): Registry<SinkFactory> {
  return new Registry<SinkFactory>('sink', [nullSink, memorySink, fileSink, slowSink, redisSink]);
}
