import { DateTime } from 'luxon';
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

/** Who signs a certificate, as the programme names them. */
export interface Signatory {
  name: string;
  position: string | null;
  nip: string | null;
}

/**
 * Where a certificate is signed, from the organisation's name: the city of a "… Kota Banjarbaru"
 * (a kabupaten's seat is another town, so it and any other name give none: the date stands alone).
 */
export function signingPlace(organisation: string): string | null {
  return /\bKota\s+(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)*)\s*$/u.exec(organisation.trim())?.[1] ?? null;
}

const BLUE = '#0B4F6C';
const GOLD = '#B08D57';
const GREY = '#444444';

/**
 * A certificate of participation, A4 landscape on one page, for an official who attended every
 * day of a batch: the organisation and programme at the top, the title, the official (name,
 * NIP, position and unit) and what they attended in the middle, the batch's days bottom left and
 * the place, date and signature block (the programme's signatory: position, name, NIP) bottom
 * right, within a double frame. Long names and texts get smaller type rather than a second page.
 */
export function certificate(
  heading: Heading,
  input: { official: Official; batch: string; venue?: string | null; days: Day[]; issuedOn: string; signatory?: Signatory | null },
) {
  const pdf = createPdf({ organisation: heading.organisation, programme: heading.programme, title: t.certificate.title(input.official.name), pageLabel: t.pageLabel }, { landscape: true, plain: true });
  const { doc } = pdf;
  const W = doc.page.width;
  const H = doc.page.height;
  // The frame: a strong outer line, a fine inner one, and gold corners between them.
  doc.rect(18, 18, W - 36, H - 36).lineWidth(3).stroke(BLUE);
  doc.rect(27, 27, W - 54, H - 54).lineWidth(0.8).stroke(BLUE);
  for (const [x, y] of [
    [27, 27],
    [W - 27, 27],
    [27, H - 27],
    [W - 27, H - 27],
  ] as const)
    doc.save().translate(x, y).rotate(45).rect(-6, -6, 12, 12).fill(GOLD).restore();

  const first = input.days[0]!;
  const last = input.days[input.days.length - 1]!;
  const dates = first.date === last.date ? formatDate(first.date, LANG) : t.certificate.dates(formatDate(first.date, LANG), formatDate(last.date, LANG));
  const left = 72;
  const width = W - 2 * left;

  type Piece = { text: string; size: number; bold?: boolean; color?: string; spacing?: number; gap: number; width?: number; underline?: boolean; rule?: number };
  const heightOf = (p: Piece, scale: number) => {
    doc.font(p.bold ? 'bold' : 'regular').fontSize(p.size * scale);
    return doc.heightOfString(p.text, { width: p.width ?? width, characterSpacing: (p.spacing ?? 0) * scale });
  };
  const blockHeight = (pieces: Piece[], scale: number) => pieces.reduce((sum, p) => sum + heightOf(p, scale) + p.gap * scale, 0);
  /** Writes pieces from `top`, centred on `x + w / 2` (or aligned), and answers where they end. */
  const write = (pieces: Piece[], top: number, scale: number, x = left, w = width, align: 'center' | 'left' = 'center') => {
    let y = top;
    for (const p of pieces) {
      const pw = Math.min(p.width ?? w, w);
      const px = align === 'center' ? x + (w - pw) / 2 : x;
      doc
        .font(p.bold ? 'bold' : 'regular')
        .fontSize(p.size * scale)
        .fillColor(p.color ?? 'black')
        .text(p.text, px, y, { width: pw, align, characterSpacing: (p.spacing ?? 0) * scale, underline: p.underline, lineBreak: true });
      y += heightOf(p, scale);
      if (p.rule) {
        const ruleWidth = p.rule * scale;
        const rx = align === 'center' ? x + (w - ruleWidth) / 2 : x;
        doc.moveTo(rx, y + (p.gap * scale) / 2).lineTo(rx + ruleWidth, y + (p.gap * scale) / 2).lineWidth(1).stroke(GOLD);
      }
      y += p.gap * scale;
    }
    doc.fillColor('black');
    return y;
  };

  const top: Piece[] = [
    { text: heading.organisation.toUpperCase(), size: 13, bold: true, color: BLUE, spacing: 1, gap: 3 },
    { text: heading.programme, size: 11, color: GREY, gap: 0 },
  ];
  const middle: Piece[] = [
    // No letter-spacing: it would make the word "S E R T I F I K A T" to a reader or a search.
    { text: t.certificate.heading, size: 50, bold: true, color: BLUE, gap: 16, rule: 150 },
    { text: t.certificate.givenTo, size: 13, gap: 8 },
    { text: input.official.name, size: 28, bold: true, gap: 12, rule: 460 },
    { text: t.nip(formatNip(input.official.nip)), size: 13, gap: 3 },
    { text: [input.official.position, input.official.unitName].filter(Boolean).join(', '), size: 13, gap: 16, width: 600 },
    { text: t.certificate.attended(input.batch, dates, heading.organisation, input.venue ?? null), size: 13, gap: 0, width: 620 },
  ];
  const signatory = input.signatory;
  const issued = DateTime.fromISO(input.issuedOn, { zone: 'utc' }).setLocale('id').toFormat('d LLLL yyyy');
  const signature: Piece[] = [
    { text: t.certificate.placeDate(signingPlace(heading.organisation), issued), size: 12, gap: 2 },
    { text: signatory ? (signatory.position ?? heading.organisation) : heading.organisation, size: 12, gap: 58 },
    signatory ? { text: signatory.name, size: 12, bold: true, underline: true, gap: 2 } : { text: t.certificate.signatureLine, size: 12, gap: 2 },
    ...(signatory?.nip ? [{ text: t.nip(formatNip(signatory.nip)), size: 12, gap: 0 }] : []),
  ];
  const days: Piece[] = [
    { text: t.certificate.days, size: 10, bold: true, color: BLUE, gap: 3 },
    ...(input.days.length <= 5
      ? input.days.map((day) => ({ text: when(day, heading.zone), size: 10, gap: 1 }))
      : [{ text: `${dates}, ${formatTimeRange(first.start, first.end, heading.zone, LANG)}`, size: 10, gap: 1 }]),
  ];

  // The blocks at the top and the foot of the frame, the middle centred between them; everything
  // shrinks a step at a time until it fits.
  const frameTop = 52;
  const frameBottom = H - 50;
  const signatureWidth = 270;
  const daysWidth = width - signatureWidth - 40;
  let scale = 1;
  const footHeight = (s: number) => {
    doc.font('regular');
    const sign = blockHeight(signature.map((p) => ({ ...p, width: signatureWidth })), s);
    const dayBlock = blockHeight(days.map((p) => ({ ...p, width: daysWidth })), s);
    return Math.max(sign, dayBlock);
  };
  const fits = (s: number) => blockHeight(top, s) + 24 * s + blockHeight(middle, s) + 24 * s + footHeight(s) <= frameBottom - frameTop;
  while (scale > 0.5 && !fits(scale)) scale -= 0.05;

  const topEnd = write(top, frameTop, scale);
  const footTop = frameBottom - footHeight(scale);
  const middleHeight = blockHeight(middle, scale);
  const middleTop = topEnd + Math.max(24 * scale, (footTop - topEnd - middleHeight) / 2);
  write(middle, middleTop, scale);
  write(signature.map((p) => ({ ...p, width: signatureWidth })), footTop, scale, W - left - signatureWidth, signatureWidth);
  const daysTop = frameBottom - blockHeight(days.map((p) => ({ ...p, width: daysWidth })), scale);
  write(days.map((p) => ({ ...p, width: daysWidth })), daysTop, scale, left, daysWidth, 'left');
  return pdf.toBuffer();
}
