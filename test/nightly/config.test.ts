import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultNightlyConfig, loadNightlyConfig } from '../../src/nightly/config.js';

function configFile(content: unknown): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'pt-config-'));
  const file = join(root, 'nightly.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return { root, file };
}

describe('loadNightlyConfig', () => {
  it('gives the defaults without a file, paths inside the project', () => {
    const root = mkdtempSync(join(tmpdir(), 'pt-config-'));
    const config = loadNightlyConfig(root, null);
    expect(config).toEqual(defaultNightlyConfig(root));
    expect(config.store).toBe(join(root, 'data/papers.sqlite'));
    expect(config.sources).toEqual(['inbox']);
  });

  it('reads every key over the defaults, relative paths against the project', () => {
    const { root, file } = configFile({
      store: 'x/p.sqlite', sources: ['inbox', 'arxiv'], windowDays: 7, matchThreshold: 0.5, pins: { 3: 'Mine' },
      arxiv: { query: 'cat:cs.CL', delayMs: 10 }, http: { retries: 0 }, bundledCorpus: null,
    });
    const config = loadNightlyConfig(root, file);
    expect(config).toMatchObject({ store: join(root, 'x/p.sqlite'), sources: ['inbox', 'arxiv'], windowDays: 7, matchThreshold: 0.5, pins: { 3: 'Mine' }, bundledCorpus: null });
    expect(config.arxiv).toMatchObject({ query: 'cat:cs.CL', delayMs: 10, pageSize: 100 });
    expect(config.http.retries).toBe(0);
    expect(defaultNightlyConfig(root).arxiv.query).toBe('cat:cs.LG');
  });

  it.each([
    [{ sources: ['inbox', 'ftp'] }, /"sources": .* expected a list of inbox, hf-daily, arxiv/],
    [{ windowDays: 1e9 }, /"windowDays": 1000000000 is not valid; expected a number in \[1, 36500\]/],
    [{ arxiv: null }, /"arxiv": null is not valid; expected an object/],
    [{ http: { timeout: 5 } }, /"http.timeout": 5 is not valid; expected one of the keys timeoutMs, retries, backoffMs/],
    [{ hfDaily: 'https://x' }, /"hfDaily": "https:\/\/x" is not valid/],
    [{ pins: { three: 'x' } }, /"pins.three"/],
    [{ colour: 'blue' }, /"colour": "blue" is not valid; expected one of the known keys/],
    ['{ "store": ', /valid JSON/],
  ])('refuses %j, naming the key', (content, message) => {
    const { root, file } = configFile(content);
    expect(() => loadNightlyConfig(root, file)).toThrow(ConfigError);
    expect(() => loadNightlyConfig(root, file)).toThrow(message);
  });

  it('refuses a config file given on the command line that does not exist', () => {
    const root = mkdtempSync(join(tmpdir(), 'pt-config-'));
    expect(() => loadNightlyConfig(root, join(root, 'missing.json'))).toThrow(/an existing JSON config file/);
  });
});
