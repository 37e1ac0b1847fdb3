import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a failed write means to a user, by errno code. */
const FAULTS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no folder can be created there',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EBUSY: 'the folder is in use (a mount point?)',
  EXDEV: 'the folder is a mount point',
  ENOTEMPTY: 'it was replaced meanwhile (another run writing it?)',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

/**
 * An output that cannot be written, for a reason the user can act on (permissions, a full
 * disk, a folder where a file should be). `option` names the command-line option the path
 * came from when the fault is found before the work, so the CLI can say which to change.
 */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly option?: string,
    readonly hint?: string,
  ) {
    super(`${option === undefined ? '' : `--${option}: `}cannot write ${path}: ${reason}${hint === undefined ? '' : `; ${hint}`}`);
    this.name = 'OutputError';
  }
}

/** The plain description of a file-system error, e.g. `permission denied (EACCES)`, or undefined if it is not one. */
export function describeFault(error: unknown, path: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !(code in FAULTS)) return undefined;
  if (code === 'ENOTDIR') {
    const file = fileOnPath(path);
    if (file !== undefined) return `${file} is not a folder (ENOTDIR)`;
  }
  return `${FAULTS[code]} (${code})`;
}

/** The error as an OutputError about `path` when it is a file-system fault; any other error (a bug) as it is. */
export function asOutputError(error: unknown, path: string): unknown {
  if (error instanceof OutputError) return error;
  const reason = describeFault(error, path);
  return reason === undefined ? error : new OutputError(path, reason);
}

/** The nearest existing ancestor of `path` (or `path` itself) when it is not a folder. */
export function fileOnPath(path: string): string | undefined {
  for (let at = path; ; at = dirname(at)) {
    if (existsSync(at)) return statSync(at).isDirectory() ? undefined : at;
    if (dirname(at) === at) return undefined;
  }
}
