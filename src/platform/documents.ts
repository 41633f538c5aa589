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

/**
 * Uploaded documents kept by content: `<sha256>.<type>` under one folder, so the same file
 * sent twice is stored once and a stored file never changes.
 */
export function createDocumentStore(folder: string) {
  const pathOf = (sha256: string, type: DocumentType) => path.join(folder, `${sha256}.${type}`);
  return {
    /** Where uploads are written while they arrive. */
    incoming: path.join(folder, 'incoming'),
    pathOf,
    /** Moves an upload into place (before its row is committed: a failed commit leaves only an unreferenced file). */
    keep(uploaded: string, sha256: string, type: DocumentType): void {
      fs.mkdirSync(folder, { recursive: true });
      const target = pathOf(sha256, type);
      if (fs.existsSync(target)) fs.rmSync(uploaded, { force: true });
      else fs.renameSync(uploaded, target);
    },
    discard: (uploaded: string) => fs.rmSync(uploaded, { force: true }),
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;
