/**
 * Worker-thread entry: builds one wink tokenizer (one model per worker) and tokenizes the
 * batches of texts it is sent, answering each with the batch encoded (see EncodedBatch).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchEncoder } from './encodedBatch.js';
import type { TokenizeReply, TokenizeRequest } from './tokenizeInWorkers.js';
import { createWinkTokenizer, type TokenizerParams } from './winkTokenizer.js';

const tokenize = createWinkTokenizer(workerData as TokenizerParams);
const encoder = new BatchEncoder();
parentPort!.on('message', (request: TokenizeRequest) => {
  const encoded = encoder.encode(request.texts.map(tokenize));
  const reply: TokenizeReply = { batch: request.batch, encoded };
  parentPort!.postMessage(reply, [encoded.ids.buffer, encoded.lengths.buffer, encoded.gaps.buffer]);
});
