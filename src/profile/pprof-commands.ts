/** The `go tool pprof` command lines serbench prints, the summary and the index show. */

/** A path as a POSIX shell reads it: quoted only when it needs to be. */
export function shellWord(word: string): string {
  return /^[\w./:=@+,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** A function name as a `-list` regex: pprof matches it anywhere in the name. */
function listPattern(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** top, source lines of one function, and the web UI (flame graph, graph, peek, source). */
export function pprofCommands(file: string, listFunction = 'encode'): string[] {
  const path = shellWord(file);
  return [`go tool pprof -top ${path}`, `go tool pprof -list ${shellWord(listPattern(listFunction))} ${path}`, `go tool pprof -http=: ${path}`];
}

/** pprof's difference view of two profiles: base subtracted after scaling it to head's total, so shares compare as in the serbench diff. */
export function pprofBaseCommand(base: string, head: string, view = '-http=:'): string {
  return `go tool pprof ${view} -normalize -base ${shellWord(base)} ${shellWord(head)}`;
}
