import { mergeGroupRoots } from '../cluster/mergeThemes.js';
import type { ThemeMatch } from './matchThemes.js';

/**
 * Theme merges kept in the nightly configuration (`merges: [[3, 7], ...]`, stable theme ids)
 * hold from night to night: tonight's clusters are joined when most of their papers that
 * were clustered last night sat in themes of one merge group, and the joined theme keeps
 * the group's smallest id. On the night a merge is configured that joins the clusters that
 * continue themes 3 and 7; on later nights, the clusters that k-means again splits out of
 * theme 3 (which then holds both).
 */

/**
 * The merge groups restricted to `live` ids (last night's themes): each live id of a group
 * mapped to the group's smallest live id. An ended or unborn id takes part in nothing, so a
 * group never hands a live theme a dead id, nor waits to swallow a theme not yet born
 * unawares (the nightly job warns of such ids).
 */
export function liveGroupRoots(merges: ReadonlyArray<readonly [number, number]>, live: ReadonlySet<number>): Map<number, number> {
  const groups = new Map<number, number[]>();
  for (const [id, root] of mergeGroupRoots(merges)) {
    const members = groups.get(root);
    if (members === undefined) groups.set(root, [id]);
    else members.push(id);
  }
  const out = new Map<number, number>();
  for (const members of groups.values()) {
    const alive = members.filter((id) => live.has(id));
    if (alive.length === 0) continue;
    const root = Math.min(...alive);
    for (const id of alive) out.set(id, root);
  }
  return out;
}

/**
 * For each of tonight's k clusters, the theme most of its papers had last night (ties: the
 * smaller id), or −1 when none of its papers was clustered last night.
 */
export function majorityPreviousTheme(paperIds: readonly string[], labels: Int32Array, k: number, previous: ReadonlyMap<string, number>): Int32Array {
  const counts = Array.from({ length: k }, () => new Map<number, number>());
  paperIds.forEach((id, i) => {
    const before = previous.get(id);
    if (before !== undefined) counts[labels[i]].set(before, (counts[labels[i]].get(before) ?? 0) + 1);
  });
  return Int32Array.from(counts, (byTheme) => {
    let best = -1;
    let most = 0;
    for (const [theme, count] of byTheme) if (count > most || (count === most && theme < best)) [best, most] = [theme, count];
    return best;
  });
}

/** Pairs of tonight's clusters to join (first cluster of a group with each other one), as mergeRoots takes them. */
export function clusterPairsToMerge(majority: Int32Array, roots: ReadonlyMap<number, number>): Array<[number, number]> {
  const first = new Map<number, number>();
  const pairs: Array<[number, number]> = [];
  majority.forEach((theme, c) => {
    const root = roots.get(theme);
    if (root === undefined) return;
    const lead = first.get(root);
    if (lead === undefined) first.set(root, c);
    else pairs.push([lead, c]);
  });
  return pairs;
}

/**
 * The match with each joined theme under its group's smallest id (when no other cluster
 * holds that id tonight), and the themes that ended recomputed accordingly. `majority` is
 * per cluster of the match (after joining).
 */
export function withGroupIds(match: ThemeMatch, majority: Int32Array, roots: ReadonlyMap<number, number>, nextId: number): ThemeMatch {
  const ids = [...match.ids];
  majority.forEach((theme, c) => {
    const root = roots.get(theme);
    if (root === undefined || ids[c] === root || ids.includes(root)) return;
    ids[c] = root;
  });
  const previousIds = new Set([...match.ended, ...match.ids.filter((id) => id < nextId)]);
  const ended = [...previousIds].filter((id) => !ids.includes(id)).sort((a, b) => a - b);
  return { ids, ended, overlap: match.overlap };
}
