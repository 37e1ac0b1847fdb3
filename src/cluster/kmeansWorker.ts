// A k-means worker thread (see kmeansWorkers.ts): serves restart jobs.
import { serveJobs } from '../threads/serveJobs.js';
import { runRestarts, type RestartJob } from './runRestarts.js';

serveJobs<RestartJob>(runRestarts);
