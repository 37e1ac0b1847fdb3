/**
 * Worker-thread entry: one textAssigner (a wink model and the model's arrays laid out)
 * per worker; assigns each batch of texts it is sent and answers with the assignment.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AssignReply, AssignRequest, AssignWorkerData } from './assignInWorkers.js';
import { textAssigner } from './assignTexts.js';

const { model, rules } = workerData as AssignWorkerData;
const assigner = textAssigner(model, rules);
parentPort!.on('message', (request: AssignRequest) => {
  const assigned = assigner.assign(request.texts);
  const reply: AssignReply = { batch: request.batch, assigned };
  const { themes, scores, looseFit, x, y } = assigned;
  parentPort!.postMessage(reply, [themes, scores, looseFit, x, y].map((array) => array.buffer as ArrayBuffer));
});
