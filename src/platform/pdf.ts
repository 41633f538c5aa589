import { readFileSync } from 'node:fs';
import { fontkit, pdfkit } from './heavy-modules';
import { once } from './memo';

/**
 * Noto Sans (Latin, Greek and Cyrillic), embedded as a subset in every document, so Indonesian
 * names and titles print right. Read and parsed once per thread: given a file name, pdfkit
 * parses the fonts again for every document (about 200 ms of each PDF, measured).
 */
const fonts = once(() => ({
  regular: fontkit().create(readFileSync(require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'))),
  bold: fontkit().create(readFileSync(require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'))),
}));

const MARGIN = 42; // about 1.5 cm
const HEADER_HEIGHT = 46;
const FOOTER_HEIGHT = 24;

export interface PdfHeader {
  /** The organiser, first line of every page's header. */
  organisation: string;
  /** The programme, second line. */
  programme: string;
  /** The document's title in the header and the file's metadata. */
  title: string;
  /** "Halaman 1 dari 3". */
  pageLabel: (page: number, pages: number) => string;
}

export interface Column<R> {
  header: string;
  /** A share of the table's width (the shares are normalised). */
  width: number;
  cell: (row: R, index: number) => string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

/**
 * An A4 document with the organiser and programme on every page and "page n of m" at the foot:
 * text, tables that carry their header row onto every page, and free drawing for what is
 * special (signature boxes, a certificate's frame).
 */
export function createPdf(header: PdfHeader, options: { landscape?: boolean; plain?: boolean } = {}) {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    // A plain document (a certificate) is one page of its own: no running header or page number.
    margins: options.plain ? { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } : { top: MARGIN + HEADER_HEIGHT, bottom: MARGIN + FOOTER_HEIGHT, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: header.title, Author: header.organisation, Subject: header.programme },
    lang: 'id-ID',
    displayTitle: true,
  });
  // pdfkit takes a parsed font where its types say a file name or bytes.
  doc.registerFont('regular', fonts().regular as unknown as string);
  doc.registerFont('bold', fonts().bold as unknown as string);
  doc.font('regular').fontSize(10);

  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const left = () => doc.page.margins.left;

  const pdf = {
    doc,
    width,
    bottom,
    left,

    /** Starts a new page when less than `height` points are left on this one. */
    ensureRoom(height: number) {
      if (doc.y + height > bottom()) doc.addPage();
    },

    title(text: string, size = 14) {
      doc.font('bold').fontSize(size).text(text, left(), doc.y, { width: width(), align: 'center' });
      doc.moveDown(0.3);
      doc.font('regular').fontSize(10);
    },

    line(text: string, opts: { bold?: boolean; size?: number; align?: 'left' | 'center' | 'right'; gap?: number } = {}) {
      doc
        .font(opts.bold ? 'bold' : 'regular')
        .fontSize(opts.size ?? 10)
        .text(text, left(), doc.y, { width: width(), align: opts.align ?? 'left' });
      doc.moveDown(opts.gap ?? 0.2);
      doc.font('regular').fontSize(10);
    },

    /** "Label : value" lines, the labels in one column. */
    facts(rows: [string, string][]) {
      const labelWidth = Math.max(...rows.map(([label]) => doc.font('regular').fontSize(10).widthOfString(label))) + 8;
      const valueWidth = width() - labelWidth;
      for (const [label, value] of rows) {
        const height = Math.max(doc.heightOfString(label, { width: labelWidth }), doc.heightOfString(`: ${value}`, { width: valueWidth }));
        pdf.ensureRoom(height);
        const top = doc.y;
        doc.text(label, left(), top, { width: labelWidth });
        doc.text(`: ${value}`, left() + labelWidth, top, { width: valueWidth });
        doc.y = top + height + 2;
      }
      doc.moveDown(0.5);
    },

    /**
     * A table: each row as tall as its tallest cell (at least minRowHeight), the header row
     * repeated at the top of each page. `drawCell` may draw over a cell after its text
     * (signature lines).
     */
    table<R>(columns: Column<R>[], rows: R[], opts: { minRowHeight?: number; drawCell?: (row: R, index: number, column: number, box: Box) => void } = {}) {
      const total = columns.reduce((sum, c) => sum + c.width, 0);
      const widths = columns.map((c) => (c.width / total) * width());
      const pad = 4;
      const heightOf = (texts: string[], bold: boolean, min: number) =>
        Math.max(
          min,
          ...texts.map((text, i) => doc.font(bold || columns[i]!.bold ? 'bold' : 'regular').fontSize(9).heightOfString(text, { width: widths[i]! - 2 * pad }) + 2 * pad),
        );
      const drawRow = (texts: string[], height: number, shaded: boolean, bold: boolean) => {
        const y = doc.y;
        let x = left();
        if (shaded) doc.rect(x, y, width(), height).fill('#EEEEEE').fillColor('black');
        texts.forEach((text, i) => {
          doc.rect(x, y, widths[i]!, height).lineWidth(0.5).stroke('#444444');
          doc
            .font(bold || columns[i]!.bold ? 'bold' : 'regular')
            .fontSize(9)
            .fillColor('black')
            .text(text, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left' });
          x += widths[i]!;
        });
        doc.y = y + height;
        doc.x = left();
      };
      const headers = columns.map((c) => c.header);
      const headerHeight = heightOf(headers, true, 0);
      drawRow(headers, headerHeight, true, true);
      rows.forEach((row, index) => {
        const texts = columns.map((c) => c.cell(row, index));
        const height = heightOf(texts, false, opts.minRowHeight ?? 0);
        if (doc.y + height > bottom()) {
          doc.addPage();
          drawRow(headers, headerHeight, true, true);
        }
        const y = doc.y;
        drawRow(texts, height, false, false);
        if (opts.drawCell) {
          let x = left();
          columns.forEach((_, i) => {
            opts.drawCell!(row, index, i, { x, y, width: widths[i]!, height });
            x += widths[i]!;
          });
          // Drawing text moves the cursor: the next row starts under this one whatever was drawn.
          doc.x = left();
          doc.y = y + height;
        }
      });
      doc.font('regular').fontSize(10).moveDown(0.5);
    },

    /** The finished file: headers and page numbers written on every page. */
    async toBuffer(): Promise<Buffer> {
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise<void>((resolve, reject) => {
        doc.on('end', resolve);
        doc.on('error', reject);
      });
      const { start, count } = doc.bufferedPageRange();
      for (let i = start; i < start + (options.plain ? 0 : count); i++) {
        doc.switchToPage(i);
        const pageWidth = doc.page.width - 2 * MARGIN;
        // Writing inside the margins must not add pages: margins are lifted while drawing.
        const margins = { ...doc.page.margins };
        doc.page.margins = { top: 0, bottom: 0, left: MARGIN, right: MARGIN };
        // One line each, cut with an ellipsis (a height keeps pdfkit from wrapping a long unit name over the page).
        doc.font('bold').fontSize(9).fillColor('black').text(header.organisation, MARGIN, MARGIN, { width: pageWidth, height: 11, ellipsis: true });
        doc.font('regular').fontSize(9).text(`${header.programme} · ${header.title}`, MARGIN, MARGIN + 13, { width: pageWidth, height: 11, ellipsis: true });
        doc.moveTo(MARGIN, MARGIN + 30).lineTo(MARGIN + pageWidth, MARGIN + 30).lineWidth(0.5).stroke('#444444');
        doc.fontSize(8).text(header.pageLabel(i - start + 1, count), MARGIN, doc.page.height - MARGIN - 10, { width: pageWidth, align: 'right', lineBreak: false });
        doc.page.margins = margins;
      }
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
  return pdf;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Pdf = ReturnType<typeof createPdf>;
