import { describeFault } from '../../src/io/outputError.js';
import type { CliIo } from './cliIo.js';

/**
 * The process's stdout and stderr for the CLI. A reader that has gone away (EPIPE, as
 * `| head -1` does once it has its line) is not an error: the run goes on, writing nothing
 * more there, and exits as it would have. Any other write error on stdout, which carries
 * the results (redirected to a full disk), is kept for `fault()`, so the exit code can
 * say they were lost; stderr carries only progress and messages, and is let go.
 */
export function processIo(): CliIo & { fault(): string | undefined } {
  shared ??= listenedIo();
  return shared;
}

let shared: ReturnType<typeof listenedIo> | undefined;

/** The one set of listeners on the process's streams (main may be called more than once). */
function listenedIo(): CliIo & { fault(): string | undefined } {
  let fault: string | undefined;
  const stream = (target: NodeJS.WriteStream, carriesResults: boolean) => {
    let open = true;
    target.on('error', (error: NodeJS.ErrnoException) => {
      open = false;
      if (carriesResults && error.code !== 'EPIPE') {
        fault ??= `cannot write to standard output: ${describeFault(error, 'standard output') ?? error.message}`;
      }
    });
    return { write: (text: string) => (open ? target.write(text) : false) };
  };
  return { out: stream(process.stdout, true), err: stream(process.stderr, false), fault: () => fault };
}
