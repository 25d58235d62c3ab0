// How the designer writes versions (times: dateTime of ../lib/time, as on every page).

export const v = (version: number) => `v${version}`;

/**
 * A change as the server writes it ("name: Handle case -> Handle case (agent)") with the arrow the app writes
 * everywhere else; a line with more than one " -> " (one inside a value) is left as it is, so no value is misread.
 */
export function changeText(change: string): string {
  const parts = change.split(' -> ');
  return parts.length === 2 ? parts[0] + ' → ' + parts[1] : change;
}
