import { parentPort } from 'node:worker_threads';
import { runAnalysisJob, type AnalysisJob } from '../runAnalysisJob';

/** The main thread posts one job at a time and waits for its answer (or kills the thread). */
parentPort?.on('message', async (job: AnalysisJob) => {
  try {
    parentPort?.postMessage({ result: await runAnalysisJob(job) });
  } catch (error) {
    const { name, message } = error as Error;
    parentPort?.postMessage({ failure: { name, message } });
  }
});

// Modules are loaded: the main thread starts timing jobs from here, not from the spawn.
parentPort?.postMessage({ ready: true });
