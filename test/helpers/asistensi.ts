import type { TestApp } from './app';

/** A programme in Asia/Makassar with the seed's asistensi period (21 Oct 2013, ten days, two slots). */
export async function seedPeriod(t: TestApp, fields: Record<string, unknown> = {}) {
  const programme = await t.make.programme();
  const res = await t.organiser.post(`/programmes/${programme.id}/asistensi-periods`, { name: 'Asistensi SOP 2013', startDate: '2013-10-21', ...fields });
  if (res.status !== 201) throw new Error(`period: ${JSON.stringify(res.body)}`);
  const slots = (await t.organiser.get(`/asistensi-periods/${res.body.id}/slots`)).body as { id: number; date: string; start: string }[];
  const slot = (date: string, start = '09:00') => slots.find((s) => s.date === date && s.start === start)!;
  return { programme, period: res.body as { id: number; workingDates: string[] }, slots, slot };
}
