import { bilingual } from '../../platform/text';

/** The links under a long list: previous, next, and where this page stands. */
export const paginationText = bilingual({
  id: {
    label: 'Halaman',
    previous: 'Sebelumnya',
    previousLabel: (page: number) => `Halaman sebelumnya (${page})`,
    next: 'Berikutnya',
    nextLabel: (page: number) => `Halaman berikutnya (${page})`,
    pageOf: (page: number, pages: number) => `Halaman ${page} dari ${pages}`,
    showing: (first: number, last: number, total: number) => `Menampilkan ${first}–${last} dari ${total}`,
  },
  en: {
    label: 'Pages',
    previous: 'Previous',
    previousLabel: (page) => `Previous page (${page})`,
    next: 'Next',
    nextLabel: (page) => `Next page (${page})`,
    pageOf: (page, pages) => `Page ${page} of ${pages}`,
    showing: (first, last, total) => `Showing ${first}–${last} of ${total}`,
  },
});
