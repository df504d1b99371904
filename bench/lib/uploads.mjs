// The chunked upload API as a client uses it (docs/api-additions.md, chunked uploads), for the bench scripts.
import { open } from 'node:fs/promises';

/**
 * The chunked upload API, one part at a time, each part read from disk (never the whole file). Returns the stored
 * medium and how the server cut the file.
 */
export async function uploadInParts(client, file, size, name = 'video.mp4') {
  const begun = await client.post('/media/uploads', { name, size, type: 'video/mp4' });
  if (begun.status !== 201) throw new Error(`POST /media/uploads answered ${begun.status}: ${begun.text}`);
  const { uploadId, chunkSize, chunks } = begun.json;
  const handle = await open(file, 'r');
  const buffer = Buffer.alloc(chunkSize);
  try {
    for (let index = 0; index < chunks; index += 1) {
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, index * chunkSize);
      const res = await client.request('PUT', `/media/uploads/${uploadId}/chunks/${index}`, { body: buffer.subarray(0, bytesRead), headers: { 'Content-Type': 'application/octet-stream' } });
      if (res.status !== 200) throw new Error(`part ${index} answered ${res.status}: ${res.text}`);
    }
  } finally {
    await handle.close();
  }
  const done = await client.post(`/media/uploads/${uploadId}/complete`, undefined, { timeoutMs: 120_000 });
  if (done.status !== 201) throw new Error(`complete answered ${done.status}: ${done.text}`);
  return { media: done.json, chunks, chunkSize };
}
