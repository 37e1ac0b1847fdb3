import { describe, expect, it } from 'vitest';
import { processStart, startTicksOf } from '../../src/nightly/processStart.js';

describe('startTicksOf', () => {
  it('reads field 22 of a /proc/<pid>/stat line, even when the command name holds spaces and parentheses', () => {
    const fields = (name: string) => `4242 (${name}) S ${Array.from({ length: 18 }, (_, i) => i + 4).join(' ')} 987654 3133440 404`;
    expect(startTicksOf(fields('node'))).toBe(987654);
    expect(startTicksOf(fields('my (odd) name) x'))).toBe(987654);
  });

  it('is null for a line it cannot read', () => {
    expect(startTicksOf('garbage')).toBeNull();
  });
});

describe('processStart', () => {
  it.runIf(process.platform === 'linux')('tells this process apart from its parent', () => {
    const me = processStart(process.pid);
    const parent = processStart(process.ppid);
    expect(me).not.toBeNull();
    expect(me!.bootId).toBe(parent!.bootId);
    expect(me!.startTicks).toBeGreaterThanOrEqual(parent!.startTicks);
    expect(me).not.toEqual(parent);
  });

  it('is null for a pid that does not exist', () => {
    expect(processStart(2 ** 22 + 1)).toBeNull();
  });
});
