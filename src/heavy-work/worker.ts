import { serveJobs } from '../platform/worker-pool';
import { heavyJobs } from './jobs';

/*
 * A worker thread's entry (the pool starts it from dist/, see compiledEntry): it loads its
 * libraries and fonts once, on first use, and keeps them for every later job.
 */
serveJobs(heavyJobs);
