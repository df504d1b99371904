import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes JSON lines and redacts secrets at any depth', () => {
    const { lines, stream } = capture();
    const logger = createLogger('test', 'info', stream);
    logger.info(
      {
        token: 'tok-1',
        headers: { authorization: 'Bearer abc', cookie: 'auth=jwt', 'set-cookie': 'auth=jwt2' },
        integration: { accessToken: 'tok-2', refreshToken: 'tok-3', name: 'kept' },
        body: { password: 'hunter22', email: 'a@b.c' },
      },
      'hello',
    );
    const text = lines.join('');
    for (const secret of ['tok-1', 'tok-2', 'tok-3', 'Bearer abc', 'auth=jwt', 'hunter22']) expect(text).not.toContain(secret);
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({ level: 'info', app: 'test', msg: 'hello', integration: { name: 'kept' }, body: { email: 'a@b.c' } });
  });

  it('follows the level', () => {
    const { lines, stream } = capture();
    const logger = createLogger('test', 'warn', stream);
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
  });
});
