import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clock, dateTime, localDay, shortDateTime, startOfLocalDay, timeZone, zoneLabel } from './time';

// Every page writes times in the browser's zone: the tests pin one that is not UTC.
let zoneBefore: string | undefined;
beforeEach(() => { zoneBefore = process.env.TZ; process.env.TZ = 'Europe/Berlin'; });
afterEach(() => { process.env.TZ = zoneBefore; });

describe('times as every page writes them', () => {
  it('says a moment in the browser\'s time zone, in one style', () => {
    expect(dateTime('2026-12-03T22:23:19Z')).toBe('3 Dec 2026, 23:23');
    expect(dateTime('2026-12-31T23:30:00Z')).toBe('1 Jan 2027, 00:30');
    expect(clock('2026-12-03T22:23:19Z')).toBe('23:23');
    expect(timeZone()).toBe('Europe/Berlin');
  });

  it('keeps a time of today short and says the date of any other day', () => {
    const now = Date.parse('2026-12-03T20:00:00Z');
    expect(shortDateTime('2026-12-03T22:23:00Z', now)).toBe('23:23');
    // Still the 3rd in UTC, already the 4th in Berlin.
    expect(shortDateTime('2026-12-03T23:30:00Z', now)).toBe('4 Dec 2026, 00:30');
    expect(shortDateTime('2026-12-01T22:23:00Z', now)).toBe('1 Dec 2026, 23:23');
  });

  it('says nothing for no time and leaves a text that is no time as it is', () => {
    expect(dateTime(null)).toBe('');
    expect(shortDateTime(undefined)).toBe('');
    expect(dateTime('soon')).toBe('soon');
  });

  it('counts days in the browser\'s time zone', () => {
    expect(localDay(0, Date.parse('2026-12-03T23:30:00Z'))).toBe('2026-12-04');
    expect(localDay(-30, Date.parse('2026-12-03T12:00:00Z'))).toBe('2026-11-03');
    expect(startOfLocalDay('2026-12-01')).toBe('2026-11-30T23:00:00.000Z');
    expect(startOfLocalDay('2026-12-31', 1)).toBe('2026-12-31T23:00:00.000Z');
  });

  it('names the zone with its offset from UTC on the day asked, in summer and in winter', () => {
    expect(zoneLabel(Date.parse('2026-12-03T12:00:00Z'))).toBe('Europe/Berlin (UTC+1)');
    expect(zoneLabel(Date.parse('2026-07-03T12:00:00Z'))).toBe('Europe/Berlin (UTC+2)');
    process.env.TZ = 'Asia/Kolkata';
    expect(zoneLabel(Date.parse('2026-12-03T12:00:00Z'))).toMatch(/^Asia\/(Kolkata|Calcutta) \(UTC\+5:30\)$/);
    process.env.TZ = 'America/New_York';
    expect(zoneLabel(Date.parse('2026-12-03T12:00:00Z'))).toBe('America/New_York (UTC−5)');
  });
});
