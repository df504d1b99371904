import { safeNextPath } from './safe-next-path';

const ORIGIN = 'https://herald.example.com';
const land = (next: unknown) => new URL(safeNextPath(next, { origin: ORIGIN }), ORIGIN);

describe('safeNextPath', () => {
  it('keeps a path of the dashboard, with its query and fragment', () => {
    expect(safeNextPath('/calendar?week=2026-12-07#today', { origin: ORIGIN })).toBe('/calendar?week=2026-12-07#today');
    expect(safeNextPath('/settings', { origin: ORIGIN })).toBe('/settings');
    expect(safeNextPath('/p/abc', {})).toBe('/p/abc');
  });

  it.each([
    ['an encoded tab', '/%09/evil.example'],
    ['a tab', '/\t/evil'],
    ['a tab before the slashes', '\t//evil.example'],
    ['two slashes', '//evil'],
    ['three slashes', '///evil.example'],
    ['a backslash', '/\\evil'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['a backslash pair', '\\\\evil.example'],
    ['a CR/LF', '/\r\n/evil.example'],
    ['an encoded CR/LF', '/%0d%0a/evil.example'],
    ['an encoded double slash', '/%2F%2Fevil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a javascript: URL behind a slash', '/javascript:alert(1)'.slice(1)],
    ['an absolute URL', 'https://evil.example/calendar'],
    ['a scheme-relative URL', '//evil.example/calendar'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a bad escape', '/%E0%A4%A'],
    ['not a string', ['/calendar']],
    ['nothing', null],
    ['the login page (a loop)', '/login?next=/calendar'],
    ['the sign-up page', '/register'],
  ])('refuses %s and lands on the site', (_label, next) => {
    expect(safeNextPath(next, { origin: ORIGIN })).toBe('/calendar');
    expect(land(next).origin).toBe(ORIGIN);
  });

  it('falls back to what the caller chooses', () => {
    expect(safeNextPath('//evil', { fallback: '/' })).toBe('/');
  });

  it('never leaves the origin, whatever the input', () => {
    const tricky = ['/', '/.', '/..', '/../..//evil', '/a/../../evil.example', '/@evil.example', '/:@evil.example', '/ /evil', '/\u00a0/evil', '/\u2028/evil', '/%2e%2e/%2e%2e/evil'];
    for (const next of tricky) expect(land(next).origin).toBe(ORIGIN);
  });
});
