/**
 * A textarea that only wraps a one-line value for reading (the server takes one line: a word list, an agent's reason).
 * A line break pasted in becomes `separator`, keeping the caret where the typing was; returns the one line.
 */
export function joinLines(e: Event, separator: string): string {
  const area = e.target as HTMLTextAreaElement;
  const raw = area.value;
  const line = raw.replace(/\s*[\r\n]+\s*/g, separator);
  if (line !== raw) {
    const caret = line.length - (raw.length - (area.selectionEnd ?? raw.length));
    area.value = line;
    area.setSelectionRange(caret, caret);
  }
  return line;
}

/** Enter adds no line break to such a textarea (except while an input method composes). */
export function keepOneLine(e: KeyboardEvent) {
  if (!e.isComposing) e.preventDefault();
}
