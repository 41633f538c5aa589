/**
 * Libraries that take a third of a second or more to load (measured here: exceljs 0.76 s,
 * date-holidays 0.33 s, pdfkit 0.29 s; prom-client 0.09 s), loaded the first time they are needed:
 * most processes (a script, a test file, a server nobody has asked for a printout yet, a server
 * without METRICS_TOKEN) never need them.
 */
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';
import type Holidays from 'date-holidays';
import type * as PromClient from 'prom-client';
import { once } from './memo';


export const exceljs = once(() => require('exceljs') as typeof ExcelJS);
export const pdfkit = once(() => require('pdfkit') as typeof PDFDocument);
export const dateHolidays = once(() => require('date-holidays') as typeof Holidays);
export const promClient = once(() => require('prom-client') as typeof PromClient);

/** A parsed font, as pdfkit takes it in place of a file (fontkit ships no type declarations). */
export interface ParsedFont {
  layout: (...args: never[]) => unknown;
}
export const fontkit = once(() => require('fontkit') as { create(bytes: Uint8Array): ParsedFont });
