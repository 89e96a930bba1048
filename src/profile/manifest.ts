import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureWindow } from './child/env.js';
import type { CodecRunReport } from './child/loop.js';
import { ARTEFACT } from './artefact-names.js';
import type { Artefact } from './engines/types.js';
import type { ToolName } from './options.js';

export const MANIFEST_SCHEMA = 'serbench.profile/v1';

/** What became of one tool for one case (the index shows each, with the reason when it did not run). */
export type ToolRecord =
  | { readonly tool: ToolName; readonly status: 'ok'; readonly elapsedMs: number; readonly artefacts: readonly Artefact[]; readonly version?: string; readonly note?: string }
  | { readonly tool: ToolName; readonly status: 'failed'; readonly reason: string; readonly elapsedMs: number; readonly artefacts: readonly Artefact[] }
  | { readonly tool: ToolName; readonly status: 'unavailable'; readonly reason: string };

/** manifest.json: everything the index and a later reader need about a profiled case. */
export interface CaseManifest {
  readonly schema: typeof MANIFEST_SCHEMA;
  readonly caseId: string;
  /** The case directory's name under the profiles directory. */
  readonly dir: string;
  readonly createdAt: string;
  readonly node: string;
  readonly platform: string;
  readonly durationMs: number;
  readonly window: CaptureWindow;
  readonly target: Readonly<Record<string, string | number>>;
  readonly run?: CodecRunReport;
  readonly tools: readonly ToolRecord[];
  readonly summary?: string;
  /** Time the whole case took, all tools included (ms). */
  readonly elapsedMs: number;
}

export function isCaseManifest(value: unknown): value is CaseManifest {
  const candidate = value as Partial<CaseManifest> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.schema === MANIFEST_SCHEMA && typeof candidate.caseId === 'string' && Array.isArray(candidate.tools);
}

export function readManifest(caseDir: string): CaseManifest | undefined {
  const path = join(caseDir, ARTEFACT.manifest);
  if (!existsSync(path)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isCaseManifest(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Every case directory's manifest under the profiles directory, by case id. */
export function readAllManifests(outDir: string): CaseManifest[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => readManifest(join(outDir, entry.name)))
    .filter((manifest): manifest is CaseManifest => manifest !== undefined)
    .sort((a, b) => a.caseId.localeCompare(b.caseId));
}
