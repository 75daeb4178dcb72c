/**
 * The label filter of the technician's job list, one rule for both sources: "cafe" finds "Café",
 * "CAFÉ" and "café". Folded in JavaScript (PGlite has no `unaccent` extension), into a
 * stored column for the index and on the fly for the live listing, so PGlite, PostgreSQL and the
 * live list agree by construction; SQL only compares folded text with LIKE. Pure.
 */

/**
 * Lowercase, compatibility-decomposed, without combining marks: "Ĉafé ﬁx" → "cafe fix". Control
 * characters become spaces, so the separator between a job's fields can never be matched.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\p{Cc}/gu, ' ');
}

/** Between a job's fields in the stored column: a control character, which {@link fold} never leaves. */
const SEPARATOR = '\u001f';

/** What the filter searches, as the job index stores it: label, work order number and customer, folded. */
export function searchText(job: {
  label: string | null;
  workOrderNumber: string | null;
  customerName: string | null;
}): string {
  return [job.label, job.workOrderNumber, job.customerName].map((field) => fold(field ?? '')).join(SEPARATOR);
}

/** The typed filter as both sources compare it: trimmed and folded ('' = no filter). */
export const foldQuery = (query: string): string => fold(query.trim()).trim();

/** The live listing's test: the folded filter inside one of the fields. */
export const matchesQuery = (job: Parameters<typeof searchText>[0], folded: string): boolean =>
  !folded ||
  searchText(job)
    .split(SEPARATOR)
    .some((field) => field.includes(folded));

/** `%folded%` for `LIKE … ESCAPE '\'`: the filter's own `%`, `_` and `\` match themselves. */
export const likePattern = (folded: string): string => `%${folded.replace(/[\\%_]/g, '\\$&')}%`;
