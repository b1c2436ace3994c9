/**
 * Dates as the reader's language writes them. Calendar dates (a deadline's "2021-06-30") are read
 * as UTC days, so no time zone moves them; instants (when a revision was replaced) are shown in
 * the reader's own zone.
 */
export function formatDay(isoDate: string, locale: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(day);
}

export function formatInstant(iso: string, locale: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(instant);
}
