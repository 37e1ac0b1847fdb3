/**
 * Worker-thread entry: builds one wink tokenizer (one model per worker) and tokenizes the
 * batches of texts it is sent, answering each with the packed result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createWinkTokenizer, type TokenizerParams } from './winkTokenizer.js';
import { packDocs, type TokenizeRequest } from './tokenizeInWorkers.js';

const tokenize = createWinkTokenizer(workerData as TokenizerParams);
parentPort!.on('message', (request: TokenizeRequest) => {
  parentPort!.postMessage({ batch: request.batch, packed: packDocs(request.texts.map(tokenize)) });
});
