// Types for padded-mp4.cjs (shared by the jest specs, the bench and the browser steps).
/** Writes a real MP4 of exactly `bytes` bytes (a sparse file padded with a `free` box) and returns its path. */
export declare function writePaddedMp4(file: string, bytes: number): Promise<string>;
