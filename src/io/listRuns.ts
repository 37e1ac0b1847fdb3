import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunListing } from '../report/renderRunsIndex.js';

/**
 * The runs in a reports folder: each sub-folder holding a run.json and an index.html. A
 * run.json that cannot be read or parsed still lists its folder (with no figures), so a
 * damaged run stays visible rather than silently vanishing from the index.
 */
export function listRuns(reportsDir: string): RunListing[] {
  let entries;
  try {
    entries = readdirSync(reportsDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const runs = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && existsSync(join(reportsDir, entry.name, 'run.json')))
    .map((entry) => listing(entry.name, join(reportsDir, entry.name, 'run.json')));
  // The nightly job's latest/ is a copy of a night that is listed under its own name.
  const nights = new Set(runs.map((run) => run.night).filter((night) => night !== undefined));
  return runs.filter((run) => !(run.folder === 'latest' && run.night !== undefined && nights.has(run.night) &&
    runs.some((other) => other.folder === run.night)));
}

function listing(folder: string, runJson: string): RunListing {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(readFileSync(runJson, 'utf8')) as Record<string, unknown>;
  } catch {
    return { folder, topThemes: [] };
  }
  const input = (record.input ?? {}) as Record<string, unknown>;
  const quality = (record.quality ?? {}) as Record<string, unknown>;
  const themes = Array.isArray(record.themes) ? (record.themes as Array<Record<string, unknown>>) : [];
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    folder,
    finishedAt: text(record.finished_at),
    night: text(record.night),
    kind: text(record.night_kind),
    corpus: text(input.path)?.split(/[\\/]/).pop(),
    papers: num(input.papers),
    themes: themes.length,
    silhouette: num(quality.silhouette),
    topThemes: themes.slice(0, 3).map((t) => text(t.label) ?? '').filter(Boolean),
  };
}
