/**
 * Colleagues' names for the logins the records keep: every page says "Held by Sam Senior", not "held by senior".
 * Filled from `/api/me` (see {@link loadMe}); a login that is nobody's (the assistant, the system) reads as written.
 */
export interface Person {
  username: string;
  displayName: string;
}

const names = new Map<string, string>();

export function learnPeople(people: Person[] | undefined): void {
  names.clear();
  (people ?? []).forEach(p => names.set(p.username, p.displayName || p.username));
}

export function nameOf(login: string): string;
export function nameOf(login: string | null | undefined): string | null;
export function nameOf(login: string | null | undefined): string | null {
  if (login === null || login === undefined) return null;
  return names.get(login) ?? login;
}
