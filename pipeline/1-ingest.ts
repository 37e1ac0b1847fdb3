import { MEGABYTE, readCorpus } from '../src/ingest/readCorpus.js';
import type { IngestResult } from '../src/types.js';

/**
 * Stage 1, ingest. In: the input file. Out: deduplicated papers, the problems found per
 * record, and the corpus date when the source has one. Throws IngestError when nothing
 * usable is left (or, with `strict`, on any problem), and for an input larger than
 * `maxInputMb` megabytes, read or inflated.
 */
export function ingest(
  input: { path: string },
  params: { strict: boolean; maxInputMb?: number },
  /** Hears each piece of a large JSON Lines file as it is read (progress lines). */
  onPiece?: (done: number, total: number) => void,
): Promise<IngestResult> {
  const maxInputBytes = params.maxInputMb === undefined ? undefined : params.maxInputMb * MEGABYTE;
  return readCorpus(input.path, { strict: params.strict, ...(maxInputBytes === undefined ? {} : { maxInputBytes }), ...(onPiece === undefined ? {} : { onPiece }) });
}
