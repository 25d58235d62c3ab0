// How every page writes a point in time: in the browser's own time zone and in one style, "3 Dec 2026, 22:23" (a
// time of today may be just "22:23"). Relative phrases ("waiting 5 min") stay with the pages that say them.

const LOCALE = 'en-GB';
const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
};
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

type Moment = string | number | Date | null | undefined;

function parse(value: Moment): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 Dec 2026, 22:23" in the browser's time zone; '' for no time, the text itself when it is not a time. */
export function dateTime(value: Moment): string {
  const date = parse(value);
  return date ? date.toLocaleString(LOCALE, DATE_TIME) : value == null ? '' : String(value);
}

/** "22:23": the time of day in the browser's time zone. */
export function clock(value: Moment): string {
  const date = parse(value);
  return date ? date.toLocaleTimeString(LOCALE, CLOCK) : value == null ? '' : String(value);
}

/** "22:23" for a time of today (in the browser's time zone), else "3 Dec 2026, 22:23": for lists that show recent times. */
export function shortDateTime(value: Moment, now: number = Date.now()): string {
  const date = parse(value);
  if (!date) return value == null ? '' : String(value);
  return date.toDateString() === new Date(now).toDateString() ? clock(date) : dateTime(date);
}

/** The browser's time zone ("Europe/Berlin"), for a page that has to say in which zone its days and times are. */
export function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

/**
 * The browser's time zone with its offset from UTC at `at` ("Europe/Berlin (UTC+1)", "Asia/Kolkata (UTC+5:30)"): what
 * a page that lists times for the record (the audit trace) says once, since its reader may compare them with a paper.
 */
export function zoneLabel(at: number = Date.now()): string {
  const minutes = -new Date(at).getTimezoneOffset();
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  const offset = 'UTC' + (minutes < 0 ? '−' : '+') + hours + (rest ? ':' + pad(rest) : '');
  const zone = timeZone();
  return zone === 'UTC' || zone === 'Etc/UTC' ? 'UTC' : zone + ' (' + offset + ')';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The day (YYYY-MM-DD, as a date input holds it) in the browser's time zone, `offset` days from `at`. */
export function localDay(offset = 0, at: number = Date.now()): string {
  const date = new Date(at);
  date.setDate(date.getDate() + offset);
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
}

/** The instant a day (YYYY-MM-DD) starts in the browser's time zone, `offset` days later; an ISO instant ("…Z"). */
export function startOfLocalDay(day: string, offset = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + offset).toISOString();
}
