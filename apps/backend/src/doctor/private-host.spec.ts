import { isPrivateHost } from './private-host';

describe('isPrivateHost', () => {
  it.each(['localhost', 'app.localhost', '127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.20', '169.254.1.1', '[::1]', '::ffff:127.0.0.1', 'fd00::1', 'backend', 'nas.local', 'herald.internal'])(
    '%s is private',
    (host) => expect(isPrivateHost(host)).toBe(true),
  );

  it.each(['herald.example.com', '8.8.8.8', '172.32.0.1', '[2606:4700::1111]', 'uploads.herald.example'])('%s is public', (host) => expect(isPrivateHost(host)).toBe(false));
});
