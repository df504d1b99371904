// A real MP4 of any size, made cheaply (the twin of scripts/lib/padded-mp4.mjs): ffmpeg encodes one second of a test
// pattern (a few kilobytes, `moov` first), then a trailing `free` box pads it to the size asked. The padding is a
// hole in a sparse file: a 300 MB video costs neither disk writes nor time.
import { execFileSync } from 'node:child_process';
import { open, readFile, rm } from 'node:fs/promises';

export async function writePaddedMp4(file: string, bytes: number): Promise<string> {
  const small = `${file}.small.mp4`;
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=1:size=320x240:rate=10', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-y', small]);
  const movie = await readFile(small);
  await rm(small, { force: true });
  const padding = bytes - movie.length;
  if (padding < 8 || padding > 0xffffffff) throw new Error(`cannot pad a ${movie.length}-byte MP4 to ${bytes} bytes with one free box`);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(padding, 0);
  header.write('free', 4, 'latin1');
  const handle = await open(file, 'w');
  try {
    await handle.write(movie, 0, movie.length, 0);
    await handle.write(header, 0, 8, movie.length);
    await handle.truncate(bytes);
  } finally {
    await handle.close();
  }
  return file;
}
