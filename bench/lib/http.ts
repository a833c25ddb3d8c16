import http from 'node:http';

export interface HttpResult {
  status: number;
  body: string;
}

/** A keep-alive HTTP/1.1 client on loopback: one socket per concurrent caller, reused. */
export class Client {
  private readonly agent: http.Agent;

  constructor(
    private readonly base: URL,
    private readonly headers: Record<string, string>,
    maxSockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResult> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          agent: this.agent,
          headers: {
            ...this.headers,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Throws unless the status is the expected one, so a bench never times error pages. */
  async expect(status: number, method: 'GET' | 'POST', path: string, body?: unknown): Promise<string> {
    const res = await this.request(method, path, body);
    if (res.status !== status) throw new Error(`${method} ${path} → ${res.status}: ${res.body.slice(0, 300)}`);
    return res.body;
  }

  close(): void {
    this.agent.destroy();
  }
}
