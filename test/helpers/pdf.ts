import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';

// pdf.js loads its worker with a dynamic import, which Jest's CommonJS sandbox refuses: the
// text is read in a plain Node process, one per test file, which takes each PDF as a 4-byte
// length and its bytes and answers a JSON line (starting pdf.js takes longer than reading one).
const READER = `
const { PDFParse } = require('pdf-parse');
let pending = Buffer.alloc(0);
let queue = Promise.resolve();
const read = async (pdf) => {
  try {
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const result = await parser.getText();
    await parser.destroy();
    return { pages: result.pages.map((page) => page.text) };
  } catch (error) {
    return { error: String(error) };
  }
};
process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
    const pdf = pending.subarray(4, 4 + pending.readUInt32BE(0));
    pending = pending.subarray(4 + pdf.length);
    queue = queue.then(async () => process.stdout.write(JSON.stringify(await read(pdf)) + '\\n'));
  }
});`;

let reader: { child: ChildProcessWithoutNullStreams; waiting: ((answer: { pages?: string[]; error?: string }) => void)[] } | undefined;

function start() {
  const child = spawn(process.execPath, ['-e', READER], { cwd: __dirname });
  const started = { child, waiting: [] as ((answer: { pages?: string[]; error?: string }) => void)[] };
  readline.createInterface({ input: child.stdout }).on('line', (line) => started.waiting.shift()?.(JSON.parse(line)));
  child.on('exit', () => {
    for (const resolve of started.waiting.splice(0)) resolve({ error: 'the PDF reader stopped' });
    if (reader === started) reader = undefined;
  });
  // The test process may end while the reader idles.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
  process.once('exit', () => child.kill());
  return started;
}

/** The text of a PDF, page by page, as a viewer reads it (pdf.js through pdf-parse). */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  reader ??= start();
  const { child, waiting } = reader;
  const answer = new Promise<{ pages?: string[]; error?: string }>((resolve) => waiting.push(resolve));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(pdf.length);
  child.stdin.write(Buffer.concat([length, pdf]));
  const { pages, error } = await answer;
  if (!pages) throw new Error(`pdf-parse could not read the PDF: ${error}`);
  return pages.map((text) => text.replace(/\s+/g, ' '));
}
