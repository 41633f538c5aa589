/** The public addresses of the calendar feeds, under PUBLIC_BASE_URL. */
export function calendarUrls(baseUrl: string) {
  return {
    programmeFeed: (p: { id: number; publicCalendar: boolean }) => (p.publicCalendar ? `${baseUrl}/calendars/programmes/${p.id}.ics` : null),
    batchFeed: (batchId: number) => `${baseUrl}/calendars/batches/${batchId}.ics`,
    unitFeed: (token: string) => `${baseUrl}/calendars/units/${token}.ics`,
    partnerFeed: (token: string) => `${baseUrl}/calendars/partner/${token}.ics`,
  };
}
