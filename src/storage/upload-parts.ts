import { Readable } from 'node:stream';

/** One part of an upload form, as the storage service reads it (framework-free). */
export type UploadPart =
  | {
      kind: 'file';
      /** The name the client gave the file (may hold "/" for a folder upload). */ filename: string;
      stream: Readable;
    }
  | { kind: 'field'; name: string; value: string };
