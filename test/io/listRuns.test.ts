import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns } from '../../src/io/listRuns.js';

function reportsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paper-themes-runs-'));
  const run = (name: string, runJson: string | null) => {
    mkdirSync(join(dir, name));
    if (runJson !== null) writeFileSync(join(dir, name, 'run.json'), runJson);
  };
  run('latest', JSON.stringify({
    input: { path: '/x/data/corpus/hf.txt', papers: 70 },
    quality: { silhouette: 0.35 },
    themes: [{ id: 0, label: 'a', size: 9 }, { id: 1, label: 'b', size: 8 }, { id: 2, label: 'c', size: 7 }, { id: 3, label: 'd', size: 1 }],
    finished_at: '2026-11-26T01:02:03.000Z',
  }));
  run('damaged', '{"input": ');
  run('not-a-run', null);
  writeFileSync(join(dir, 'index.html'), '');
  return dir;
}

describe('listRuns', () => {
  const runs = listRuns(reportsFolder());
  const byFolder = new Map(runs.map((r) => [r.folder, r]));

  it('lists every sub-folder that has a run.json, and nothing else', () => {
    expect([...byFolder.keys()].sort()).toEqual(['damaged', 'latest']);
  });

  it('reads corpus name, counts, silhouette, finishing time and the three largest themes', () => {
    expect(byFolder.get('latest')).toEqual({
      folder: 'latest', finishedAt: '2026-11-26T01:02:03.000Z', corpus: 'hf.txt', papers: 70, themes: 4,
      silhouette: 0.35, topThemes: ['a', 'b', 'c'],
    });
  });

  it('keeps a run whose run.json does not parse, without figures', () => {
    expect(byFolder.get('damaged')).toEqual({ folder: 'damaged', topThemes: [] });
  });

  it('is empty for a folder that does not exist', () => {
    expect(listRuns(join(tmpdir(), 'no-such-folder-paper-themes'))).toEqual([]);
  });
});
