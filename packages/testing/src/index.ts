/**
 * Test helpers shared by Plinth's packages.
 *
 * @packageDocumentation
 */
export {
  eventually,
  EventuallyTimeoutError,
  type EventuallyOptions,
} from './eventually';
export { testAuthFactories } from './backend/testAuthFactories';
export {
  freeLoopbackPort,
  startTestPostgres,
  type TestPostgres,
} from './postgres/startTestPostgres';
export {
  expectProblem,
  specRoutes,
  type RouterSpec,
  type TestResponse,
} from './http/problems';
export { stopChildProcess, waitWhileRunning } from './process/childProcesses';
export { arg, percentile, summarize } from './bench/stats';
export { benchChromiumLaunchOptions } from './browser/chromium';
