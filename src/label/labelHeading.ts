import { labelParts, LABEL_SEPARATOR } from './labelQuery.js';

/**
 * A label as a heading: each part as the theme's papers most often write it ("monte carlo
 * tree search" -> "Monte Carlo tree search", "bose-einstein condensate" -> "Bose-Einstein
 * condensate", "mcts" -> "MCTS"), the first part's first letter upper-cased ("Bayesian
 * optimization · surrogate models"). `texts` are the theme's abstracts (titles
 * are often in title case); a part they never contain keeps its lower-case form.
 */
export function labelHeading(label: string, texts: readonly string[]): string {
  return labelParts(label).map((part, i) => {
    const writing = mostCommonWriting(part, texts);
    return i === 0 ? capitalise(writing) : writing;
  }).join(LABEL_SEPARATOR);
}

function mostCommonWriting(part: string, texts: readonly string[]): string {
  const escaped = part.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
  const writings = new Map<string, number>();
  for (const text of texts) {
    for (const match of text.matchAll(pattern)) {
      const writing = match[0].replace(/\s+/g, ' ');
      // Several words in capitals throughout are a title in capitals, not how the term is
      // spelt; one word in capitals is an acronym ("MCTS") and is spelt so.
      if (writing.includes(' ') && writing === writing.toUpperCase() && writing !== writing.toLowerCase()) continue;
      writings.set(writing, (writings.get(writing) ?? 0) + 1);
    }
  }
  let best = part;
  let bestCount = 0;
  for (const [writing, n] of writings) {
    // Ties: the lower-case-first writing in code-point order is lower; prefer fewer capitals.
    if (n > bestCount || (n === bestCount && capitals(writing) < capitals(best))) {
      best = writing;
      bestCount = n;
    }
  }
  return best;
}

function capitals(text: string): number {
  let n = 0;
  for (const ch of text) if (ch !== ch.toLowerCase()) n++;
  return n;
}

function capitalise(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + text.slice(head.length);
}
