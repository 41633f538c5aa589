/**
 * The list helpers of the shared pagination, for routes that import them from here. They live in
 * pagination.view.tsx so views may use them too (a view imports only views and words): import
 * from there in new code.
 */
export { LIST_PAGE_SIZE, PAGE_PARAM, pageAddress, pageCount, pageOf, pageSlice, type ListQuery, type PageOf } from './pagination.view';
