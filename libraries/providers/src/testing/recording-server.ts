import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { TEST_TLS_CERT, TEST_TLS_KEY } from './tls-fixture';

/** A request as the fake platform saw it. Specs only. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json(): unknown;
  form(): Record<string, string>;
  multipart(): Promise<Record<string, string>>;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Close the socket without answering: the request was sent, the answer is lost. */
  hangUp?: boolean;
}

export type Route = Reply | ((request: RecordedRequest) => Reply | Promise<Reply>);

/** A tiny fake platform for specs: scripted routes keyed by `METHOD /path`, every request recorded. */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Route>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(options: { tls?: boolean } = {}): Promise<RecordingServer> {
    const server = options.tls ? createHttpsServer({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY }) : createHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const instance = new RecordingServer(server, `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void instance.handle(req, res);
    });
    return instance;
  }

  route(method: string, path: string, route: Route): this {
    this.routes.set(`${method.toUpperCase()} ${path}`, route);
    return this;
  }

  find(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method.toUpperCase() && r.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = Buffer.concat(chunks);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      text: () => body.toString('utf8'),
      json: () => JSON.parse(body.toString('utf8')) as unknown,
      form: () => Object.fromEntries(new URLSearchParams(body.toString('utf8'))),
      multipart: async () => {
        const data = await new Response(body, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
        const out: Record<string, string> = {};
        data.forEach((value, key) => {
          out[key] = typeof value === 'string' ? value : `<file ${value.size} bytes>`;
        });
        return out;
      },
    };
    this.requests.push(recorded);
    const route = this.routes.get(`${recorded.method} ${recorded.path}`);
    const reply: Reply = route === undefined ? { status: 404, json: { error: 'no route' } } : typeof route === 'function' ? await route(recorded) : route;
    if (reply.hangUp) {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...reply.headers };
    let payload = '';
    if (reply.json !== undefined) {
      headers['content-type'] ??= 'application/json; charset=utf-8';
      payload = JSON.stringify(reply.json);
    } else if (reply.text !== undefined) {
      headers['content-type'] ??= 'text/html; charset=utf-8';
      payload = reply.text;
    }
    res.writeHead(reply.status ?? 200, headers);
    res.end(payload);
  }
}
