import type { ErrorCode } from '@herald/shared';
import type { NextFunction, Request, Response } from 'express';

/** Deeper than any body Herald takes (a post is about 7 levels); the validation pipe recurses, so it must be bounded. */
export const MAX_BODY_DEPTH = 64;

type Refusal = { code: ErrorCode; message: string } | undefined;

/**
 * Walks the parsed body without recursion: a refusal for nesting beyond `maxDepth` (class-transformer and the
 * validation pipe would overflow the stack on it), or for a NUL character in any key or string (Postgres text
 * cannot hold one, so it would fail at the database instead of at the door).
 */
export function inspectBody(body: unknown, maxDepth = MAX_BODY_DEPTH): Refusal {
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { code: 'invalid_text', message: 'The request body contains a NUL character' };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return { code: 'body_too_deep', message: `The request body nests deeper than ${maxDepth} levels` };
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return { code: 'invalid_text', message: 'The request body contains a NUL character' };
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** Refuses, before any route, a NUL in the URL (path or query) and a body `inspectBody` refuses. */
export function inputShapeGuard(req: Request, res: Response, next: NextFunction): void {
  const refusal = /%00/i.test(req.originalUrl) ? { code: 'invalid_text', message: 'The URL contains a NUL character' } : inspectBody(req.body);
  if (!refusal) return next();
  res.status(400).json({ statusCode: 400, ...refusal });
}
