// How the pages write moments and counts, the same on the server and in the browser.

/** A moment as the admin screen shows it, the same on the server and in the browser: `2025-01-31 14:05 UTC`. */
export function formatUtc(moment: Date | string | null | undefined): string {
  if (!moment) return '—';
  const iso = (typeof moment === 'string' ? new Date(moment) : moment).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "1 row", "2 rows": a count with its noun. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? singular : pluralForm}`;
}
