import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTEFACT, threadOfFile } from '../../profile/artefact-names.js';
import { readAllManifests } from '../../profile/manifest.js';
import type { ProfileLinks } from './profiles-section.js';

/** Where `npm run profile` writes, relative to the reports directory. */
export const PROFILES_DIR = 'profiles';

/**
 * The profile index and each profiled case's flame graphs under `<reportsDir>/profiles/`,
 * as links relative to `<reportsDir>/index.html`. Reads the profile manifests for the
 * case ids; a directory without a manifest is listed by its name.
 */
export function discoverProfileLinks(reportsDir: string): ProfileLinks | undefined {
  const root = join(reportsDir, PROFILES_DIR);
  if (!existsSync(root)) return undefined;
  const index = existsSync(join(root, 'index.html')) ? `${PROFILES_DIR}/index.html` : undefined;
  const manifests = new Map(readAllManifests(root).map((m) => [m.dir, m.caseId]));
  const flamegraphs = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const files = readdirSync(join(root, entry.name))
        .map((file) => ({ file, thread: threadOfFile('flamegraph', file) }))
        .filter((f): f is { file: string; thread: number } => f.thread !== undefined)
        .sort((a, b) => a.thread - b.thread);
      const caseId = manifests.get(entry.name) ?? entry.name;
      return files.map(({ file, thread }) => ({
        caseId,
        label: thread === 0 ? caseId : `${caseId} (worker thread ${thread})`,
        href: `${PROFILES_DIR}/${encodeURIComponent(entry.name)}/${file === ARTEFACT.flamegraph ? ARTEFACT.flamegraph : encodeURIComponent(file)}`,
      }));
    })
    .sort((a, b) => a.label.localeCompare(b.label));
  return index || flamegraphs.length > 0 ? { ...(index ? { index } : {}), flamegraphs } : undefined;
}
