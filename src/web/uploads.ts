import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors';
import type { FormProblem } from './components/form';
import { refusal } from './forms';
import { UPLOAD_PREFIX } from '../platform/documents';

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

/** The multipart reader's own limits (a second file, a 21st field, a 26th part), by their code. */
const PART_LIMITS = new Set(['FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT']);

/**
 * What a failed read answers: our refusals as they are; the reader's limits as 413; a file
 * that went over its size as FILE_TOO_LARGE; a failure of the disk (it has a syscall) as the
 * server's fault; anything else came from the body itself (cut off, a client that went away,
 * a broken part header), so it is the client's: 400, never a 500 with a stack trace.
 */
function uploadError(error: unknown, field: string, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const { code, syscall } = error as { code?: string; syscall?: string };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(field, maxBytes);
  if (code && PART_LIMITS.has(code)) return new AppError(413, 'TOO_MANY_PARTS', 'The form sends more files or fields than it has', [{ path: `/body/${field}`, message: 'too many parts' }]);
  if (syscall) return error;
  return new AppError(400, 'MALFORMED_BODY', `The multipart body could not be read: ${(error as Error).message ?? String(error)}`);
}

/**
 * Reads a multipart form: its CSRF token first (the form puts it before anything else, so a
 * forged upload is refused before a byte of the file is stored), its fields, and at most one
 * file, into memory or streamed into `saveTo` with its SHA-256, never more than `maxBytes`.
 * Whatever ends the read early (a refusal, a limit, a broken or cut-off body, a client that goes
 * away) removes what it wrote: only an upload handed back to the caller leaves a file behind.
 */
export async function readUpload(request: FastifyRequest, options: { maxBytes: number; saveTo?: string }): Promise<Upload> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  let first = true;
  let written: fs.WriteStream | undefined;
  let handedBack = false;
  let field = 'file';
  try {
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
      field = part.fieldname;
      const hash = createHash('sha256');
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      if (options.saveTo) {
        fs.mkdirSync(options.saveTo, { recursive: true });
        written = fs.createWriteStream(path.join(options.saveTo, `${UPLOAD_PREFIX}${randomBytes(12).toString('hex')}`), { flags: 'wx' });
        await pipeline(part.file, count, written);
        file = { field, filename: part.filename, size, sha256: hash.digest('hex'), path: String(written.path) };
      } else {
        const chunks: Buffer[] = [];
        await pipeline(part.file, count, async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) chunks.push(chunk);
        });
        file = { field, filename: part.filename, size, sha256: hash.digest('hex'), bytes: Buffer.concat(chunks) };
      }
      if (part.file.truncated) throw tooLarge(field, options.maxBytes);
    }
    if (first) throw new AppError(403, 'CSRF_FAILED', 'missing or stale form token');
    handedBack = true;
    return { fields, file };
  } catch (error) {
    throw uploadError(error, field, options.maxBytes);
  } finally {
    if (written && !handedBack) {
      // A stream destroyed while still opening creates its file after: removed once it has closed.
      const stream = written;
      if (!stream.closed) await new Promise<void>((resolve) => stream.once('close', () => resolve()));
      fs.rmSync(String(written.path), { force: true });
    }
  }
}

/**
 * A page's form with a file: what arrived, or the refusal of the upload itself (too large, cut
 * off, too many parts) as the form's problem, said beside the file field. A forged form (no or
 * a stale token) is thrown, as on every page.
 */
export async function readPageUpload(request: FastifyRequest, options: { maxBytes: number; saveTo?: string }, fileField: string): Promise<{ upload: Upload } | { refused: FormProblem; status: number }> {
  try {
    return { upload: await readUpload(request, options) };
  } catch (error) {
    const refused = refusal(error, request.page);
    if (refused.code === 'CSRF_FAILED') throw error;
    return { refused: { ...refused, fields: { [fileField]: refused.summary! } }, status: refused.status };
  }
}
