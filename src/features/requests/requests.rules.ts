export const REQUEST_STATUSES = ['open', 'scheduled', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
