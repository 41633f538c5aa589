import { bilingual } from '../../platform/text';

/**
 * The words of calendar feeds and event files. Feeds are written in Indonesian
 * (`calendarsText.id`): one feed serves every subscriber, whatever language they read. The
 * English block keeps the catalogue uniform. `when` arrives formatted ("Senin, 21 Oktober
 * 2013, 09.00–12.00 WITA"), `date` too; `organisation` is the configured ORGANISATION_NAME.
 */
export const calendarsText = bilingual({
  id: {
    /** Before the title of a cancelled or displaced session. */
    cancelledPrefix: 'DIBATALKAN: ',
    place: (location: string) => `Tempat: ${location}`,
    feeds: {
      unitName: (unit: string) => `Jadwal SOP - ${unit}`,
      unitDescription: (unit: string) => `Workshop, asistensi dan batas waktu SOP untuk ${unit}`,
      programmeDescription: (programme: string) => `Jadwal workshop dan asistensi ${programme}`,
      batchName: (batch: string) => `Workshop SOP - ${batch}`,
      batchDescription: (batch: string, programme: string) => `${batch}, ${programme}`,
      partnerName: (government: string) => `Asistensi SOP mitra - ${government}`,
      partnerDescription: (government: string) => `Sesi asistensi SOP kabupaten/kota yang menjadikan ${government} mitra asistensinya`,
      /** After a session's title in the partner's feed: whose session it is. */
      ofGovernment: (summary: string, government: string) => `${summary} (${government})`,
    },
    batchDay: {
      summary: (batch: string) => `Workshop SOP - ${batch}`,
      summaryOfDays: (batch: string, day: number, days: number) => `Workshop SOP - ${batch} (hari ${day}/${days})`,
      workshop: (programme: string) => `Workshop penyusunan SOP (PermenPAN-RB No. 35/2012), ${programme}.`,
      day: (batch: string, day: number, days: number, when: string) => `${batch}, hari ke-${day} dari ${days}: ${when}.`,
      participants: (unit: string, people: string[]) => `Peserta dari ${unit}: ${people.join(', ')}.`,
    },
    deadlines: {
      draftSummary: (programme: string) => `Batas waktu draf SOP - ${programme}`,
      draft: (organisation: string, date: string) => `Draf SOP unit kerja diserahkan ke ${organisation} paling lambat ${date}.`,
      finalSummary: (programme: string) => `Batas waktu draf final SOP - ${programme}`,
      final: (date: string) => `Draf final SOP diserahkan paling lambat ${date}, untuk ditetapkan dengan peraturan kepala daerah (Peraturan Walikota/Bupati).`,
    },
    booking: {
      summary: (unit: string) => `Asistensi SOP - ${unit}`,
      session: (unit: string, organisation: string, programme: string) => `Asistensi draf SOP ${unit} bersama ${organisation}, ${programme}.`,
      when: (when: string) => `${when}.`,
      topic: (topic: string) => `Topik: ${topic}`,
      cancelled: 'Dibatalkan.',
      displaced: (organisation: string, reason: string | null) =>
        `Dibatalkan: hari ini ditutup${reason ? ` (${reason})` : ''}; unit kerja dijadwalkan ulang oleh ${organisation}.`,
    },
    walkIn: {
      summary: (unit: string) => `Asistensi SOP (datang langsung) - ${unit}`,
      session: (unit: string, organisation: string, programme: string) => `Asistensi draf SOP ${unit} di kantor ${organisation}, ${programme}.`,
    },
  },
  en: {
    cancelledPrefix: 'CANCELLED: ',
    place: (location) => `Place: ${location}`,
    feeds: {
      unitName: (unit) => `SOP schedule - ${unit}`,
      unitDescription: (unit) => `SOP workshops, asistensi and deadlines for ${unit}`,
      programmeDescription: (programme) => `Workshop and asistensi schedule of ${programme}`,
      batchName: (batch) => `SOP workshop - ${batch}`,
      batchDescription: (batch, programme) => `${batch}, ${programme}`,
      partnerName: (government) => `SOP asistensi partner - ${government}`,
      partnerDescription: (government) => `SOP asistensi sessions of the kabupaten/kota that made ${government} their asistensi partner`,
      ofGovernment: (summary, government) => `${summary} (${government})`,
    },
    batchDay: {
      summary: (batch) => `SOP workshop - ${batch}`,
      summaryOfDays: (batch, day, days) => `SOP workshop - ${batch} (day ${day}/${days})`,
      workshop: (programme) => `Workshop on drafting SOPs (PermenPAN-RB No. 35/2012), ${programme}.`,
      day: (batch, day, days, when) => `${batch}, day ${day} of ${days}: ${when}.`,
      participants: (unit, people) => `Participants from ${unit}: ${people.join(', ')}.`,
    },
    deadlines: {
      draftSummary: (programme) => `Draft SOP deadline - ${programme}`,
      draft: (organisation, date) => `Work units hand their draft SOPs to ${organisation} by ${date}.`,
      finalSummary: (programme) => `Final draft SOP deadline - ${programme}`,
      final: (date) => `Final draft SOPs are handed in by ${date}, to be enacted by regional regulation (Mayor's/Regent's Regulation).`,
    },
    booking: {
      summary: (unit) => `SOP asistensi - ${unit}`,
      session: (unit, organisation, programme) => `Asistensi of ${unit}'s draft SOPs with ${organisation}, ${programme}.`,
      when: (when) => `${when}.`,
      topic: (topic) => `Topic: ${topic}`,
      cancelled: 'Cancelled.',
      displaced: (organisation, reason) => `Cancelled: the day was closed${reason ? ` (${reason})` : ''}; ${organisation} reschedules the work unit.`,
    },
    walkIn: {
      summary: (unit) => `SOP asistensi (walk-in) - ${unit}`,
      session: (unit, organisation, programme) => `Asistensi of ${unit}'s draft SOPs at the office of ${organisation}, ${programme}.`,
    },
  },
});
