// A real MP4 of any size, made cheaply: ffmpeg encodes one second of a test pattern once (a few kilobytes, `moov`
// first), and a trailing `free` box pads it to the size asked. The padding is a hole in a sparse file, so a 500 MB
// video costs neither disk writes nor time; ffprobe and the platforms' sniffers see an ordinary MP4 (ISO/IEC 14496-12:
// a `free` box's contents are ignored). Plain CommonJS with its types beside it (padded-mp4.d.cts): the jest specs
// (TypeScript), the bench and the browser steps (ES modules) all use this one file.
//   await writePaddedMp4('/tmp/x/video.mp4', 500 * 1024 * 1024)
const { execFileSync } = require('node:child_process');
const { open, readFile, rm } = require('node:fs/promises');

async function writePaddedMp4(file, bytes) {
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

exports.writePaddedMp4 = writePaddedMp4;
