import { formatDate, formatNip, formatTimeRange } from '../../platform/format';
import type { Language } from '../../platform/language';
import { createPdf, type Box, type Pdf } from '../../platform/pdf';
import { printoutsText } from './printouts.text';

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

/** The documents are printed in Indonesian. */
const LANG: Language = 'id';
const t = printoutsText[LANG];
const when = (day: Day, zone: string) => `${formatDate(day.date, LANG)}, ${formatTimeRange(day.start, day.end, zone, LANG)}`;
const start = (heading: Heading, title: string, landscape = false) =>
  createPdf({ organisation: heading.organisation, programme: heading.programme, title, pageLabel: t.pageLabel }, { landscape });

/** Blank rows at the end of an attendance sheet, for those who come without being listed. */
export const walkInRows = (listed: number) => Math.max(5, Math.ceil(listed / 10));

/**
 * The daftar hadir of one batch day: number, name and NIP, position, unit, and a signature
 * column whose boxes alternate left and right (so neighbours do not sign over each other),
 * then blank numbered rows for walk-ins.
 */
export function attendanceSheet(heading: Heading, input: { batch: string; venue: string | null; dayNumber: number; day: Day; officials: Official[] }) {
  const pdf = start(heading, t.attendance.title(input.batch, input.dayNumber));
  pdf.title(t.attendance.heading);
  pdf.line(t.attendance.subheading(input.batch, input.dayNumber), { align: 'center', gap: 0.6 });
  pdf.facts([
    [t.date, formatDate(input.day.date, LANG)],
    [t.time, formatTimeRange(input.day.start, input.day.end, heading.zone, LANG)],
    [t.place, input.venue ?? t.none],
  ]);
  const rows: (Official | null)[] = [...input.officials, ...Array.from({ length: walkInRows(input.officials.length) }, () => null)];
  pdf.table(
    [
      { header: t.no, width: 5, align: 'right', cell: (_, i) => String(i + 1) },
      { header: t.nameNip, width: 30, cell: (o) => (o ? `${o.name}\n${t.nip(formatNip(o.nip))}` : '') },
      { header: t.position, width: 22, cell: (o) => o?.position ?? '' },
      { header: t.unit, width: 20, cell: (o) => o?.unitName ?? '' },
      { header: t.attendance.signature, width: 23, cell: () => '' },
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
  const pdf = start(heading, t.invitation.title(input.unitName));
  pdf.title(t.invitation.heading);
  pdf.line(t.invitation.subheading(input.unitName), { align: 'center', gap: 0.8 });
  pdf.line(t.invitation.officials, { bold: true, size: 11 });
  if (input.enrolments.length === 0) pdf.line(t.invitation.noOfficials, { gap: 0.8 });
  else
    pdf.table(
      [
        { header: t.no, width: 5, align: 'right', cell: (_, i) => String(i + 1) },
        { header: t.nameNip, width: 27, cell: (e) => `${e.official.name}\n${t.nip(formatNip(e.official.nip))}` },
        { header: t.position, width: 17, cell: (e) => e.official.position ?? '' },
        { header: t.invitation.batch, width: 12, cell: (e) => (e.waitlisted ? t.invitation.waitlisted(e.batch) : e.batch) },
        { header: t.invitation.days, width: 39, cell: (e) => [...e.days.map((d) => when(d, heading.zone)), e.venue ? t.invitation.venue(e.venue) : ''].filter(Boolean).join('\n') },
      ],
      input.enrolments,
    );
  pdf.line(t.invitation.asistensi, { bold: true, size: 11 });
  if (input.asistensi.length === 0) pdf.line(t.invitation.noAsistensi);
  for (const session of input.asistensi)
    pdf.facts([
      [t.invitation.activity, session.period],
      [t.time, when(session.day, heading.zone)],
      [t.place, session.location ?? t.none],
    ]);
  return pdf.toBuffer();
}

/** Every working day of an asistensi period and its slots with the unit booked, for the circular letter. */
export function asistensiSchedule(
  heading: Heading,
  input: { period: string; location: string | null; days: { date: string; closedReason: string | null; slots: { start: string; end: string; unitName: string | null }[] }[] },
) {
  const pdf = start(heading, t.schedule.title(input.period));
  pdf.title(t.schedule.heading);
  pdf.line(input.period, { align: 'center', gap: 0.6 });
  if (input.location) pdf.facts([[t.place, input.location]]);
  const rows = input.days.flatMap((day) =>
    day.closedReason !== null
      ? [{ date: day.date, time: '', unit: t.schedule.closed(day.closedReason) }]
      : day.slots.map((slot, i) => ({ date: i === 0 ? day.date : '', time: formatTimeRange(slot.start, slot.end, heading.zone, LANG), unit: slot.unitName ?? t.schedule.free })),
  );
  let number = 0;
  pdf.table(
    [
      { header: t.no, width: 6, align: 'right', cell: (r) => (r.date ? String(++number) : '') },
      { header: t.date, width: 30, cell: (r) => (r.date ? formatDate(r.date, LANG) : '') },
      { header: t.time, width: 20, cell: (r) => r.time },
      { header: t.unit, width: 44, cell: (r) => r.unit },
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
  const pdf = createPdf({ organisation: heading.organisation, programme: heading.programme, title: t.certificate.title(input.official.name), pageLabel: t.pageLabel }, { landscape: true, plain: true });
  const { doc } = pdf;
  doc.rect(24, 24, doc.page.width - 48, doc.page.height - 48).lineWidth(2).stroke('#0B4F6C');
  const first = input.days[0]!;
  const last = input.days[input.days.length - 1]!;
  const dates = first.date === last.date ? formatDate(first.date, LANG) : t.certificate.dates(formatDate(first.date, LANG), formatDate(last.date, LANG));
  const lines: [string, { bold?: boolean; size: number; gap: number }][] = [
    [heading.organisation, { size: 12, gap: 1.2 }],
    [t.certificate.heading, { bold: true, size: 28, gap: 0.2 }],
    [t.certificate.givenTo, { size: 12, gap: 0.8 }],
    [input.official.name, { bold: true, size: 22, gap: 0.2 }],
    [t.nip(formatNip(input.official.nip)), { size: 12, gap: 0.1 }],
    [[input.official.position, input.official.unitName].filter(Boolean).join(', '), { size: 12, gap: 1 }],
    [t.certificate.attended(input.batch, dates, heading.organisation), { size: 12, gap: 1.5 }],
  ];
  const signature: [string, { size: number; gap: number }][] = [
    [formatDate(input.issuedOn, LANG), { size: 11, gap: 0.2 }],
    [heading.organisation, { size: 11, gap: 2.5 }],
    [t.certificate.signatureLine, { size: 11, gap: 0 }],
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
