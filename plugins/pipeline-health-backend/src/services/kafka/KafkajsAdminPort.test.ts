import net from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { KafkajsAdminPort } from './KafkajsAdminPort';

/** A loopback server that accepts connections and never answers (a hung broker). */
async function silentServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted: () => sockets.size,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

function adminFor(port: number, requestTimeoutMs: number) {
  const logger = mockServices.logger.mock();
  const admin = new KafkajsAdminPort({
    cluster: {
      name: 'local',
      brokers: [`127.0.0.1:${port}`],
      clientId: 'plinth-pipeline-health-test',
    },
    requestTimeoutMs,
    logger,
  });
  return { admin, logger };
}

describe('KafkajsAdminPort', () => {
  it('gives up on a broker that accepts the connection but never answers, after the timeout', async () => {
    const broker = await silentServer();
    const { admin } = adminFor(broker.port, 300);
    try {
      const started = Date.now();
      const error = await admin
        .fetchTopicOffsets(['events'], 'end')
        .catch(e => e);
      const took = Date.now() - started;

      expect(ServiceUnavailableError.is(error)).toBe(true);
      expect(error.message).toBe(
        `Kafka cluster "local" (127.0.0.1:${broker.port}) did not answer within 300 ms (reading end offsets of topic "events")`,
      );
      expect(took).toBeGreaterThanOrEqual(290);
      expect(took).toBeLessThan(1_500);
      expect(broker.accepted()).toBeGreaterThan(0);
    } finally {
      await admin.close();
      await broker.close();
    }
  });

  it('reports a refused connection as unreachable and routes kafkajs’ own warnings to the logger', async () => {
    const port = await closedPort();
    const { admin, logger } = adminFor(port, 2_000);
    try {
      const error = await admin.fetchCommittedOffsets('ingester').catch(e => e);

      expect(ServiceUnavailableError.is(error)).toBe(true);
      expect(error.message).toMatch(
        new RegExp(
          `^Kafka cluster "local" \\(127\\.0\\.0\\.1:${port}\\) is unreachable \\(reading committed offsets of group "ingester"\\); caused by .*ECONNREFUSED`,
        ),
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/^kafkajs: /),
        expect.objectContaining({ cluster: 'local' }),
      );
    } finally {
      await admin.close();
    }
  });

  it('refuses calls after close', async () => {
    const { admin } = adminFor(await closedPort(), 1_000);
    await admin.close();
    await expect(admin.describeGroups(['ingester'])).rejects.toThrow(
      'the admin client is closed',
    );
  });
});
