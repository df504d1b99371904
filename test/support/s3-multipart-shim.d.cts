// Types for s3-multipart-shim.cjs (shared by the backend's jest specs and the browser step).
/** Adds ListParts, AbortMultipartUpload and EntityTooSmall to an s3rver instance, before its `run()`. */
export declare function addMultipartShim(server: unknown): void;
