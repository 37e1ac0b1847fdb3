import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, ConfigError, defaultNightlyConfig, loadNightlyConfig } from '../../src/nightly/config.js';

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
      store: 'x/p.sqlite', sources: ['inbox', 'arxiv'], windowDays: 7, matchThreshold: 0.5, pins: { 3: 'Mine' }, merges: [[3, 7]],
      arxiv: { query: 'cat:cs.CL', delayMs: 10 }, http: { retries: 0 }, bundledCorpus: null,
    });
    const config = loadNightlyConfig(root, file);
    expect(config).toMatchObject({ store: join(root, 'x/p.sqlite'), sources: ['inbox', 'arxiv'], windowDays: 7, matchThreshold: 0.5, pins: { 3: 'Mine' }, merges: [[3, 7]], bundledCorpus: null });
    expect(config.arxiv).toMatchObject({ query: 'cat:cs.CL', delayMs: 10, pageSize: 100 });
    expect(config.http.retries).toBe(0);
    expect(defaultNightlyConfig(root).arxiv.query).toBe('cat:cs.LG');
  });

  it.each([
    [{ sources: ['inbox', 'ftp'] }, /"sources": .* expected a list of inbox, hf-daily, arxiv/],
    [{ windowDays: 1e9 }, /"windowDays": 1000000000 is not valid; expected an integer in \[1, 36500\] or null/],
    [{ arxiv: null }, /"arxiv": null is not valid; expected an object/],
    [{ http: { timeout: 5 } }, /"http.timeout": 5 is not valid; expected one of the keys timeoutMs, retries, backoffMs/],
    [{ hfDaily: 'https://x' }, /"hfDaily": "https:\/\/x" is not valid/],
    [{ pins: { three: 'x' } }, /"pins.three"/],
    [{ merges: [3, 7] }, /"merges\[0\]": 3 is not valid; expected two different theme ids, e.g. \[3, 7\]/],
    [{ merges: [[3, 3]] }, /"merges\[0\]": \[3,3\] is not valid/],
    [{ merges: { 3: 7 } }, /"merges": .* expected a list of theme id pairs/],
    [{ colour: 'blue' }, /"colour": "blue" is not valid; expected one of the known keys/],
    ['{ "store": ', /valid JSON/],
  ])('refuses %j, naming the key', (content, message) => {
    const { root, file } = configFile(content);
    expect(() => loadNightlyConfig(root, file)).toThrow(ConfigError);
    expect(() => loadNightlyConfig(root, file)).toThrow(message);
  });

  it.each([
    [{ hfDaily: { baseUrl: 'file:///etc/passwd' } }, 'hfDaily.baseUrl', /an http\(s\) URL/],
    [{ arxiv: { baseUrl: 'ftp://export.arxiv.org' } }, 'arxiv.baseUrl', /an http\(s\) URL/],
    [{ arxiv: { baseUrl: 'export.arxiv.org' } }, 'arxiv.baseUrl', /an http\(s\) URL/],
    [{ hfDaily: { baseUrl: 'https://user:secret@huggingface.co' } }, 'hfDaily.baseUrl', /without user or password/],
    [{ hfDaily: { baseUrl: 'https://huggingface.co/?x=1' } }, 'hfDaily.baseUrl', /without query or fragment/],
    [{ http: { timeoutMs: 50 } }, 'http.timeoutMs', /a number in \[100, 600000\]/],
    [{ http: { timeoutMs: 1e10 } }, 'http.timeoutMs', /a number in \[100, 600000\]/],
    [{ http: { backoffMs: 1e9 } }, 'http.backoffMs', /a number in \[0, 60000\]/],
    [{ http: { retries: 2.5 } }, 'http.retries', /an integer in \[0, 10\]/],
    [{ http: { maxResponseMB: 0 } }, 'http.maxResponseMB', /an integer in \[1, 1024\]/],
    [{ http: { maxResponseMB: 'big' } }, 'http.maxResponseMB', /an integer in \[1, 1024\]/],
    [{ http: { maxRedirects: 100 } }, 'http.maxRedirects', /an integer in \[0, 20\]/],
    [{ windowDays: 2.5 }, 'windowDays', /an integer in \[1, 36500\] or null/],
    [{ windowDays: '7' }, 'windowDays', /an integer in \[1, 36500\] or null/],
    [{ matchThreshold: 1.5 }, 'matchThreshold', /a number in \[0, 1\]/],
    [{ matchThreshold: '0.3' }, 'matchThreshold', /a number in \[0, 1\]/],
    [{ keepKWithin: -0.1 }, 'keepKWithin', /a number in \[0, 2\]/],
    [{ pins: { 3: 'x'.repeat(201) } }, 'pins.3', /at most 200 characters/],
    [{ pins: { 3: 7 } }, 'pins.3', /a non-empty string/],
    [{ arxiv: { pageSize: 10.5 } }, 'arxiv.pageSize', /an integer in \[1, 2000\]/],
    [{ arxiv: { maxResults: 1e9 } }, 'arxiv.maxResults', /an integer in \[1, 30000\]/],
    [{ arxiv: { delayMs: 1e10 } }, 'arxiv.delayMs', /a number in \[0, 60000\]/],
    [{ arxiv: { delayMs: -1 } }, 'arxiv.delayMs', /a number in \[0, 60000\]/],
    [{ arxiv: { query: '' } }, 'arxiv.query', /a non-empty string/],
  ])('refuses %j, naming the file and the key with what it accepts', (content, key, expected) => {
    const { root, file } = configFile(content);
    const error = (() => { try { loadNightlyConfig(root, file); } catch (e) { return e; } throw new Error('accepted'); })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.startsWith(`${file}: "${key}": `)).toBe(true);
    expect((error as Error).message).toMatch(expected);
  });

  it('reads the HTTP limits, the response cap in MB', () => {
    const { root, file } = configFile({ http: { maxResponseMB: 10, maxRedirects: 0, timeoutMs: 100 }, hfDaily: {} });
    const config = loadNightlyConfig(root, file);
    expect(config.http).toMatchObject({ maxResponseBytes: 10 * 1024 * 1024, maxRedirects: 0, timeoutMs: 100, retries: 3 });
    expect(config.hfDaily.baseUrl).toBe('https://huggingface.co');
    expect(defaultNightlyConfig(root).http).toMatchObject({ maxResponseBytes: 50 * 1024 * 1024, maxRedirects: 5 });
  });

  it('refuses a config file given on the command line that does not exist', () => {
    const root = mkdtempSync(join(tmpdir(), 'pt-config-'));
    expect(() => loadNightlyConfig(root, join(root, 'missing.json'))).toThrow(/an existing JSON config file/);
  });
});

describe('the config keys, declared once', () => {
  it('are the fields of the nightly configuration but demo, each in the example of docs/nightly.md', () => {
    const fields = Object.keys(defaultNightlyConfig('/x')).filter((key) => key !== 'demo').sort();
    expect([...CONFIG_KEYS].sort()).toEqual(fields);
    const docs = readFileSync(new URL('../../docs/nightly.md', import.meta.url), 'utf8');
    const example = docs.slice(docs.indexOf('**Config**'), docs.indexOf('```\n', docs.indexOf('```json', docs.indexOf('**Config**')) + 7));
    for (const key of CONFIG_KEYS) expect(example, key).toContain(`"${key}":`);
  });

  it('an unknown key is refused with the list of known ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-config-keys-'));
    const file = join(dir, 'nightly.json');
    writeFileSync(file, JSON.stringify({ refitEveryNight: 3 }));
    expect(() => loadNightlyConfig(dir, file)).toThrow(`one of the known keys (${CONFIG_KEYS.join(', ')})`);
  });
});
