import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync } from 'node:fs';

/**
 * File permissions do not stop root, and tests may run as root: there, the command runs
 * as user `nobody` (setpriv, util-linux) so that a read-only or unreadable file means what
 * it means to a user. `canDropPrivileges` is false only as root without setpriv.
 */
const root = process.getuid?.() === 0;
const setpriv = root && spawnSync('setpriv', ['--version']).status === 0;
export const canDropPrivileges = !root || setpriv;

/** Runs `node args...` as an unprivileged user (ourselves when we are not root). */
export function nodeUnprivileged(args: string[], env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  const command = root ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args] : [process.execPath, ...args];
  return spawnSync(command[0], command.slice(1), { env, encoding: 'utf8' });
}

/** Lets the unprivileged user into and through `paths` (mkdtemp makes folders 0700). */
export function openTo(...paths: string[]): void {
  for (const path of paths) chmodSync(path, 0o755);
}
