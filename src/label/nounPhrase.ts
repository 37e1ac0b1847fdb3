/**
 * Whether a phrase reads as a heading: a noun phrase of the form (ADJ|NOUN|PROPN)* NOUN, or
 * "X of Y" of two such phrases ("mixture of experts"), given each word's part of speech
 * (tagged out of context, see createPhraseTagger). It never starts or ends with a verb, a
 * determiner, an adverb, a preposition or a pronoun.
 *
 * Tagged alone, a gerund reads as a verb ("model merging", "reinforcement learning" come
 * back NOUN VERB), so a word in -ing tagged VERB counts as a noun; a participle in -ed
 * stays a verb, which rules out "proposed method" and "large pre-trained".
 */
export function isNounPhrase(words: readonly string[], tags: readonly string[]): boolean {
  if (words.length === 0 || words.length !== tags.length) return false;
  const of = words.indexOf('of');
  if (of >= 0) {
    return of > 0 && of < words.length - 1 && tags[of] === 'ADP'
      && isNounPhrase(words.slice(0, of), tags.slice(0, of)) && isNounPhrase(words.slice(of + 1), tags.slice(of + 1));
  }
  const last = words.length - 1;
  const nominal = (i: number) => tags[i] === 'NOUN' || tags[i] === 'PROPN' || (tags[i] === 'VERB' && words[i].endsWith('ing'));
  if (!nominal(last)) return false;
  for (let i = 0; i < last; i++) if (!nominal(i) && tags[i] !== 'ADJ') return false;
  return true;
}
