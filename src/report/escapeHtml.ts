/**
 * Escapes text for HTML element content and quoted attribute values. Every string that
 * came from an input file (titles, labels, terms, corpus name, parameter values) is
 * untrusted: a title such as `<img src=x onerror=...>` must show up as text in the report,
 * never run. `'` is escaped too so single-quoted attributes are equally safe.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
