/**
 * The one date parser of seglint: inventory dates, `--today`, and the `today` of rule test
 * files all go through `dateProblem`, so that they accept the same days and refuse the others
 * with the same words.
 *
 * A date is `YYYY-MM-DD`, a real day of the (proleptic Gregorian) calendar, from 1900-01-01 to
 * 9999-12-31. Nothing this inventory records (equipment, audits, purchases, waivers) predates
 * 1900, so an earlier year is a typing error (`0202-05-01` for `2020-05-01`), not history.
 */

/** The first day seglint accepts. */
export const FIRST_DATE = '1900-01-01';
/** The last day seglint accepts (the last one four digits can write). */
export const LAST_DATE = '9999-12-31';

/** What every date message ends with. */
export const DATE_EXPECTED = `expected a real date YYYY-MM-DD, ${FIRST_DATE} or later`;

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Why `value` is not an acceptable date, as the words that follow the quoted value in a
 * message (`which is not a day of the calendar; expected ...`), or undefined when it is one.
 */
export function dateProblem(value: string): string | undefined {
  const m = SHAPE.exec(value);
  if (!m) return `which is not a date; ${DATE_EXPECTED}`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return `which is not a day of the calendar; ${DATE_EXPECTED}`;
  if (value < FIRST_DATE) return `which is before ${FIRST_DATE}; ${DATE_EXPECTED}`;
  return undefined;
}

/** Whether `value` is an acceptable date. */
export function isDate(value: string): boolean {
  return dateProblem(value) === undefined;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Today's date in UTC, YYYY-MM-DD: the default `today` of a run. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Today's date in the earliest time zone (UTC+14), YYYY-MM-DD: the latest day that has begun
 * somewhere on Earth. Past-only dates are checked against it when no `today` is given, so that
 * a date written in local time east of Greenwich is never "in the future".
 */
export function todayAnywhere(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3600 * 1000).toISOString().slice(0, 10);
}
