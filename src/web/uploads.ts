import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors';

export interface UploadedFile {
  field: string;
  filename: string;
  size: number;
  sha256: string;
  /** The content, when read into memory. */
  bytes?: Buffer;
  /** Where it was written, when saved to a folder (a temporary name: the caller moves or removes it). */
  path?: string;
}

export interface Upload {
  fields: Record<string, string>;
  file?: UploadedFile;
}

const tooLarge = (field: string, maxBytes: number) =>
  new AppError(413, 'FILE_TOO_LARGE', `The file is larger than ${maxBytes} bytes`, [{ path: `/body/${field}`, message: 'is too large' }], { maxMegabytes: String(Math.round(maxBytes / 1024 / 1024)) });

/**
 * Reads a multipart form: its CSRF token first (the form puts it before anything else, so a
 * forged upload is refused before a byte of the file is stored), its fields, and at most one
 * file, into memory or streamed into `saveTo` with its SHA-256, never more than `maxBytes`.
 */
export async function readUpload(request: FastifyRequest, options: { maxBytes: number; saveTo?: string }): Promise<Upload> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  let first = true;
  for await (const part of request.parts({ limits: { fileSize: options.maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25 } })) {
    if (first && (part.type !== 'field' || part.fieldname !== '_csrf' || part.value !== request.page.csrf)) throw new AppError(403, 'CSRF_FAILED', 'missing or stale form token');
    first = false;
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    if (!part.filename) {
      part.file.resume(); // the file input was left empty
      continue;
    }
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      if (options.saveTo) {
        fs.mkdirSync(options.saveTo, { recursive: true });
        const target = path.join(options.saveTo, `.upload-${randomBytes(12).toString('hex')}`);
        try {
          await pipeline(part.file, count, fs.createWriteStream(target, { flags: 'wx' }));
        } catch (err) {
          fs.rmSync(target, { force: true });
          throw err;
        }
        file = { field: part.fieldname, filename: part.filename, size, sha256: hash.digest('hex'), path: target };
      } else {
        const chunks: Buffer[] = [];
        await pipeline(part.file, count, async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) chunks.push(chunk);
        });
        file = { field: part.fieldname, filename: part.filename, size, sha256: hash.digest('hex'), bytes: Buffer.concat(chunks) };
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(part.fieldname, options.maxBytes);
      throw err;
    }
    if (part.file.truncated) {
      if (file.path) fs.rmSync(file.path, { force: true });
      throw tooLarge(part.fieldname, options.maxBytes);
    }
  }
  if (first) throw new AppError(403, 'CSRF_FAILED', 'missing or stale form token');
  return { fields, file };
}
