import fs from 'node:fs';
import path from 'node:path';

/** The documents a unit may send with its draft, recognised by their content, not their name. */
export const DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * What a file is, from its first and last bytes: a PDF starts with %PDF-; DOCX and XLSX are
 * ZIP archives (PK\3\4) whose entry names (in the local headers at the start and the central
 * directory at the end) include word/document.xml or xl/workbook.xml.
 */
export function documentTypeOf(head: Buffer, tail: Buffer): DocumentType | undefined {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.length < 4 || head.readUInt32LE(0) !== 0x04034b50) return undefined;
  const names = head.toString('latin1') + tail.toString('latin1');
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  return undefined;
}

/** Reads just enough of a file on disk to recognise it. */
export function documentTypeOfFile(file: string): DocumentType | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size < 8) return undefined;
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    fs.readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, 256 * 1024));
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
    return documentTypeOf(head, tail);
  } finally {
    fs.closeSync(fd);
  }
}

/** How an upload still arriving is named in the incoming folder. */
export const UPLOAD_PREFIX = '.upload-';

/**
 * How old an upload in the incoming folder must be to count as left over: longer than any
 * request may take (the server cuts a request off after 30 s), so a sweep never removes a file
 * another process (a server beside a command-line script) is still receiving.
 */
export const LEFTOVER_AGE_MS = 2 * 60 * 1000;

/**
 * Removes uploads a previous run left in the incoming folder (a process killed mid-upload):
 * every upload reader removes its own file when it fails, so anything older is nobody's.
 * Answers how many it removed.
 */
export function sweepLeftoverUploads(incoming: string, now = Date.now()): number {
  let entries: string[];
  try {
    entries = fs.readdirSync(incoming);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of entries) {
    if (!name.startsWith(UPLOAD_PREFIX)) continue;
    const file = path.join(incoming, name);
    try {
      if (now - fs.statSync(file).mtimeMs < LEFTOVER_AGE_MS) continue;
      fs.rmSync(file, { force: true });
      removed++;
    } catch (error) {
      // Removed meanwhile by its own reader.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

/**
 * Uploaded documents kept by content: `<sha256>.<type>` under one folder, so the same file
 * sent twice is stored once and a stored file never changes. Opening the store sweeps the
 * uploads a previous run left behind.
 */
export function createDocumentStore(folder: string) {
  const pathOf = (sha256: string, type: DocumentType) => path.join(folder, `${sha256}.${type}`);
  const incoming = path.join(folder, 'incoming');
  sweepLeftoverUploads(incoming);
  return {
    /** Where uploads are written while they arrive. */
    incoming,
    pathOf,
    /**
     * Moves an upload into place. Called inside the transaction that records its draft, after
     * every check: a refused draft never places its file, and a failed move rolls the row back.
     */
    keep(uploaded: string, sha256: string, type: DocumentType): void {
      fs.mkdirSync(folder, { recursive: true });
      const target = pathOf(sha256, type);
      if (fs.existsSync(target)) fs.rmSync(uploaded, { force: true });
      else fs.renameSync(uploaded, target);
    },
    /** Removes an upload that was not kept (a no-op once it has been). */
    discard: (uploaded: string) => fs.rmSync(uploaded, { force: true }),
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;
