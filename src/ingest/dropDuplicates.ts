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
 * Kept papers sharing one normalised title (made when a second one arrives). Abstracts are
 * normalised only for titles that a paper without a source id shares, so a corpus where
 * every paper has an id never pays for it.
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

/** `kept` with the rule, when `duplicateRule` says `paper` repeats it. */
function confirmed(paper: Paper, kept: Paper | undefined): { kept: Paper; rule: DuplicateRule } | undefined {
  const rule = kept === undefined ? undefined : duplicateRule(paper, kept);
  return kept === undefined || rule === undefined ? undefined : { kept, rule };
}

/**
 * The kept papers, indexed by normalised source id and by normalised title: each lookup is
 * O(1), never a scan. A title kept once (nearly all) costs one map entry, no bucket.
 */
class KeptPapers {
  private readonly derivedIds = new Set<string>();
  private readonly bySourceId = new Map<string, Paper>();
  private readonly firstByTitle = new Map<string, Paper>();
  private readonly buckets = new Map<string, TitleBucket>();

  /**
   * The kept paper `paper` repeats, with the rule that says so. `sourceId` is its
   * normalised source id (undefined: derived), `title` its title key.
   */
  find(paper: Paper, sourceId: string | undefined, title: string): { kept: Paper; rule: DuplicateRule } | undefined {
    const sameId = sourceId === undefined ? undefined : this.bySourceId.get(sourceId);
    const first = this.firstByTitle.get(title);
    let sameText: Paper | undefined;
    if (first !== undefined) {
      const bucket = this.buckets.get(title);
      if (bucket === undefined) {
        if (sourceId === undefined || !hasSourceId(first)) sameText = first;
      } else if (sourceId === undefined || bucket.withoutSourceId > 0) {
        const entry = this.abstracts(bucket).get(abstractKey(paper));
        sameText = sourceId === undefined ? entry?.first : entry?.firstWithoutSourceId;
      }
    }
    return confirmed(paper, sameId) ?? confirmed(paper, sameText);
  }

  /** True when a kept paper without a source id holds `id`. */
  holdsDerivedId(id: string): boolean {
    return this.derivedIds.has(id);
  }

  add(paper: Paper, sourceId: string | undefined, title: string): void {
    if (sourceId === undefined) this.derivedIds.add(paper.id);
    else this.bySourceId.set(sourceId, paper);
    const first = this.firstByTitle.get(title);
    if (first === undefined) {
      this.firstByTitle.set(title, paper);
      return;
    }
    let bucket = this.buckets.get(title);
    if (bucket === undefined) {
      bucket = { papers: [first], withoutSourceId: hasSourceId(first) ? 0 : 1 };
      this.buckets.set(title, bucket);
    }
    bucket.papers.push(paper);
    if (sourceId === undefined) bucket.withoutSourceId++;
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
    const sourceId = hasSourceId(paper) ? normalisePaperId(paper.id) : undefined;
    const title = titleKey(paper);
    const match = index.find(paper, sourceId, title);
    if (match !== undefined) {
      duplicates.push({ kept: match.kept.id, dropped: paper.id, rule: match.rule });
      continue;
    }
    // Only a derived id can be held by a different paper: a source id would have matched.
    const unique = sourceId === undefined && index.holdsDerivedId(paper.id)
      ? { ...paper, id: paperIdFromTitleAndAbstract(paper.title, paper.abstract) }
      : paper;
    index.add(unique, sourceId, title);
    kept.push(unique);
  }
  return { papers: kept, duplicates };
}
