import type { PageContext } from '../../web/context';
import { paginationText } from './pagination.text';

/** Lists of the console a page at a time: 25 rows a page, the page in the address (`halaman`). */
export const LIST_PAGE_SIZE = 25;

/** The page's parameter in a list's address (page 1 leaves it out). */
export const PAGE_PARAM = 'halaman';

/** A list's filters as its address gives them: blank and undefined values are left out of links. */
export type ListQuery = Readonly<Record<string, string | number | undefined>>;

/** The rows of page `page` (from 1): what to ask the repository for. */
export const pageSlice = (page: number, pageSize = LIST_PAGE_SIZE) => ({ limit: pageSize, offset: (Math.max(1, page) - 1) * pageSize });

/** How many pages `total` rows make (at least one, so an empty list is "page 1 of 1"). */
export const pageCount = (total: number, pageSize = LIST_PAGE_SIZE) => Math.max(1, Math.ceil(total / pageSize));

/**
 * The list's address for page `page` with the same filters, in their order: blank filters and
 * the flash (`ok`) left out, page 1 without a page parameter.
 */
export function pageAddress(base: string, query: ListQuery, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === PAGE_PARAM || key === 'ok' || value === undefined || value === '') continue;
    params.append(key, String(value));
  }
  if (page > 1) params.append(PAGE_PARAM, String(page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** What the page shows of a list: this page, how many there are, and which rows (from 1) out of the total. */
export interface PageOf {
  page: number;
  pages: number;
  total: number;
  first: number;
  last: number;
}

/** Where page `page` stands in a list of `total` rows shown `shown` at a time. */
export function pageOf(page: number, total: number, shown: number, pageSize = LIST_PAGE_SIZE): PageOf {
  const first = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  return { page, pages: pageCount(total, pageSize), total, first, last: shown === 0 ? 0 : first + shown - 1 };
}

/**
 * The links under a long list: "previous", "page n of m", "next", each keeping the list's
 * filters (GOV.UK's pagination). A page past the last offers the last page. Nothing when the
 * list fits one page.
 */
export function Pagination({ ctx, base, query, at }: { ctx: PageContext; base: string; query: ListQuery; at: PageOf }) {
  const t = paginationText[ctx.lang];
  const { page, pages, total, first, last } = at;
  if (pages <= 1 && page <= 1) return null;
  const previous = page > 1 ? Math.min(page - 1, pages) : undefined;
  const next = page < pages ? page + 1 : undefined;
  return (
    <nav class="pagination" aria-label={t.label}>
      {first > 0 && <p class="pagination__showing">{t.showing(first, last, total)}</p>}
      <ul class="pagination__list">
        {previous !== undefined && (
          <li class="pagination__previous">
            <a href={pageAddress(base, query, previous)} rel="prev" aria-label={t.previousLabel(previous)}>
              ‹ {t.previous}
            </a>
          </li>
        )}
        <li class="pagination__current" aria-current="page">
          {t.pageOf(page, pages)}
        </li>
        {next !== undefined && (
          <li class="pagination__next">
            <a href={pageAddress(base, query, next)} rel="next" aria-label={t.nextLabel(next)}>
              {t.next} ›
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
