// The cron loads this module with @herald/core and sends no email: loading it must not build an Intl formatter, which
// makes V8 look through ICU's data of every locale (about 4 MB of the node binary resident; bench/README.md, issue 21).

type Templates = typeof import('./email-templates');

describe('email templates', () => {
  const original = Intl.ListFormat;
  let built = 0;

  beforeEach(() => {
    built = 0;
    // Intl's properties are typed read-only; at run time they are writable and configurable.
    Object.defineProperty(Intl, 'ListFormat', {
      configurable: true,
      writable: true,
      value: new Proxy(original, {
        construct(target, args: ConstructorParameters<typeof Intl.ListFormat>, newTarget) {
          built += 1;
          return Reflect.construct(target, args, newTarget) as object;
        },
      }),
    });
  });

  afterEach(() => {
    Object.defineProperty(Intl, 'ListFormat', { configurable: true, writable: true, value: original });
  });

  it('builds no Intl formatter when the module loads, and one on the first invitation', () => {
    let templates: Templates | undefined;
    jest.isolateModules(() => {
      templates = jest.requireActual<Templates>('./email-templates');
    });
    expect(built).toBe(0);
    const input = { to: 'ana@example.com', organizationName: 'Acme', role: 'MEMBER', inviter: 'Bo', link: 'https://herald.example.com/invite/t', expiresAt: new Date('2026-12-14T00:00:00Z') };
    const first = templates!.invitationEmail(input);
    const second = templates!.invitationEmail(input);
    expect(built).toBe(1);
    expect(first.text).toContain('where the team schedules its posts to X, Instagram and Facebook.');
    expect(second.text).toBe(first.text);
  });
});
