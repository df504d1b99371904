// What s3rver 3.7 lacks of S3's multipart API, as S3 documents it (docs/self-hosting.md, "Direct uploads"):
// ListParts (GET ?uploadId), AbortMultipartUpload (DELETE ?uploadId), and CompleteMultipartUpload's EntityTooSmall
// (every part but the last at least 5 MiB). Read from s3rver's own store (`<bucket>/._S3rver_uploads/<uploadId>/<part
// number>` and `.md5`). Plain CommonJS with its types beside it (s3-multipart-shim.d.cts): the backend's jest specs
// (apps/backend/test/s3-server.ts) and the browser step (apps/frontend/e2e/steps/direct-upload.mjs) both use it.
const { readdir, readFile, rm, stat } = require('node:fs/promises');
const { join } = require('node:path');

const S3_MIN_PART_BYTES = 5 * 1024 * 1024;

function s3ErrorXml(ctx, status, code, message) {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

function multipartShim(server) {
  return async (ctx, next) => {
    const uploadId = typeof ctx.query.uploadId === 'string' ? ctx.query.uploadId : undefined;
    const [, bucket, ...rest] = ctx.path.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const handled = uploadId && bucket && key && (ctx.method === 'GET' || ctx.method === 'DELETE' || ctx.method === 'POST');
    if (!handled || !/^[0-9a-f]+$/.test(uploadId)) return next();
    const directory = join(server.store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    let names;
    try {
      names = await readdir(directory);
    } catch {
      return s3ErrorXml(ctx, 404, 'NoSuchUpload', 'The specified upload does not exist.');
    }
    const numbers = names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
    if (ctx.method === 'DELETE') {
      await rm(directory, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = '';
      return undefined;
    }
    const parts = await Promise.all(
      numbers.map(async (n) => {
        const info = await stat(join(directory, String(n)));
        const md5 = (await readFile(join(directory, `${n}.md5`), 'utf8').catch(() => '')).trim();
        return { PartNumber: n, LastModified: info.mtime.toISOString(), ETag: `"${md5}"`, Size: info.size };
      }),
    );
    if (ctx.method === 'POST') {
      if (parts.slice(0, -1).some((p) => p.Size < S3_MIN_PART_BYTES)) return s3ErrorXml(ctx, 400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
      return next();
    }
    ctx.status = 200;
    ctx.body = { ListPartsResult: { Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: 0, NextPartNumberMarker: numbers.at(-1) ?? 0, MaxParts: 10000, IsTruncated: false, Part: parts } };
    return undefined;
  };
}

/** Adds the missing calls to an s3rver before `run()`: before its router (its last middleware), after its XML encoder. */
function addMultipartShim(server) {
  server.middleware.splice(server.middleware.length - 1, 0, multipartShim(server));
}

exports.addMultipartShim = addMultipartShim;
