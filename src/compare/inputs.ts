/**
 * Input datasets (`--input`) that two result files both used under one name but with
 * different file contents: comparing their timings would compare different data.
 * Reads `meta.inputs` as loosely as compare reads the rest of a result file.
 */
export interface InputChange {
  readonly dataset: string;
  readonly base: string;
  readonly head: string;
}

interface LooseInput {
  readonly dataset?: unknown;
  readonly sha256?: unknown;
}

function digests(meta: { readonly [field: string]: unknown }): Map<string, string> {
  const inputs = Array.isArray(meta.inputs) ? (meta.inputs as LooseInput[]) : [];
  return new Map(inputs.flatMap((input) => (typeof input?.dataset === 'string' && typeof input.sha256 === 'string' ? [[input.dataset, input.sha256] as const] : [])));
}

export function inputChanges(base: { readonly [field: string]: unknown }, head: { readonly [field: string]: unknown }): InputChange[] {
  const before = digests(base);
  return [...digests(head)].flatMap(([dataset, sha]) => {
    const old = before.get(dataset);
    return old !== undefined && old !== sha ? [{ dataset, base: old, head: sha }] : [];
  });
}
