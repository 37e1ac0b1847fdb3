import { Worker } from 'node:worker_threads';
import { shareBatches } from '../threads/shareBatches.js';
import { StartedWorkers } from '../threads/startedWorkers.js';
import { workerScript } from '../threads/workerScript.js';
import { textAssigner, type TextRules } from './assignTexts.js';
import type { VectorAssignment } from './assignVectors.js';
import type { ThemeModel } from './themeModel.js';

/** What an assign worker is started with (assignWorker.ts). */
export interface AssignWorkerData {
  model: ThemeModel;
  rules: TextRules;
}

export interface AssignRequest {
  batch: number;
  texts: string[];
}

export interface AssignReply {
  batch: number;
  assigned: VectorAssignment;
}

export interface AssignTextsParams {
  /** Worker threads; 1 assigns on the calling thread. */
  workers: number;
  /** Texts per message (default: two batches per worker, 250 to 10,000 texts each). */
  batchSize?: number;
  /** Workers started ahead for this model (see StartedAssigners), used instead of starting new ones. */
  started?: StartedAssigners;
  /** Texts assigned so far. */
  onProgress?: (done: number) => void;
}

/**
 * Each batch pays for its own word tables, phrase tables and projection call (batches of
 * 1,000 texts cost about a sixth more than one call over the benchmark), so batches are
 * large: two per worker, which still lets a worker that finishes first take the last one.
 */
function defaultBatchSize(texts: number, workers: number): number {
  return Math.min(10_000, Math.max(250, Math.ceil(texts / (2 * Math.max(1, workers)))));
}

/**
 * Assign workers started before the texts are known, so that each loads its wink model
 * and lays out the model's arrays while the caller reads the papers. assignTextsInWorkers
 * takes them; `stop` ends whatever was not taken.
 */
export class StartedAssigners {
  private readonly workers: StartedWorkers;

  constructor(count: number, readonly model: ThemeModel, readonly rules: TextRules) {
    this.workers = new StartedWorkers(count, assignWorkerScript(), { model: workerModel(model), rules } satisfies AssignWorkerData);
  }

  /** Up to `count` of the workers when they were started for this model and these rules (else none); stops the rest. */
  take(count: number, model: ThemeModel, rules: TextRules): Worker[] {
    const same = model === this.model && rules.knownWords === this.rules.knownWords && JSON.stringify(rules.tokenizer) === JSON.stringify(this.rules.tokenizer);
    return this.workers.take(count, same);
  }

  stop(): Promise<void> {
    return this.workers.stop();
  }
}

/**
 * Assigns texts to a model's themes (textAssigner) in batches handed to worker threads as
 * they free up, the workers reading the model's arrays in shared memory; the result is in
 * input order and the same for any number of workers and any batch size.
 */
export async function assignTextsInWorkers(model: ThemeModel, rules: TextRules, texts: readonly string[], params: AssignTextsParams): Promise<VectorAssignment> {
  const batchSize = params.batchSize ?? defaultBatchSize(texts.length, params.workers);
  const n = texts.length;
  const batches = Math.ceil(n / batchSize);
  const result: VectorAssignment = {
    themes: new Int32Array(n), scores: new Float64Array(n), looseFit: new Uint8Array(n), x: new Float64Array(n), y: new Float64Array(n),
  };
  let done = 0;
  const receive = (batch: number, assigned: VectorAssignment) => {
    const start = batch * batchSize;
    result.themes.set(assigned.themes, start);
    result.scores.set(assigned.scores, start);
    result.looseFit.set(assigned.looseFit, start);
    result.x.set(assigned.x, start);
    result.y.set(assigned.y, start);
    done += assigned.themes.length;
    params.onProgress?.(done);
  };
  const textsOf = (batch: number) => texts.slice(batch * batchSize, (batch + 1) * batchSize);
  const workers = Math.min(params.workers, batches);
  if (workers <= 1) {
    await params.started?.stop();
    const assigner = textAssigner(model, rules);
    try {
      for (let b = 0; b < batches; b++) receive(b, assigner.assign(textsOf(b)));
    } finally {
      assigner.release();
    }
    return result;
  }
  const taken = params.started?.take(workers, model, rules) ?? [];
  const pool = taken.length === workers ? taken : [...taken, ...new StartedAssigners(workers - taken.length, model, rules).take(workers - taken.length, model, rules)];
  try {
    await shareBatches<AssignReply>(pool, batches,
      (w, batch) => pool[w].postMessage({ batch, texts: textsOf(batch) } satisfies AssignRequest),
      (_w, reply) => receive(reply.batch, reply.assigned));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return result;
}

/**
 * The parts of the model a worker assigns with (the words travel in the rules; what the
 * report shows stays here), its arrays in shared memory: every worker reads the one copy
 * instead of receiving its own (the SVD's components alone are d x V doubles).
 */
function workerModel(model: ThemeModel): ThemeModel {
  const { tfidf, svd, themes, map } = model;
  return {
    ...model,
    words: null,
    tfidf: { ...tfidf, idf: shared(tfidf.idf) },
    svd: { components: shared(svd.components), singularValues: shared(svd.singularValues), columnMeans: svd.columnMeans === null ? null : shared(svd.columnMeans) },
    themes: {
      ...themes, ids: shared(themes.ids), tfidfCentres: shared(themes.tfidfCentres), reducedCentres: shared(themes.reducedCentres),
      medianScores: shared(themes.medianScores), shown: [], treeLabels: [],
    },
    map: { rows: shared(map.rows), positions: shared(map.positions), themes: shared(map.themes) },
  };
}

/** A copy of `array` in a SharedArrayBuffer (what a worker receives is then the same memory, not a copy). */
function shared<T extends Float64Array | Int32Array>(array: T): T {
  const Type = array.constructor as { new (buffer: SharedArrayBuffer): T };
  const copy = new Type(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/** The compiled assign worker (see workerScript). */
function assignWorkerScript(): URL {
  return workerScript(import.meta.url, 'assignWorker.js');
}
