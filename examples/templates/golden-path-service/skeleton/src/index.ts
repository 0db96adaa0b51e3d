import { createLogger, parseLogLevel } from './logger';
import { createAppServer } from './server';
import { EXPOSES_HTTP_API, SERVICE_NAME } from './service';

/** How long a SIGTERM waits for requests in flight before exiting anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

function main() {
  const logger = createLogger({
    service: SERVICE_NAME,
    level: parseLogLevel(process.env.LOG_LEVEL),
  });
  const port = Number(process.env.PORT ?? '8080');
  const server = createAppServer({
    logger,
    service: SERVICE_NAME,
    exposesHttpApi: EXPOSES_HTTP_API,
  });

  server.listen(port, () => logger.info('listening', { port }));

  // Graceful stop: the orchestrator sends SIGTERM, waits, then kills. Stop accepting
  // connections, let requests in flight finish, and exit before the kill.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info('stopping', { signal });
    const forced = setTimeout(() => {
      logger.warn('requests still open after the grace period, exiting', {
        graceMs: SHUTDOWN_GRACE_MS,
      });
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    forced.unref();
    server.close(error => {
      if (error) {
        logger.error('stop failed', { error });
        process.exit(1);
      }
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main();
