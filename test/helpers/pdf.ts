import { execFileSync } from 'node:child_process';

// pdf.js loads its worker with a dynamic import, which Jest's CommonJS sandbox refuses: the
// text is read in a plain Node process.
const READ_PAGES = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const result = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify(result.pages.map((page) => page.text)));
});`;

/** The text of a PDF, page by page, as a viewer reads it (pdf.js through pdf-parse). */
export function pdfPages(pdf: Buffer): string[] {
  const out = execFileSync(process.execPath, ['-e', READ_PAGES], { input: pdf, cwd: __dirname, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(out) as string[]).map((text) => text.replace(/\s+/g, ' '));
}
