import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { join, resolve, sep } from 'node:path';
import { type AddressInfo } from 'node:net';
import { avatarPng } from '../core/png';
import { minimalJpeg, minimalMp4 } from '../core/media-sniff';

export interface MediaServer {
  url(path: string): string;
  /** A fixture file's bytes (`/square.jpg`). */
  file(path: string): Buffer | undefined;
  hits(path: string): number;
  close(): Promise<void>;
}

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(64, 1)]);

/**
 * Plain HTTP media host standing in for Herald's /uploads: the sandbox must really fetch from it. With
 * `uploadDirectory`, `/uploads/<key>` serves that directory's files (Herald's UPLOAD_DIRECTORY in a test).
 */
export async function startMediaServer(options: { uploadDirectory?: string } = {}): Promise<MediaServer> {
  const files: Record<string, { type: string; data: Buffer }> = {
    '/square.jpg': { type: 'image/jpeg', data: minimalJpeg(1080, 1080) },
    '/portrait.jpg': { type: 'image/jpeg', data: minimalJpeg(1080, 1350) },
    '/banner.jpg': { type: 'image/jpeg', data: minimalJpeg(2000, 500) },
    '/image.png': { type: 'image/png', data: avatarPng(32, [10, 20, 30]) },
    '/fake.jpg': { type: 'image/jpeg', data: avatarPng(32, [30, 20, 10]) },
    '/clip.mp4': { type: 'video/mp4', data: MP4 },
    '/vertical.mp4': { type: 'video/mp4', data: minimalMp4(10, 1080, 1920) },
    '/long-vertical.mp4': { type: 'video/mp4', data: minimalMp4(120, 1080, 1920) },
    '/landscape.mp4': { type: 'video/mp4', data: minimalMp4(10, 1920, 1080) },
    '/notes.txt': { type: 'text/plain', data: Buffer.from('not media') },
  };
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const root = options.uploadDirectory ? resolve(options.uploadDirectory) : undefined;
    if (root && path.startsWith('/uploads/')) {
      const target = resolve(join(root, decodeURIComponent(path.slice('/uploads/'.length))));
      if (!target.startsWith(root + sep)) {
        res.writeHead(404).end('not found');
        return;
      }
      readFile(target).then(
        (data) => res.writeHead(200, { 'content-length': data.length }).end(data),
        () => res.writeHead(404).end('not found'),
      );
      return;
    }
    const file = files[path];
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.data.length }).end(file.data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    file: (path) => files[path]?.data,
    hits: (path) => counts.get(path) ?? 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
