/** Cuts a text to a byte limit (UTF-8) without splitting a character, marking the cut with "…". */
export function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  const room = maxBytes - Buffer.byteLength("…", "utf8");
  let end = text.length;
  while (end > 0 && Buffer.byteLength(text.slice(0, end), "utf8") > room) end = Math.floor(end * 0.9);
  while (end < text.length && Buffer.byteLength(text.slice(0, end + 1), "utf8") <= room) end += 1;
  // never end on the first half of a surrogate pair
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}
