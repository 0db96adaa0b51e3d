/**
 * Counts what each Kafka client sends to the broker, by client id: TCP connections opened
 * and protocol requests (by API name). Both backends under test and the bench's own setup
 * client use the one kafkajs copy in node_modules, so wrapping its Connection class sees
 * every request on the wire without touching either plugin. The wrappers only count; the
 * calls go through unchanged.
 */

type ConnectionPrototype = {
  clientId: string;
  connect(...args: unknown[]): Promise<unknown>;
  send(
    this: ConnectionPrototype,
    options: { request: { apiName: string } },
  ): Promise<unknown>;
};

export type ClientTraffic = {
  connections: number;
  requests: number;
  byApi: Record<string, number>;
};

const traffic = new Map<string, ClientTraffic>();
let installed = false;

function trafficOf(clientId: string): ClientTraffic {
  let t = traffic.get(clientId);
  if (!t) {
    t = { connections: 0, requests: 0, byApi: {} };
    traffic.set(clientId, t);
  }
  return t;
}

/** Wraps kafkajs' Connection once per process; later calls are no-ops. */
export function installKafkaRequestCounter(): void {
  if (installed) {
    return;
  }
  installed = true;
  // kafkajs has no hook for this and no types for its internals; the path is stable in
  // 2.x (the only line, in maintenance mode).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Connection = require('kafkajs/src/network/connection') as {
    prototype: ConnectionPrototype;
  };
  const { connect, send } = Connection.prototype;
  Connection.prototype.connect = function countedConnect(
    this: ConnectionPrototype,
    ...args: unknown[]
  ) {
    trafficOf(this.clientId).connections += 1;
    return connect.apply(this, args);
  };
  Connection.prototype.send = function countedSend(this, options) {
    const t = trafficOf(this.clientId);
    t.requests += 1;
    const api = options.request.apiName;
    t.byApi[api] = (t.byApi[api] ?? 0) + 1;
    return send.call(this, options);
  };
}

/** A copy of the counts so far for one client id (zeros if it never connected). */
export function trafficSnapshot(clientId: string): ClientTraffic {
  const t = trafficOf(clientId);
  return { ...t, byApi: { ...t.byApi } };
}

/** What a client sent between two snapshots. */
export function trafficBetween(
  before: ClientTraffic,
  after: ClientTraffic,
): ClientTraffic {
  const byApi: Record<string, number> = {};
  for (const [api, n] of Object.entries(after.byApi)) {
    const d = n - (before.byApi[api] ?? 0);
    if (d > 0) {
      byApi[api] = d;
    }
  }
  return {
    connections: after.connections - before.connections,
    requests: after.requests - before.requests,
    byApi,
  };
}
