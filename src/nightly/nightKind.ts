/**
 * Which kind of night tonight is: a full refit (tokenize, vectorize, reduce, cluster and
 * label the window's papers, warm-started from last night's themes) or a fold-in (the new
 * papers assigned to last night's model; themes, labels and ids unchanged).
 */
export type NightKind = 'refit' | 'fold-in';

export interface NightKindInput {
  /** --refit was given. */
  asked: boolean;
  /** Kinds of the done nights before tonight, newest first (a record without one was a refit). */
  earlier: ReadonlyArray<NightKind>;
  /** config.refitEveryNights. */
  refitEveryNights: number;
}

/** The rule, as run.json records it. */
export const NIGHT_KIND_RULE = 'refit when asked (--refit), on the first night, when last night\'s model cannot be used (missing, damaged, other options or merges), ' +
  'when refitEveryNights nights have passed since the last refit, or when more than refitLooseShare of the new papers are loose fits of the model; else fold in';

/**
 * Tonight's kind and why, from the schedule alone: the caller then refits a fold-in night
 * whose model cannot be used, or whose new papers are too often loose fits.
 */
export function nightKind(input: NightKindInput): { kind: NightKind; reason: string } {
  if (input.asked) return { kind: 'refit', reason: 'asked for (--refit)' };
  if (input.earlier.length === 0) return { kind: 'refit', reason: 'first night' };
  const sinceRefit = input.earlier.indexOf('refit');
  const nights = sinceRefit < 0 ? input.earlier.length : sinceRefit + 1;
  if (nights >= input.refitEveryNights) {
    return { kind: 'refit', reason: `${nights} night${nights === 1 ? '' : 's'} since the last refit (refitEveryNights ${input.refitEveryNights})` };
  }
  return { kind: 'fold-in', reason: `${nights} night${nights === 1 ? '' : 's'} since the last refit, of refitEveryNights ${input.refitEveryNights}` };
}
