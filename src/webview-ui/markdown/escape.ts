/** `text` as HTML text or an attribute's value: the characters that could start markup or end a value escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
