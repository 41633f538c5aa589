import type { FastifyReply } from 'fastify';

/** `attachment` with the original file name, safe for any characters (RFC 6266 / 5987). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * alone, which RFC 5987 does not allow.
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a file to save (a printout, a spreadsheet): its type, its name, never kept by a shared cache. */
export const sendDownload = (reply: FastifyReply, file: { filename: string; type: string; body: Buffer | string }) =>
  reply.type(file.type).header('content-disposition', attachment(file.filename)).header('cache-control', 'private, no-store').send(file.body);

/** A printout (its name and PDF bytes) as a download. */
export const sendPdf = (reply: FastifyReply, printout: { filename: string; pdf: Buffer }) => sendDownload(reply, { filename: printout.filename, type: 'application/pdf', body: printout.pdf });
