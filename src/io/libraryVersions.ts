import { readFileSync } from 'node:fs';
import { projectPath } from '../projectRoot.js';

/** The libraries whose versions a run records, so that a result can be reproduced. */
export const RECORDED_LIBRARIES = [
  'wink-nlp',
  'wink-eng-lite-web-model',
  'ml-pca',
  'ml-kmeans',
  'ml-matrix',
  'vega',
  'vega-lite',
  'vega-embed',
  'd3',
] as const;

/** Installed versions read from node_modules (package exports maps hide package.json from require). */
export function libraryVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of ['paper-themes', ...RECORDED_LIBRARIES]) {
    const file = name === 'paper-themes' ? projectPath('package.json') : projectPath('node_modules', name, 'package.json');
    try {
      versions[name] = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      versions[name] = 'not installed';
    }
  }
  versions.node = process.versions.node;
  return versions;
}
