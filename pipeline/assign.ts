import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignTextsInWorkers, type StartedAssigners } from '../src/model/assignInWorkers.js';
import type { TextRules } from '../src/model/assignTexts.js';
import { assignVectors, type VectorAssignment } from '../src/model/assignVectors.js';
import { decodeModelFiles, MANIFEST, ModelError } from '../src/model/modelFiles.js';
import { themeModelFromFiles, usableWords, type ThemeModel } from '../src/model/themeModel.js';
import { noTokenCache, type TokenCache } from '../src/tokenize/tokenCache.js';
import type { Assignment, Paper } from '../src/types.js';
import { countTerms, weightTfidf, type TfidfModel } from '../src/vectorize/tfidf.js';
import { paperText, tokenize, tokenizerParams } from './2-tokenize.js';

/** Where a run keeps its model, beside its report. */
export const MODEL_FOLDER = 'model';

/**
 * The ThemeModel of a run folder (`reports/latest`: its `model/`) or of a model folder
 * itself; a missing, newer, foreign or damaged model is a ModelError naming the file.
 */
export function loadThemeModel(path: string): ThemeModel {
  const folder = existsSync(join(path, MANIFEST)) ? path : join(path, MODEL_FOLDER);
  const read = (name: string): Uint8Array | null => {
    const file = join(folder, name);
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : null;
  };
  const files = decodeModelFiles(read, folder);
  try {
    return themeModelFromFiles(files, join(folder, MANIFEST));
  } catch (error) {
    throw new ModelError(join(folder, MANIFEST), (error as Error).message.replace(`${join(folder, MANIFEST)}: `, ''));
  }
}

/**
 * New papers assigned to a fitted model without refitting: tokenized with the model's
 * rules and phrases, counted over its vocabulary, weighted by its idf, then given a theme,
 * score, loose-fit flag and map position (src/model/assignVectors.ts). Assignments carry
 * the model's theme ids.
 *
 * With a tokens cache (`cache`, the nightly store's) tokens come from it where it has
 * them and new ones are added to it; without one, each worker assigns whole batches of
 * papers (src/model/assignInWorkers.ts), tokenizing included. The two give the same
 * assignments: every step works per paper.
 */
export async function assignThemes(
  model: ThemeModel,
  papers: readonly Paper[],
  workers: number,
  /** `onProgress`: papers assigned so far (with a cache: papers tokenized so far, cached ones not counted). */
  extras: { cache?: TokenCache; started?: StartedAssigners; onProgress?: (done: number) => void } = {},
): Promise<Assignment[]> {
  const cache = extras.cache ?? noTokenCache();
  const assigned = cache.keeps
    ? await assignTokenized(model, papers, workers, cache, extras.onProgress)
    : await assignTextsInWorkers(model, assignRules(model), papers.map((paper) => paperText(paper, model.tokenizer.titleWeight)), { workers, started: extras.started, onProgress: extras.onProgress });
  return papers.map((paper, i) => ({
    paperId: paper.id,
    themeId: model.themes.ids[assigned.themes[i]],
    score: assigned.scores[i],
    x: assigned.x[i],
    y: assigned.y[i],
    ...(assigned.looseFit[i] === 1 ? { looseFit: true } : { looseFit: false }),
  }));
}

/** How texts are tokenized for `model`: its rules, and the words its fit kept when its tokenizer version is this one's. */
export function assignRules(model: ThemeModel): TextRules {
  const knownWords = usableWords(model);
  return { tokenizer: tokenizerParams({ boilerplate: model.tokenizer.boilerplate }), ...(knownWords === undefined ? {} : { knownWords }) };
}

/** The cached path of assignThemes: the tokenize stage (with the cache), then the vectors assigned at once. */
async function assignTokenized(model: ThemeModel, papers: readonly Paper[], workers: number, cache: TokenCache, onProgress?: (done: number) => void): Promise<VectorAssignment> {
  const tokens = await tokenize({ papers }, {
    boilerplate: model.tokenizer.boilerplate, phraseMinDf: papers.length + 1, titleWeight: model.tokenizer.titleWeight,
    lemmas: model.tokenizer.lemmas, workers, cache, phrases: { phrases: model.phrases }, knownWords: usableWords(model), onProgress,
  });
  const vectorizer: TfidfModel = { ...model.tfidf };
  return assignVectors(model, weightTfidf(vectorizer, countTerms(vectorizer, tokens.features)));
}
