// The public API answers in Postiz's four error families (docs/public-api.md §0.3), not in Herald's {code} shape:
// its clients (SDK, CLI, n8n, scripts) were written against those bodies.

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASON[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

export type PublicErrorBody =
  | { msg: string }
  | { message: string; error: string; statusCode: number; code?: string }
  | { message: string[]; error: string; statusCode: number }
  | { statusCode: number; provider: string; name: string; message: string }
  | { statusCode: number; message: string };

function textOf(body: PublicErrorBody): string {
  if ('msg' in body) return body.msg;
  return Array.isArray(body.message) ? body.message.join('; ') : body.message;
}

/** An error whose status and body are exactly what the client gets. */
export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: PublicErrorBody,
    /** Seconds, sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(textOf(body));
    this.name = 'PublicApiError';
  }

  /** Family A: `{"msg": "..."}`. */
  static msg(status: number, msg: string): PublicApiError {
    return new PublicApiError(status, { msg });
  }

  /** Family B: Nest's standard body with a string message. */
  static nest(status: number, message: string): PublicApiError {
    return new PublicApiError(status, { message, error: reasonPhrase(status), statusCode: status });
  }

  /** Family C: class-validator messages. */
  static validation(messages: string[]): PublicApiError {
    return new PublicApiError(400, { message: messages, error: 'Bad Request', statusCode: 400 });
  }

  /** Family D: one channel's content or settings refused. `name` is the channel's display name. */
  static post(provider: string, name: string, message: string): PublicApiError {
    return new PublicApiError(400, { statusCode: 400, provider, name, message });
  }

  static tooManyRequests(retryAfterSeconds: number): PublicApiError {
    return new PublicApiError(429, { statusCode: 429, message: 'ThrottlerException: Too Many Requests' }, retryAfterSeconds);
  }

  static internal(): PublicApiError {
    return new PublicApiError(500, { statusCode: 500, message: 'Internal server error' });
  }
}
