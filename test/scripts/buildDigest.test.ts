import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildIsCurrent, recordBuild, sourcesDigest } from '../../scripts/buildDigest.mjs';

/** A project with a source in src/ and pipeline/, the two config files and a built CLI. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'pt-build-'));
  for (const dir of ['src', 'pipeline', 'dist/pipeline/cli']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'pipeline', 'b.ts'), 'export const b = 2;\n');
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  writeFileSync(join(root, 'package.json'), '{}\n');
  writeFileSync(join(root, 'dist', 'pipeline', 'cli', 'main.js'), '');
  return root;
}

describe('the build digest (npm run pipeline rebuilds only when sources changed)', () => {
  it('is current once recorded, until a source, a config file or the set of files changes', () => {
    const root = project();
    expect(buildIsCurrent(root)).toBe(false);
    recordBuild(root);
    expect(buildIsCurrent(root)).toBe(true);
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 3;\n');
    expect(buildIsCurrent(root)).toBe(false);
    recordBuild(root);
    writeFileSync(join(root, 'pipeline', 'c.ts'), '');
    expect(buildIsCurrent(root)).toBe(false);
    recordBuild(root);
    writeFileSync(join(root, 'tsconfig.json'), '{"x": 1}\n');
    expect(buildIsCurrent(root)).toBe(false);
    recordBuild(root);
    rmSync(join(root, 'dist', 'pipeline', 'cli', 'main.js'));
    expect(buildIsCurrent(root)).toBe(false);
  });

  it('depends on paths as well as contents: a file renamed changes it', () => {
    const root = project();
    const before = sourcesDigest(root);
    rmSync(join(root, 'src', 'a.ts'));
    writeFileSync(join(root, 'src', 'z.ts'), 'export const a = 1;\n');
    expect(sourcesDigest(root)).not.toBe(before);
  });

  it('is current for this checkout after the build npm test ran', () => {
    expect(buildIsCurrent(fileURLToPath(new URL('../..', import.meta.url)))).toBe(true);
  });
});
