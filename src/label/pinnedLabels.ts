import { removeControlCharacters } from '../text/sanitizeText.js';
/**
 * Labels a user gives: by theme id ("3": "Model merging") or by a top term ("monte carlo
 * tree search": "MCTS"). A key made of digits is a theme id; any other key is a term,
 * matched (case-insensitively) against each theme's top terms, and pins the theme where it
 * ranks highest (ties: the lower theme id). A pin by id wins over a pin by term.
 */
export interface LabelPins {
  byTheme: Record<string, string>;
  byTerm: Record<string, string>;
}

/** The pinned label of each theme, or null; `topTerms[c]` are theme c's top terms, best first. */
export function pinnedLabels(pins: LabelPins | undefined, topTerms: readonly (readonly string[])[]): (string | null)[] {
  const out: (string | null)[] = topTerms.map(() => null);
  if (pins === undefined) return out;
  for (const [term, label] of Object.entries(pins.byTerm)) {
    const wanted = term.toLowerCase();
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    topTerms.forEach((terms, c) => {
      const rank = terms.findIndex((t) => t.toLowerCase() === wanted);
      if (rank >= 0 && rank < bestRank && out[c] === null) {
        best = c;
        bestRank = rank;
      }
    });
    if (best >= 0) out[best] = label;
  }
  for (const [id, label] of Object.entries(pins.byTheme)) {
    const c = Number(id);
    if (c < out.length) out[c] = label;
  }
  return out;
}

/** A pinned label is a theme's name in the report, not a paragraph. */
export const MAX_PIN_LENGTH = 200;

/**
 * Reads a labels file: a JSON object whose keys are theme ids or top terms and whose values
 * are labels, e.g. {"3": "Model merging", "monte carlo tree search": "MCTS"}. Throws an
 * Error whose message says what is wrong and where (the line of a syntax error, the key of a
 * bad value); the caller adds the file and option.
 */
export function parseLabelPins(text: string): LabelPins {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : null;
    throw new Error(`not valid JSON${line === null ? '' : ` at line ${line}`} (${message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('expected a JSON object of theme id or top term -> label, e.g. {"3": "Model merging"}');
  }
  const pins: LabelPins = { byTheme: {}, byTerm: {} };
  for (const [key, raw] of Object.entries(value)) {
    // Control and bidi characters never reach a label: it goes to the terminal, run.json,
    // the CSVs and the report as given.
    const label = typeof raw === 'string' ? removeControlCharacters(raw) : raw;
    if (typeof label !== 'string' || label.trim() === '') throw new Error(`"${key}": the label must be a non-empty string`);
    if (label.length > MAX_PIN_LENGTH) throw new Error(`"${key}": a label of at most ${MAX_PIN_LENGTH} characters`);
    if (key.trim() === '') throw new Error('an empty key: use a theme id or a top term');
    if (/^\d+$/.test(key)) pins.byTheme[String(Number(key))] = label.trim();
    else pins.byTerm[key.trim()] = label.trim();
  }
  return pins;
}
