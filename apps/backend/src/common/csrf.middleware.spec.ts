import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@herald/core';
import { csrfMiddleware } from './csrf.middleware';

const check = csrfMiddleware('http://localhost:4200');

function run(method: string, headers: Record<string, string>, cookie?: string): string {
  const req = { method, header: (name: string) => headers[name.toLowerCase()], cookies: cookie ? { auth: cookie } : {} } as unknown as Request;
  let outcome = 'not called';
  const next: NextFunction = (error?: unknown) => {
    outcome = error === undefined ? 'next' : error instanceof AppError ? `${error.status} ${error.code}` : 'error';
  };
  check(req, {} as Response, next);
  return outcome;
}

describe('csrfMiddleware', () => {
  it.each([
    ['a read from anywhere', 'GET', { origin: 'https://evil.example' }, 'jwt', 'next'],
    ['a mutation from the dashboard', 'POST', { origin: 'http://localhost:4200' }, 'jwt', 'next'],
    ['a mutation whose Referer is the dashboard', 'PUT', { referer: 'http://localhost:4200/settings?x=1' }, 'jwt', 'next'],
    ['a cookie mutation from another origin', 'POST', { origin: 'https://evil.example' }, 'jwt', '403 csrf_rejected'],
    ['a cookie mutation with no Origin or Referer', 'DELETE', {}, 'jwt', '403 csrf_rejected'],
    ['a cookie mutation with an unparsable Origin', 'POST', { origin: 'null' }, 'jwt', '403 csrf_rejected'],
    ['a cross-site login without a cookie', 'POST', { origin: 'https://evil.example' }, undefined, '403 csrf_rejected'],
    ['a script without cookie or Origin (API key, server to server)', 'POST', {}, undefined, 'next'],
    ['a look-alike origin', 'POST', { origin: 'http://localhost:42000' }, 'jwt', '403 csrf_rejected'],
  ])('%s', (_name, method, headers, cookie, expected) => {
    expect(run(method, headers, cookie)).toBe(expected);
  });
});
