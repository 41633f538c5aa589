import { DateTime } from 'luxon';
import type { UnitKind } from '../src/features/units/units.rules';

/** Work units of Pemko Banjarmasin in 2013 (a representative selection). */
export const DEMO_UNITS: { code: string; name: string; kind: UnitKind }[] = [
  { code: 'DISDIK', name: 'Dinas Pendidikan', kind: 'dinas' },
  { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas' },
  { code: 'DPU', name: 'Dinas Pekerjaan Umum', kind: 'dinas' },
  { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas' },
  { code: 'DISDUKCAPIL', name: 'Dinas Kependudukan dan Catatan Sipil', kind: 'dinas' },
  { code: 'DINSOSNAKER', name: 'Dinas Sosial dan Tenaga Kerja', kind: 'dinas' },
  { code: 'DISPERINDAG', name: 'Dinas Perindustrian dan Perdagangan', kind: 'dinas' },
  { code: 'DISKOPUMKM', name: 'Dinas Koperasi dan UMKM', kind: 'dinas' },
  { code: 'DISTAN', name: 'Dinas Pertanian, Perikanan dan Kehutanan', kind: 'dinas' },
  { code: 'DISBUDPAR', name: 'Dinas Kebudayaan dan Pariwisata', kind: 'dinas' },
  { code: 'DISPORA', name: 'Dinas Pemuda dan Olahraga', kind: 'dinas' },
  { code: 'DKP', name: 'Dinas Kebersihan dan Pertamanan', kind: 'dinas' },
  { code: 'DISTAKO', name: 'Dinas Tata Kota', kind: 'dinas' },
  { code: 'DISKOMINFO', name: 'Dinas Komunikasi dan Informatika', kind: 'dinas' },
  { code: 'DISPENDA', name: 'Dinas Pendapatan Daerah', kind: 'dinas' },
  { code: 'DPK', name: 'Dinas Pemadam Kebakaran dan Penanggulangan Bencana', kind: 'dinas' },
  { code: 'SATPOLPP', name: 'Satuan Polisi Pamong Praja', kind: 'satpol_pp' },
  { code: 'BAPPEDA', name: 'Badan Perencanaan Pembangunan Daerah', kind: 'badan' },
  { code: 'BKD', name: 'Badan Kepegawaian Daerah', kind: 'badan' },
  { code: 'BLH', name: 'Badan Lingkungan Hidup', kind: 'badan' },
  { code: 'KESBANGPOL', name: 'Badan Kesatuan Bangsa dan Politik', kind: 'badan' },
  { code: 'BPPKB', name: 'Badan Pemberdayaan Perempuan dan Keluarga Berencana', kind: 'badan' },
  { code: 'BPPT', name: 'Badan Pelayanan Perizinan Terpadu', kind: 'badan' },
  { code: 'KANPERPUS', name: 'Kantor Perpustakaan Daerah', kind: 'kantor' },
  { code: 'KANARSIP', name: 'Kantor Arsip Daerah', kind: 'kantor' },
  { code: 'KANKETPANG', name: 'Kantor Ketahanan Pangan', kind: 'kantor' },
  { code: 'INSPEKTORAT', name: 'Inspektorat Kota Banjarmasin', kind: 'inspektorat' },
  { code: 'SETDA', name: 'Sekretariat Daerah', kind: 'sekretariat' },
  { code: 'SETWAN', name: 'Sekretariat DPRD', kind: 'sekretariat' },
  { code: 'BAG-HUKUM', name: 'Bagian Hukum Setda', kind: 'bagian' },
  { code: 'RSUD-SS', name: 'RSUD Sultan Suriansyah', kind: 'rsud' },
  { code: 'KEC-BB', name: 'Kecamatan Banjarmasin Barat', kind: 'kecamatan' },
  { code: 'KEC-BS', name: 'Kecamatan Banjarmasin Selatan', kind: 'kecamatan' },
  { code: 'KEC-BT', name: 'Kecamatan Banjarmasin Tengah', kind: 'kecamatan' },
  { code: 'KEC-BTM', name: 'Kecamatan Banjarmasin Timur', kind: 'kecamatan' },
  { code: 'KEC-BU', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' },
  { code: 'KEL-KERTAKBARU', name: 'Kelurahan Kertak Baru Ilir', kind: 'kelurahan' },
  { code: 'KEL-TELUKDALAM', name: 'Kelurahan Teluk Dalam', kind: 'kelurahan' },
  { code: 'KEL-SUNGAIMIAI', name: 'Kelurahan Sungai Miai', kind: 'kelurahan' },
  { code: 'KEL-KELAYAN', name: 'Kelurahan Kelayan Selatan', kind: 'kelurahan' },
  { code: 'KEL-KURIN', name: 'Kelurahan Kuripan', kind: 'kelurahan' },
];

const FIRST_NAMES = [
  'Ahmad', 'Muhammad', 'Rahmadi', 'Syahrani', 'Akhmad', 'Gusti', 'Fitriani', 'Mahyuni', 'Taufik', 'Zainal',
  'Hairani', 'Yuliani', 'Norhayati', 'Rahmah', 'Hamdan', 'Saberi', 'Irwan', 'Jumiati', 'Khairil', 'Lisda',
  'Murjani', 'Noorhasanah', 'Rusmini', 'Fahrurrazi', 'Husnul', 'Ichwan', 'Junaidi', 'Mariani', 'Nurul', 'Rosmiati',
  'Sarbaini', 'Wahyudi', 'Yusran', 'Zulkifli', 'Aulia', 'Bahrudin', 'Dewi', 'Erlina', 'Faisal', 'Hendra',
];
const LAST_NAMES = [
  'Arsyad', 'Hidayat', 'Rahman', 'Anshari', 'Fadillah', 'Noor', 'Effendi', 'Yusuf', 'Hasan', 'Mahmud',
  'Rasyid', 'Ismail', 'Saleh', 'Hakim', 'Gazali', 'Maulana', 'Ramadhan', 'Syarifuddin', 'Badrun', 'Mursyid',
];
const POSITIONS = [
  'Sekretaris',
  'Kepala Bidang Program',
  'Kepala Bidang Pelayanan',
  'Kepala Sub Bagian Umum dan Kepegawaian',
  'Kepala Sub Bagian Keuangan',
  'Kepala Seksi Perencanaan',
  'Kepala Seksi Evaluasi dan Pelaporan',
];

export interface DemoParticipant {
  nip: string;
  name: string;
  position: string;
  unitCode: string;
  email: string;
}

/**
 * About 250 officials, deterministic (same NIPs every run, so seeding twice finds them):
 * six or seven per unit, with real-looking names and NIPs.
 */
export function demoParticipants(total = 250): DemoParticipant[] {
  const list: DemoParticipant[] = [];
  DEMO_UNITS.forEach((unit, u) => {
    const count = Math.floor(total / DEMO_UNITS.length) + (u < total % DEMO_UNITS.length ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const n = list.length;
      const first = FIRST_NAMES[(n * 7 + u) % FIRST_NAMES.length]!;
      const last = LAST_NAMES[(n * 3 + i) % LAST_NAMES.length]!;
      const birth = DateTime.fromISO('1962-01-05', { zone: 'UTC' }).plus({ days: n * 83 });
      const appointment = birth.plus({ years: 24 + (n % 5), months: n % 12 });
      const sex = n % 3 === 0 ? 2 : 1;
      list.push({
        nip: `${birth.toFormat('yyyyMMdd')}${appointment.toFormat('yyyyMM')}${sex}${String(1 + (n % 999)).padStart(3, '0')}`,
        name: `${first} ${last}`,
        position: unit.kind === 'kelurahan' && i === 0 ? 'Lurah' : unit.kind === 'kecamatan' && i === 0 ? 'Camat' : POSITIONS[i % POSITIONS.length]!,
        unitCode: unit.code,
        email: `${first.toLowerCase()}.${last.toLowerCase()}${n}@banjarmasinkota.go.id`,
      });
    }
  });
  return list;
}

export const DEMO_PROGRAMME = {
  name: 'Penyusunan SOP 2013',
  timezone: 'Asia/Makassar',
  draftDeadline: '2013-10-18',
  finalDeadline: '2013-11-29',
  organiserEmail: 'organisasi@banjarmasinkota.go.id',
};

const VENUE = 'Aula Kayuh Baimbai, Balai Kota Banjarmasin';
const day = (date: string) => ({ date, start: '08:00', end: '16:00' });

/** Five two-day batches in October 2013; the first is for the dinas and Satpol PP. */
export const DEMO_BATCHES = [
  { name: 'Angkatan I', days: [day('2013-10-01'), day('2013-10-02')], eligibleUnitKinds: ['dinas', 'satpol_pp'] as UnitKind[] },
  { name: 'Angkatan II', days: [day('2013-10-03'), day('2013-10-04')] },
  { name: 'Angkatan III', days: [day('2013-10-07'), day('2013-10-08')] },
  { name: 'Angkatan IV', days: [day('2013-10-09'), day('2013-10-10')] },
  { name: 'Angkatan V', days: [day('2013-10-16'), day('2013-10-17')] },
].map((b) => ({ capacity: 50, unitQuota: 3, venue: VENUE, ...b }));

/** The asistensi period of the seed: from 21 October 2013, ten working days, two slots a day. */
export const DEMO_PERIOD = {
  name: 'Asistensi Penyusunan SOP 2013',
  startDate: '2013-10-21',
  location: 'Ruang Rapat Bagian Organisasi Setda Kota Banjarmasin, bersama Biro Organisasi Setda Provinsi Kalimantan Selatan',
  bookingOpensAt: '2013-10-07T08:00:00+08:00',
  priorityUntil: '2013-10-14T00:00:00+08:00',
  bookingClosesAt: '2013-10-18T16:00:00+08:00',
  priorityCutoff: '2013-10-11T16:00:00+08:00',
};

/** Units that sent a draft SOP before the asistensi (codes, with when it arrived). */
export const DEMO_DRAFTS: { unitCode: string; sopCount: number; receivedAt: string }[] = [
  { unitCode: 'DISDUKCAPIL', sopCount: 14, receivedAt: '2013-09-23T10:15:00+08:00' },
  { unitCode: 'DISHUB', sopCount: 9, receivedAt: '2013-09-24T09:00:00+08:00' },
  { unitCode: 'BPPT', sopCount: 21, receivedAt: '2013-09-26T14:30:00+08:00' },
  { unitCode: 'DINKES', sopCount: 17, receivedAt: '2013-09-27T08:45:00+08:00' },
  { unitCode: 'DISPENDA', sopCount: 11, receivedAt: '2013-09-30T11:00:00+08:00' },
  { unitCode: 'SATPOLPP', sopCount: 6, receivedAt: '2013-10-01T13:20:00+08:00' },
  { unitCode: 'BKD', sopCount: 12, receivedAt: '2013-10-02T09:30:00+08:00' },
  { unitCode: 'DISDIK', sopCount: 19, receivedAt: '2013-10-03T15:00:00+08:00' },
  { unitCode: 'INSPEKTORAT', sopCount: 8, receivedAt: '2013-10-04T10:00:00+08:00' },
  { unitCode: 'KEC-BT', sopCount: 7, receivedAt: '2013-10-08T09:10:00+08:00' },
  { unitCode: 'DPU', sopCount: 10, receivedAt: '2013-10-09T16:00:00+08:00' },
  { unitCode: 'RSUD-SS', sopCount: 25, receivedAt: '2013-10-10T08:30:00+08:00' },
  { unitCode: 'BAPPEDA', sopCount: 9, receivedAt: '2013-10-15T10:00:00+08:00' },
];

/** Units without a booking that asked to be scheduled, and one that walked in. */
export const DEMO_REQUESTS: { unitCode: string; preferredDates: string[] }[] = [
  { unitCode: 'BAPPEDA', preferredDates: ['2013-10-29'] },
  { unitCode: 'DISBUDPAR', preferredDates: ['2013-10-30', '2013-10-31'] },
  { unitCode: 'KEC-BU', preferredDates: [] },
  { unitCode: 'KANARSIP', preferredDates: ['2013-11-01'] },
];
export const DEMO_WALK_IN = { unitCode: 'KEL-TELUKDALAM', date: '2013-10-24', notes: 'Datang langsung ke Bagian Organisasi tanpa draft' };
