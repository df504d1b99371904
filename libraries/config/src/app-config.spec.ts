import { randomBytes } from 'node:crypto';
import { backendConfigFrom, ConfigError, workersConfigFrom } from './index';

const validEnv = () => ({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/herald',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
});

describe('backend config', () => {
  it('applies the documented defaults', () => {
    const config = backendConfigFrom(validEnv());
    expect(config.port).toBe(3000);
    expect(config.frontendUrl).toBe('http://localhost:4200');
    expect(config.uploadsPublicUrl).toBe('http://localhost:3000/uploads');
    expect(config.platformUrls.xApi).toBe('https://api.x.com');
    expect(config.platformUrls.facebookGraph).toBe('https://graph.facebook.com');
    expect(config.apiLimitPerHour).toBe(30);
    expect(config.credentials.x).toBeUndefined();
    expect(config.secureCookies).toBe(false);
    expect(config.demoMode).toBe(false);
  });

  it('lists every problem at once', () => {
    let caught: unknown;
    try {
      backendConfigFrom({ JWT_SECRET: 'short', ENCRYPTION_KEY: 'bm90LTMyLWJ5dGVz', FRONTEND_URL: 'not a url', PORT: 'abc' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL is required/),
        expect.stringMatching(/^REDIS_URL is required/),
        expect.stringMatching(/^JWT_SECRET must be at least 32 characters/),
        expect.stringMatching(/^ENCRYPTION_KEY must be 32 random bytes/),
        expect.stringMatching(/^FRONTEND_URL must be a URL/),
        expect.stringMatching(/^PORT /),
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('treats empty strings as unset and strips trailing slashes', () => {
    const config = backendConfigFrom({ ...validEnv(), X_API_KEY: '', X_API_URL: 'https://localhost:4301/', FRONTEND_URL: 'https://herald.example.com/' });
    expect(config.credentials.x).toBeUndefined();
    expect(config.platformUrls.xApi).toBe('https://localhost:4301');
    expect(config.frontendUrl).toBe('https://herald.example.com');
    expect(config.secureCookies).toBe(true);
  });

  it('configures a platform only when both of its credentials are set', () => {
    const config = backendConfigFrom({ ...validEnv(), X_API_KEY: 'key', INSTAGRAM_APP_ID: 'id', INSTAGRAM_APP_SECRET: 'secret' });
    expect(config.credentials.x).toBeUndefined();
    expect(config.credentials.instagram).toEqual({ appId: 'id', appSecret: 'secret' });
  });

  it('reads previous encryption keys for rotation', () => {
    const old = randomBytes(32).toString('base64');
    const config = workersConfigFrom({ ...validEnv(), ENCRYPTION_KEYS_PREVIOUS: ` ${old} ,` });
    expect(config.encryption.previousKeys).toEqual([old]);
  });

  it('does not need JWT_SECRET in the workers', () => {
    const { JWT_SECRET: _unused, ...env } = validEnv();
    expect(() => workersConfigFrom(env)).not.toThrow();
  });
});

describe('media storage config', () => {
  it('is local by default, with a 30-day retention', () => {
    const config = workersConfigFrom(validEnv());
    expect(config.storage).toEqual({ kind: 'local' });
    expect(config.mediaRetentionDays).toBe(30);
  });

  it('reads the S3 settings with STORAGE=s3', () => {
    const config = backendConfigFrom({
      ...validEnv(),
      STORAGE: 's3',
      S3_ENDPOINT: 'http://minio:9000/',
      S3_BUCKET: 'herald-media',
      S3_ACCESS_KEY_ID: 'herald',
      S3_SECRET_ACCESS_KEY: 'secret-secret',
      S3_FORCE_PATH_STYLE: 'true',
      MEDIA_RETENTION_DAYS: '7',
    });
    expect(config.storage).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      bucket: 'herald-media',
      accessKeyId: 'herald',
      secretAccessKey: 'secret-secret',
      forcePathStyle: true,
      publicUrl: undefined,
      presignSeconds: 21600,
      publicEndpoint: undefined,
      partUrlSeconds: 3600,
      directUploads: true,
    });
    expect(config.mediaRetentionDays).toBe(7);
  });

  it('refuses STORAGE=s3 without a bucket, or with half a key pair, and bad values', () => {
    expect(() => backendConfigFrom({ ...validEnv(), STORAGE: 's3', S3_ACCESS_KEY_ID: 'only-the-id' })).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/^S3_BUCKET is required/), expect.stringMatching(/^S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set both/)] }),
    );
    let caught: unknown;
    try {
      backendConfigFrom({ ...validEnv(), STORAGE: 'ftp', S3_BUCKET: 'No_Such Bucket', S3_PUBLIC_URL: 'cdn', MEDIA_RETENTION_DAYS: '0' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^STORAGE must be local or s3/),
        expect.stringMatching(/^S3_BUCKET must be a bucket name/),
        expect.stringMatching(/^S3_PUBLIC_URL must be a URL/),
        expect.stringMatching(/^MEDIA_RETENTION_DAYS/),
      ]),
    );
  });
});

describe('chunked upload config', () => {
  it('takes videos up to 1,024 MB in parts of 8 MB by default, and reads UPLOAD_MAX_VIDEO_MB and UPLOAD_CHUNK_KB', () => {
    expect(backendConfigFrom(validEnv())).toMatchObject({ uploadMaxVideoBytes: 1024 * 1024 * 1024, uploadChunkBytes: 8 * 1024 * 1024 });
    expect(backendConfigFrom({ ...validEnv(), UPLOAD_MAX_VIDEO_MB: '300', UPLOAD_CHUNK_KB: '64' })).toMatchObject({ uploadMaxVideoBytes: 300 * 1024 * 1024, uploadChunkBytes: 64 * 1024 });
  });

  it('refuses a size that is not a whole number in range at boot', () => {
    let caught: unknown;
    try {
      backendConfigFrom({ ...validEnv(), UPLOAD_MAX_VIDEO_MB: 'lots', UPLOAD_CHUNK_KB: '1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual(expect.arrayContaining([expect.stringMatching(/^UPLOAD_MAX_VIDEO_MB/), expect.stringMatching(/^UPLOAD_CHUNK_KB/)]));
    // A medium's size is a 32-bit column: 2 GB would fail when its row is written, after the whole upload.
    expect(() => backendConfigFrom({ ...validEnv(), UPLOAD_MAX_VIDEO_MB: '2048' })).toThrow(ConfigError);
    expect(backendConfigFrom({ ...validEnv(), UPLOAD_MAX_VIDEO_MB: '2047' }).uploadMaxVideoBytes).toBe(2047 * 1024 * 1024);
  });
});
