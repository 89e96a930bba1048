/**
 * Progress on stderr: one rewritten line on a terminal, plain lines otherwise
 * (CI logs, pipes), so a log is readable and a terminal is not flooded.
 */
export interface Progress {
  update(text: string): void;
  log(text: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress {
  const live = stream.isTTY === true && !env.CI;
  let shown = false;
  return {
    update(text) {
      if (live) {
        stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 100) - 1)}`);
        shown = true;
      } else stream.write(`${text}\n`);
    },
    log(text) {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
      stream.write(`${text}\n`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
