import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every .ts file under src/ and pipeline/, with the project files it imports (relative specifiers only). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        const targets = [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)]
          .map((m) => relative(root, resolve(dirname(path), m[1])).replace(/\.js$/, '.ts'));
        graph.set(relative(root, path), targets);
      }
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'pipeline'));
  return graph;
}

describe('the layers of the code', () => {
  const graph = importGraph();

  it('the core (src/) never imports the application (pipeline/: stages, runner, nightly, CLI)', () => {
    const upward = [...graph].flatMap(([file, targets]) => (file.startsWith('src/') ? targets.filter((t) => t.startsWith('pipeline/')).map((t) => `${file} -> ${t}`) : []));
    expect(upward).toEqual([]);
  });

  it('no stage and no shared step calls nightly code', () => {
    const stages = [...graph].filter(([file]) => /^pipeline\/(\d-[a-z]+|fitThemes|fitThemeModel|runPipeline|evaluate|assign|relabel)\.ts$/.test(file));
    expect(stages.length).toBeGreaterThanOrEqual(12);
    const nightly = stages.flatMap(([file, targets]) => targets.filter((t) => t.startsWith('src/nightly/') || t === 'pipeline/nightly.ts').map((t) => `${file} -> ${t}`));
    expect(nightly).toEqual([]);
  });

  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of [...graph.keys()].sort()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
