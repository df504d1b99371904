export type MediaFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'mp4' | 'mov' | 'webm' | 'unknown';

export interface SniffResult {
  format: MediaFormat;
  width?: number;
  height?: number;
  /** MP4/MOV only, when the file carries a movie header (`moov/mvhd`). */
  durationSec?: number;
}

/** Recognises media by their bytes, never by name or declared type, as the platforms do. */
export function sniffMedia(data: Buffer): SniffResult {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { format: 'jpeg', ...jpegSize(data) };
  if (data.length >= 24 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { format: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  const head = data.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return { format: 'gif', width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return { format: 'webp' };
  if (head.startsWith('BM')) return { format: 'bmp' };
  if (data.length >= 4 && data.readUInt32BE(0) === 0x1a45dfa3) return { format: 'webm' };
  if (head.slice(4, 8) === 'ftyp') return { format: head.slice(8, 12) === 'qt  ' ? 'mov' : 'mp4', ...movieInfo(data) };
  return { format: 'unknown' };
}

/** Reads the frame size from the first SOFn marker. */
function jpegSize(data: Buffer): { width?: number; height?: number } {
  let pos = 2;
  while (pos + 9 < data.length) {
    if (data[pos] !== 0xff) return {};
    const marker = data[pos + 1] ?? 0;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    const length = data.readUInt16BE(pos + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { height: data.readUInt16BE(pos + 5), width: data.readUInt16BE(pos + 7) };
    pos += 2 + length;
  }
  return {};
}

/**
 * A structurally valid baseline JPEG header of the given size (SOI, APP0, SOF0, EOI). Enough for the
 * sandbox's own checks and for tests that need "a JPEG" of some aspect ratio.
 */
export function minimalJpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

/** Top-level and nested ISO-BMFF boxes: [type, start of payload, end]. */
function boxes(data: Buffer, start: number, end: number): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  let pos = start;
  while (pos + 8 <= end) {
    const size = data.readUInt32BE(pos);
    const type = data.subarray(pos + 4, pos + 8).toString('latin1');
    if (size < 8 || pos + size > end) break;
    out.push([type, pos + 8, pos + size]);
    pos += size;
  }
  return out;
}

/** Duration from `moov/mvhd`, picture size from the first video track's `tkhd` (16.16 fixed point). */
function movieInfo(data: Buffer): { durationSec?: number; width?: number; height?: number } {
  const moov = boxes(data, 0, data.length).find(([type]) => type === 'moov');
  if (!moov) return {};
  const info: { durationSec?: number; width?: number; height?: number } = {};
  for (const [type, start, end] of boxes(data, moov[1], moov[2])) {
    if (type === 'mvhd' && end - start >= 20) {
      const version = data[start] ?? 0;
      const timescale = version === 1 ? data.readUInt32BE(start + 20) : data.readUInt32BE(start + 12);
      const duration = version === 1 ? Number(data.readBigUInt64BE(start + 24)) : data.readUInt32BE(start + 16);
      if (timescale > 0) info.durationSec = duration / timescale;
    }
    if (type === 'trak' && info.width === undefined) {
      const tkhd = boxes(data, start, end).find(([t]) => t === 'tkhd');
      if (tkhd) {
        const sizeAt = tkhd[2] - 8;
        const width = data.readUInt32BE(sizeAt) / 65536;
        const height = data.readUInt32BE(sizeAt + 4) / 65536;
        if (width > 0 && height > 0) Object.assign(info, { width, height });
      }
    }
  }
  return info;
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length + 8, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

/**
 * An MP4 with a movie header of the given duration and a video track of the given size (no frames): enough for the
 * sandbox's duration and aspect-ratio checks, and for tests that need "a 10-second 9:16 video".
 */
export function minimalMp4(durationSec: number, width: number, height: number): Buffer {
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12);
  mvhd.writeUInt32BE(Math.round(durationSec * 1000), 16);
  const tkhd = Buffer.alloc(84);
  tkhd.writeUInt32BE(width * 65536, 76);
  tkhd.writeUInt32BE(height * 65536, 80);
  return Buffer.concat([box('ftyp', Buffer.from('isom\0\0\x02\0isommp42', 'latin1')), box('moov', box('mvhd', mvhd), box('trak', box('tkhd', tkhd)))]);
}
