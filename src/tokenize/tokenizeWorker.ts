/**
 * Worker-thread entry: builds one wink tokenizer (one model per worker) and tokenizes the
 * batches of texts it is sent, answering each with the batch encoded (see EncodedBatch).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TokenizeReply, TokenizeRequest, TokenizeWorkerData } from './tokenizeInWorkers.js';
import { createEncodingTokenizer } from './winkTokenizer.js';

const { tokenizer, knownWords } = workerData as TokenizeWorkerData;
const encode = createEncodingTokenizer(tokenizer, knownWords);
parentPort!.on('message', (request: TokenizeRequest) => {
  const encoded = encode(request.texts);
  const reply: TokenizeReply = { batch: request.batch, encoded };
  parentPort!.postMessage(reply, [encoded.ids.buffer, encoded.lengths.buffer, encoded.gaps.buffer]);
});
