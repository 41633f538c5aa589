import { formatDate, formatNip, formatTimeRange } from '../../platform/format';
import { createPdf, type Box, type Pdf } from '../../platform/pdf';

/**
 * The documents a workshop needs on paper, in Indonesian, from plain data (the service gathers
 * it). Each returns the finished PDF.
 */

export interface Heading {
  organisation: string;
  programme: string;
  zone: string;
}

export interface Official {
  name: string;
  nip: string;
  position: string | null;
  unitName: string;
}

export interface Day {
  date: string;
  start: string;
  end: string;
}

const pageLabel = (page: number, pages: number) => `Halaman ${page} dari ${pages}`;
const when = (day: Day, zone: string) => `${formatDate(day.date, 'id')}, ${formatTimeRange(day.start, day.end, zone, 'id')}`;
const start = (heading: Heading, title: string, landscape = false) =>
  createPdf({ organisation: heading.organisation, programme: heading.programme, title, pageLabel }, { landscape });

/** Blank rows at the end of an attendance sheet, for those who come without being listed. */
export const walkInRows = (listed: number) => Math.max(5, Math.ceil(listed / 10));

/**
 * The daftar hadir of one batch day: number, name and NIP, position, unit, and a signature
 * column whose boxes alternate left and right (so neighbours do not sign over each other),
 * then blank numbered rows for walk-ins.
 */
export function attendanceSheet(heading: Heading, input: { batch: string; venue: string | null; dayNumber: number; day: Day; officials: Official[] }) {
  const pdf = start(heading, `Daftar hadir ${input.batch}, hari ke-${input.dayNumber}`);
  pdf.title('DAFTAR HADIR');
  pdf.line(`Workshop Penyusunan SOP — ${input.batch}, hari ke-${input.dayNumber}`, { align: 'center', gap: 0.6 });
  pdf.facts([
    ['Hari, tanggal', formatDate(input.day.date, 'id')],
    ['Waktu', formatTimeRange(input.day.start, input.day.end, heading.zone, 'id')],
    ['Tempat', input.venue ?? '-'],
  ]);
  const rows: (Official | null)[] = [...input.officials, ...Array.from({ length: walkInRows(input.officials.length) }, () => null)];
  pdf.table(
    [
      { header: 'No.', width: 5, align: 'right', cell: (_, i) => String(i + 1) },
      { header: 'Nama / NIP', width: 30, cell: (o) => (o ? `${o.name}\nNIP ${formatNip(o.nip)}` : '') },
      { header: 'Jabatan', width: 22, cell: (o) => o?.position ?? '' },
      { header: 'Unit kerja', width: 20, cell: (o) => o?.unitName ?? '' },
      { header: 'Tanda tangan', width: 23, cell: () => '' },
    ],
    rows,
    { minRowHeight: 34, drawCell: (_, index, column, box) => column === 4 && signatureBox(pdf, index + 1, box) },
  );
  return pdf.toBuffer();
}

/** "1. ........" on the left half for odd numbers, on the right half for even ones. */
function signatureBox(pdf: Pdf, number: number, box: Box) {
  const half = box.width / 2;
  const x = box.x + (number % 2 === 1 ? 4 : half + 4);
  const y = box.y + box.height - 12;
  const label = `${number}.`;
  pdf.doc.font('regular').fontSize(8).fillColor('black').text(label, x, y - 8, { lineBreak: false });
  pdf.doc
    .moveTo(x + pdf.doc.widthOfString(label) + 4, y)
    .lineTo(x + half - 10, y)
    .dash(1, { space: 2 })
    .lineWidth(0.5)
    .stroke('#444444')
    .undash();
}

/**
 * The attachment to a unit's invitation: its officials with their batch, days, times and
 * venue, and the unit's asistensi session if it has one.
 */
export function invitation(
  heading: Heading,
  input: {
    unitName: string;
    enrolments: { official: Official; batch: string; venue: string | null; days: Day[]; waitlisted: boolean }[];
    asistensi: { period: string; location: string | null; day: Day }[];
  },
) {
  const pdf = start(heading, `Lampiran undangan ${input.unitName}`);
  pdf.title('LAMPIRAN UNDANGAN');
  pdf.line(`Workshop dan asistensi penyusunan SOP — ${input.unitName}`, { align: 'center', gap: 0.8 });
  pdf.line('Pejabat yang diundang mengikuti workshop', { bold: true, size: 11 });
  if (input.enrolments.length === 0) pdf.line('Belum ada pejabat unit ini yang terdaftar di angkatan workshop.', { gap: 0.8 });
  else
    pdf.table(
      [
        { header: 'No.', width: 5, align: 'right', cell: (_, i) => String(i + 1) },
        { header: 'Nama / NIP', width: 27, cell: (e) => `${e.official.name}\nNIP ${formatNip(e.official.nip)}` },
        { header: 'Jabatan', width: 17, cell: (e) => e.official.position ?? '' },
        { header: 'Angkatan', width: 12, cell: (e) => (e.waitlisted ? `${e.batch} (daftar tunggu)` : e.batch) },
        { header: 'Hari, tanggal dan waktu', width: 39, cell: (e) => [...e.days.map((d) => when(d, heading.zone)), e.venue ? `Tempat: ${e.venue}` : ''].filter(Boolean).join('\n') },
      ],
      input.enrolments,
    );
  pdf.line('Jadwal asistensi draf SOP', { bold: true, size: 11 });
  if (input.asistensi.length === 0) pdf.line('Unit ini belum mempunyai jadwal asistensi. Pesan jadwal melalui layanan Jadwal SOP.');
  for (const session of input.asistensi)
    pdf.facts([
      ['Kegiatan', session.period],
      ['Waktu', when(session.day, heading.zone)],
      ['Tempat', session.location ?? '-'],
    ]);
  return pdf.toBuffer();
}

/** Every working day of an asistensi period and its slots with the unit booked, for the circular letter. */
export function asistensiSchedule(
  heading: Heading,
  input: { period: string; location: string | null; days: { date: string; closedReason: string | null; slots: { start: string; end: string; unitName: string | null }[] }[] },
) {
  const pdf = start(heading, `Jadwal ${input.period}`);
  pdf.title('JADWAL ASISTENSI DRAF SOP');
  pdf.line(input.period, { align: 'center', gap: 0.6 });
  if (input.location) pdf.facts([['Tempat', input.location]]);
  const rows = input.days.flatMap((day) =>
    day.closedReason !== null
      ? [{ date: day.date, time: '', unit: `Tidak ada asistensi (${day.closedReason})` }]
      : day.slots.map((slot, i) => ({ date: i === 0 ? day.date : '', time: formatTimeRange(slot.start, slot.end, heading.zone, 'id'), unit: slot.unitName ?? '—' })),
  );
  let number = 0;
  pdf.table(
    [
      { header: 'No.', width: 6, align: 'right', cell: (r) => (r.date ? String(++number) : '') },
      { header: 'Hari, tanggal', width: 30, cell: (r) => (r.date ? formatDate(r.date, 'id') : '') },
      { header: 'Waktu', width: 20, cell: (r) => r.time },
      { header: 'Unit kerja', width: 44, cell: (r) => r.unit },
    ],
    rows,
  );
  return pdf.toBuffer();
}

/**
 * A certificate of participation, A4 landscape on one page, for an official who attended every
 * day of a batch. Long names and texts get smaller type rather than a second page.
 */
export function certificate(heading: Heading, input: { official: Official; batch: string; days: Day[]; issuedOn: string }) {
  const pdf = createPdf({ organisation: heading.organisation, programme: heading.programme, title: `Sertifikat ${input.official.name}`, pageLabel }, { landscape: true, plain: true });
  const { doc } = pdf;
  doc.rect(24, 24, doc.page.width - 48, doc.page.height - 48).lineWidth(2).stroke('#0B4F6C');
  const first = input.days[0]!;
  const last = input.days[input.days.length - 1]!;
  const dates = first.date === last.date ? formatDate(first.date, 'id') : `${formatDate(first.date, 'id')} sampai ${formatDate(last.date, 'id')}`;
  const lines: [string, { bold?: boolean; size: number; gap: number }][] = [
    [heading.organisation, { size: 12, gap: 1.2 }],
    ['SERTIFIKAT', { bold: true, size: 28, gap: 0.2 }],
    ['diberikan kepada', { size: 12, gap: 0.8 }],
    [input.official.name, { bold: true, size: 22, gap: 0.2 }],
    [`NIP ${formatNip(input.official.nip)}`, { size: 12, gap: 0.1 }],
    [[input.official.position, input.official.unitName].filter(Boolean).join(', '), { size: 12, gap: 1 }],
    [
      `telah mengikuti Workshop Penyusunan Standar Operasional Prosedur (SOP) sesuai Peraturan Menteri PANRB Nomor 35 Tahun 2012, ${input.batch}, pada ${dates}, yang diselenggarakan oleh ${heading.organisation}.`,
      { size: 12, gap: 1.5 },
    ],
  ];
  const signature: [string, { size: number; gap: number }][] = [
    [formatDate(input.issuedOn, 'id'), { size: 11, gap: 0.2 }],
    [heading.organisation, { size: 11, gap: 2.5 }],
    ['(.................................................)', { size: 11, gap: 0 }],
  ];
  // Shrink everything a step at a time until the whole certificate fits the frame.
  const room = doc.page.height - doc.page.margins.top - doc.page.margins.bottom - 20;
  const heightAt = (scale: number) =>
    [...lines, ...signature].reduce((sum, [text, o]) => {
      doc.font('bold' in o && o.bold ? 'bold' : 'regular').fontSize(o.size * scale);
      return sum + doc.heightOfString(text, { width: pdf.width() }) + doc.currentLineHeight() * o.gap;
    }, 0);
  let scale = 1;
  while (scale > 0.5 && heightAt(scale) > room) scale -= 0.05;
  doc.y = doc.page.margins.top + 10;
  for (const [text, o] of lines) pdf.line(text, { bold: 'bold' in o && o.bold, size: o.size * scale, align: 'center', gap: o.gap });
  for (const [text, o] of signature) pdf.line(text, { size: o.size * scale, align: 'right', gap: o.gap });
  return pdf.toBuffer();
}
