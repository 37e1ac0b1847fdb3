import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/1-ingest.js';
import { assignThemes, assignRules, loadThemeModel, MODEL_FOLDER } from '../../pipeline/assign.js';
import { paperText } from '../../pipeline/2-tokenize.js';
import { assignTextsInWorkers, StartedAssigners } from '../../src/model/assignInWorkers.js';
import type { TokenCache } from '../../src/tokenize/tokenCache.js';
import type { TokenizedDoc } from '../../src/tokenize/tokenizedDoc.js';
import { defaultOptions, normaliseOptions } from '../../pipeline/options.js';
import { runPipeline } from '../../pipeline/runPipeline.js';
import { runNightly } from '../../pipeline/nightly.js';
import { fitThemeModel } from '../../pipeline/fitThemeModel.js';
import { defaultNightlyConfig } from '../../src/nightly/config.js';
import { projectRoot } from '../../src/projectRoot.js';
import { ModelError } from '../../src/model/modelFiles.js';
import type { Paper } from '../../src/types.js';
import { usableWords } from '../../src/model/themeModel.js';
import { TOKENIZER_VERSION } from '../../src/tokenize/winkTokenizer.js';

/** A run on the bundled corpus writes its ThemeModel; assigning papers to it needs no refit. */
const tmp = () => mkdtempSync(join(tmpdir(), 'pt-assign-'));
let out: string;
let papers: Paper[];

beforeAll(async () => {
  out = join(tmp(), 'run');
  await runPipeline(normaliseOptions({ out, k: 8, cacheDir: false, runsIndex: false }));
  papers = (await ingest({ path: defaultOptions().input }, { strict: false })).papers;
}, 60_000);

describe('the ThemeModel a run writes', () => {
  it('sits in model/ beside the report: a manifest and one file per array, named in run.json', () => {
    const files = readdirSync(join(out, MODEL_FOLDER)).sort();
    expect(files).toContain('manifest.json');
    expect(files).toContain('svd_components.f64');
    expect(files).toContain('theme_tfidf_centres.f64');
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    const manifestSha256 = createHash('sha256').update(readFileSync(join(out, MODEL_FOLDER, 'manifest.json'))).digest('hex');
    expect(run.model).toEqual({ folder: join(out, MODEL_FOLDER), files: files.length, size_mib: expect.any(Number), manifest_sha256: manifestSha256 });
  });

  it('round-trips: loaded from disk it is the model the fit made in memory, and assigns exactly as it does', async () => {
    const options = normaliseOptions({ out, k: 8, cacheDir: false, runsIndex: false });
    const inMemory = (await fitThemeModel(papers, options, [], () => {})).model;
    const loaded = loadThemeModel(out);
    expect(loaded).toEqual(inMemory);
    expect(await assignThemes(loaded, papers, 1)).toEqual(await assignThemes(inMemory, papers, 1));
  }, 60_000);

  it('is byte-identical for the same input and seed', async () => {
    const again = join(tmp(), 'run');
    await runPipeline(normaliseOptions({ out: again, k: 8, cacheDir: false, runsIndex: false }));
    for (const file of readdirSync(join(out, MODEL_FOLDER))) {
      expect(readFileSync(join(again, MODEL_FOLDER, file)).equals(readFileSync(join(out, MODEL_FOLDER, file))), file).toBe(true);
    }
  }, 60_000);

  it('assigns the papers it was fitted on to the themes of the run, at least 99% of them, without refitting', async () => {
    const model = loadThemeModel(out);
    const assigned = await assignThemes(model, papers, 1);
    const fitted = new Map(csvParse(readFileSync(join(out, 'assignments.csv'), 'utf8')).map((r) => [r.paper_id!, Number(r.theme_id)]));
    const same = assigned.filter((a) => fitted.get(a.paperId) === a.themeId).length;
    expect(same / assigned.length).toBeGreaterThanOrEqual(0.99);
    expect(new Set(assigned.map((a) => a.themeId))).toEqual(new Set(fitted.values()));
    for (const a of assigned) {
      expect(a.score).toBeGreaterThan(-1.0001);
      expect(a.score).toBeLessThan(1.0001);
      expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
    }
  });

  it('assigns a new paper to the theme its words belong to', async () => {
    const model = loadThemeModel(out);
    const merging = papers.filter((p) => /model merging/i.test(p.title));
    const fitted = new Map(csvParse(readFileSync(join(out, 'assignments.csv'), 'utf8')).map((r) => [r.paper_id!, Number(r.theme_id)]));
    const [paper] = await assignThemes(model, [{
      id: 'new-1', title: 'Model merging of fine-tuned language models by task arithmetic',
      abstract: 'We merge the weights of several fine-tuned models into one model. Model merging with task vectors keeps the skills of each model without training again.',
    }], 1);
    expect(paper.themeId).toBe(fitted.get(merging[0].id));
  });

  it('keeps the words its fit kept, and its tokenizer version; words of other rules are not used', async () => {
    const model = loadThemeModel(out);
    expect(model.tokenizer.version).toBe(TOKENIZER_VERSION);
    expect(model.words!.surfaces).toContain('merging');
    expect(model.words!.lemmas[model.words!.surfaces.indexOf('merging')]).toBe('merge');
    expect(usableWords(model)).toBe(model.words);
    // A changed lemma in words of another version never reaches the papers' tokens.
    const lemmas = model.words!.lemmas.map((lemma) => (lemma === 'merge' ? 'merge-of-old-rules' : lemma));
    const older = { ...model, tokenizer: { ...model.tokenizer, version: 'split-words-wink-lemmas-0' }, words: { ...model.words!, lemmas } };
    expect(usableWords(older)).toBeUndefined();
    expect(usableWords({ ...model, tokenizer: { ...model.tokenizer, version: null } })).toBeUndefined();
    expect(await assignThemes(older, papers, 1)).toEqual(await assignThemes(model, papers, 1));
  }, 60_000);

  it('assigns the same on worker threads, in batches of any size, as through a tokens cache that tokenizes the corpus first', async () => {
    const model = loadThemeModel(out);
    const kept = new Map<string, TokenizedDoc>();
    const cache: TokenCache = { keeps: true, get: (key) => kept.get(key), add: (entries) => entries.forEach(([key, doc]) => kept.set(key, doc)), flush: () => {} };
    const throughCache = await assignThemes(model, papers, 1, { cache });
    expect(kept.size).toBe(papers.length);
    expect(await assignThemes(model, papers, 1)).toEqual(throughCache);
    expect(await assignThemes(model, papers, 2)).toEqual(throughCache);
    // Batches of 7 texts, handed to two workers as they free up, started ahead.
    const rules = assignRules(model);
    const texts = papers.map((paper) => paperText(paper, model.tokenizer.titleWeight));
    const started = new StartedAssigners(2, model, rules);
    const done: number[] = [];
    const batched = await assignTextsInWorkers(model, rules, texts, { workers: 2, batchSize: 7, started, onProgress: (n) => done.push(n) });
    expect(Array.from(batched.themes, (c) => model.themes.ids[c])).toEqual(throughCache.map((a) => a.themeId));
    expect(Array.from(batched.scores)).toEqual(throughCache.map((a) => a.score));
    expect(Array.from(batched.x)).toEqual(throughCache.map((a) => a.x));
    expect(Array.from(batched.y)).toEqual(throughCache.map((a) => a.y));
    expect(done.at(-1)).toBe(papers.length);
    expect(done.length).toBe(Math.ceil(papers.length / 7));
  }, 60_000);

  it('takes workers started ahead only for the same model and rules', async () => {
    const model = loadThemeModel(out);
    const rules = assignRules(model);
    const other = new StartedAssigners(2, model, { tokenizer: rules.tokenizer });
    expect(other.take(2, model, rules)).toEqual([]);
    const same = new StartedAssigners(2, model, rules);
    const taken = same.take(2, model, rules);
    expect(taken).toHaveLength(2);
    await Promise.all(taken.map((worker) => worker.terminate()));
    await Promise.all([other.stop(), same.stop()]);
  });

  it('refuses a damaged model, naming the file', () => {
    const file = join(out, MODEL_FOLDER, 'idf.f64');
    const bytes = readFileSync(file);
    bytes[0] ^= 0xff;
    writeFileSync(file, bytes);
    expect(() => loadThemeModel(out)).toThrow(ModelError);
    expect(() => loadThemeModel(out)).toThrow(`${file}: its sha256 does not match manifest.json`);
  });
});

describe('the ThemeModel a nightly run writes', () => {
  it('sits in the night’s folder and in latest/, under the stable theme ids, and gives the papers their themes back', async () => {
    const dir = tmp();
    const config = { ...defaultNightlyConfig(projectRoot()), store: join(dir, 'papers.sqlite'), reports: join(dir, 'reports'), inbox: join(dir, 'inbox'), demo: '--demo' };
    await runNightly(config, normaliseOptions({ cacheDir: false, runsIndex: false, quiet: true }), '2026-11-20', { log: () => {}, warn: () => {}, waitMs: 0 });
    for (const folder of ['2026-11-20', 'latest']) expect(readdirSync(join(config.reports, folder, MODEL_FOLDER))).toContain('manifest.json');
    const model = loadThemeModel(join(config.reports, 'latest'));
    const fitted = new Map(csvParse(readFileSync(join(config.reports, 'latest', 'assignments.csv'), 'utf8')).map((r) => [r.paper_id!, Number(r.theme_id)]));
    expect(new Set(model.themes.ids)).toEqual(new Set(fitted.values()));
    const assigned = await assignThemes(model, papers, 1);
    expect(assigned.filter((a) => fitted.get(a.paperId) === a.themeId).length / assigned.length).toBeGreaterThanOrEqual(0.99);
  }, 60_000);
});
