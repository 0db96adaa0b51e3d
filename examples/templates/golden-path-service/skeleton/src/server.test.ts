import assert from 'node:assert/strict';
import { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createLogger } from './logger';
import { createAppServer } from './server';

test('GET /health answers ok with the service name', async () => {
  const lines: string[] = [];
  const server = createAppServer({
    logger: createLogger({ service: 'test', write: line => lines.push(line) }),
    service: 'test',
    exposesHttpApi: true,
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', service: 'test' });
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
});

test('logs are one JSON object per line with level, service and message', () => {
  const lines: string[] = [];
  const logger = createLogger({ service: 'test', write: line => lines.push(line) });
  logger.info('hello', { port: 8080 });
  assert.equal(lines.length, 1);
  assert.deepEqual(
    { ...JSON.parse(lines[0]), time: undefined },
    { level: 'info', service: 'test', msg: 'hello', port: 8080, time: undefined },
  );
});
