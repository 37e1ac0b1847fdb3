import type { DuplicateRecord, Paper } from '../types.js';
import { normalisePaperId } from './normalisePaperId.js';
import { paperIdFromTitleAndAbstract } from './paperId.js';
import { abstractKey, duplicateRule, hasSourceId, titleKey, type DuplicateRule } from './paperIdentity.js';

/** The first kept paper with an abstract key, and the first of those without a source id. */
interface AbstractEntry {
  first: Paper;
  firstWithoutSourceId?: Paper;
}

/**
 * Kept papers of one normalised title. Abstracts are normalised only for titles that a
 * paper without a source id shares, so a corpus where every paper has an id never pays
 * for it.
 */
interface TitleBucket {
  papers: Paper[];
  withoutSourceId: number;
  byAbstract?: Map<string, AbstractEntry>;
}

function addToAbstracts(byAbstract: Map<string, AbstractEntry>, paper: Paper): void {
  const key = abstractKey(paper);
  const entry = byAbstract.get(key);
  if (entry === undefined) byAbstract.set(key, hasSourceId(paper) ? { first: paper } : { first: paper, firstWithoutSourceId: paper });
  else if (entry.firstWithoutSourceId === undefined && !hasSourceId(paper)) entry.firstWithoutSourceId = paper;
}

/** The kept papers, indexed by normalised id and by title: each lookup is O(1), never a scan. */
class KeptPapers {
  private readonly ids = new Set<string>();
  private readonly bySourceId = new Map<string, Paper>();
  private readonly byTitle = new Map<string, TitleBucket>();

  /** The kept paper `paper` repeats, with the rule that says so. */
  find(paper: Paper): { kept: Paper; rule: DuplicateRule } | undefined {
    const sourced = hasSourceId(paper);
    const candidates: Array<Paper | undefined> = [];
    if (sourced) candidates.push(this.bySourceId.get(normalisePaperId(paper.id)));
    const bucket = this.byTitle.get(titleKey(paper));
    if (bucket !== undefined && (!sourced || bucket.withoutSourceId > 0)) {
      const entry = this.abstracts(bucket).get(abstractKey(paper));
      candidates.push(sourced ? entry?.firstWithoutSourceId : entry?.first);
    }
    for (const kept of candidates) {
      const rule = kept === undefined ? undefined : duplicateRule(paper, kept);
      if (kept !== undefined && rule !== undefined) return { kept, rule };
    }
    return undefined;
  }

  hasId(id: string): boolean {
    return this.ids.has(id);
  }

  add(paper: Paper): void {
    this.ids.add(paper.id);
    const sourced = hasSourceId(paper);
    if (sourced) this.bySourceId.set(normalisePaperId(paper.id), paper);
    const key = titleKey(paper);
    let bucket = this.byTitle.get(key);
    if (bucket === undefined) {
      bucket = { papers: [], withoutSourceId: 0 };
      this.byTitle.set(key, bucket);
    }
    bucket.papers.push(paper);
    if (!sourced) bucket.withoutSourceId++;
    if (bucket.byAbstract !== undefined) addToAbstracts(bucket.byAbstract, paper);
  }

  private abstracts(bucket: TitleBucket): Map<string, AbstractEntry> {
    if (bucket.byAbstract === undefined) {
      bucket.byAbstract = new Map();
      for (const paper of bucket.papers) addToAbstracts(bucket.byAbstract, paper);
    }
    return bucket.byAbstract;
  }
}

/**
 * Removes repeated records of one paper, keeping the first and the original order, and
 * lists each dropped record (kept id, dropped id, rule). Which records are one paper is
 * `duplicateRule`'s: the same normalised id, or, when one has no source id, the same
 * normalised title and abstract. Repeats would pull clusters and inflate theme sizes.
 *
 * Output ids are unique: a paper without a source id whose title id another, different
 * paper already holds ("Editorial" with another abstract) gets `paperIdFromTitleAndAbstract`.
 * The input is not modified.
 */
export function dropDuplicates(papers: readonly Paper[]): { papers: Paper[]; duplicates: DuplicateRecord[] } {
  const index = new KeptPapers();
  const kept: Paper[] = [];
  const duplicates: DuplicateRecord[] = [];
  for (const paper of papers) {
    const match = index.find(paper);
    if (match !== undefined) {
      duplicates.push({ kept: match.kept.id, dropped: paper.id, rule: match.rule });
      continue;
    }
    const unique = index.hasId(paper.id) ? { ...paper, id: paperIdFromTitleAndAbstract(paper.title, paper.abstract) } : paper;
    index.add(unique);
    kept.push(unique);
  }
  return { papers: kept, duplicates };
}
