/**
 * Escapes text for HTML element content and quoted attribute values. Every string that
 * came from an input file (titles, labels, terms, corpus name, parameter values) is
 * untrusted: a title such as `<img src=x onerror=...>` must show up as text in the report,
 * never run. `'` is escaped too so single-quoted attributes are equally safe. Control
 * characters and bidi overrides/isolates are removed in the same pass (ingest removes them
 * too; labels pinned in a nightly config never pass ingest), so no label can display
 * reversed or reorder the text around it.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => ENTITIES[ch] ?? '');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
