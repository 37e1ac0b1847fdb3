import { escapeHtml } from './escapeHtml.js';

/**
 * The opening of every page we write, up to `<body>`: UTF-8, a viewport for narrow
 * windows, a Content-Security-Policy (what the page may load: our pages load nothing), the
 * escaped title and the inline style sheet.
 */
export function pageHead(page: { title: string; csp: string; style: string }): string[] {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(page.csp)}">`,
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${page.style}</style>`,
    '</head>',
    '<body>',
  ];
}
