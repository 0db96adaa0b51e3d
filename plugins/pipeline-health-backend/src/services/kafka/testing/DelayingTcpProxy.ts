import net from 'node:net';

/**
 * A loopback TCP proxy that holds every byte coming back from the target for `delayMs`
 * before passing it on: a broker that accepts connections but answers slowly. Requests go
 * through at once; bytes keep their order. Test tooling only.
 */
export class DelayingTcpProxy {
  private delayMs = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;

  private constructor(target: { host: string; port: number }) {
    this.server = net.createServer(client => this.relay(client, target));
  }

  static async start(target: {
    host: string;
    port: number;
  }): Promise<DelayingTcpProxy> {
    const proxy = new DelayingTcpProxy(target);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  /** The loopback port to connect to instead of the target. */
  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Applies to bytes the target sends from now on. */
  setDelay(ms: number) {
    this.delayMs = ms;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private relay(client: net.Socket, target: { host: string; port: number }) {
    const upstream = net.connect(target);
    this.sockets.add(client).add(upstream);
    let delivered = Promise.resolve();
    upstream.on('data', chunk => {
      const due = Date.now() + this.delayMs;
      delivered = delivered.then(async () => {
        const wait = due - Date.now();
        if (wait > 0) {
          await new Promise(resolve => setTimeout(resolve, wait));
        }
        if (!client.destroyed) {
          client.write(chunk);
        }
      });
    });
    client.on('data', chunk => upstream.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }
}
