export interface Diversity {
  /** Share of distinct terms among all themes' top terms (Dieng et al. 2020), in (0, 1]. */
  overall: number;
  /** For each theme, the share of its top terms that are in no other theme's top terms. */
  perTheme: number[];
}

/**
 * Topic diversity (Dieng, Ruiz and Blei 2020): distinct terms among the top-K terms of all
 * themes, divided by K x themes. 1 means no two themes share a top term; low values mean
 * themes that repeat each other. Runs use K = 10, the top terms the report shows (BERTopic's
 * paper uses K = 25, so its figures are not directly comparable). A theme with fewer than K
 * terms counts with the terms it has.
 */
export function topicDiversity(topTerms: readonly (readonly (string | number)[])[]): Diversity {
  const themesOf = new Map<string | number, number>();
  let total = 0;
  for (const terms of topTerms) {
    for (const term of new Set(terms)) themesOf.set(term, (themesOf.get(term) ?? 0) + 1);
    total += terms.length;
  }
  return {
    overall: total === 0 ? Number.NaN : themesOf.size / total,
    perTheme: topTerms.map((terms) =>
      terms.length === 0 ? Number.NaN : terms.filter((term) => themesOf.get(term) === 1).length / terms.length),
  };
}
