import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { removeBidiControls } from '../text/sanitizeText.js';

/** The browser bundles the report inlines, so it works from file:// with no network. */
export type BrowserBuild = 'vega' | 'vega-lite' | 'vega-embed';

/**
 * Reads the installed package's minified UMD browser build (`build/<pkg>.min.js`) and
 * prepares it for an inline `<script>`. This is the one place in the report code that
 * touches the file system.
 *
 * The path is found from the package entry rather than with
 * `require.resolve('vega/build/vega.min.js')`, because the packages' `exports` maps do not
 * expose their build folder.
 */
export function readBrowserBuild(pkg: BrowserBuild): string {
  const root = packageRoot(pkg);
  const source = readFileSync(join(root, 'build', `${pkg}.min.js`), 'utf8');
  return scriptSafe(stripSourceMapComment(source));
}

/** Walks up from the resolved entry to the folder whose package.json names `pkg`. */
function packageRoot(pkg: string): string {
  const entry = createRequire(import.meta.url).resolve(pkg);
  let dir = dirname(entry);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === pkg) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`readBrowserBuild: no package root found for ${pkg}`);
    dir = parent;
  }
}

/**
 * Drops a trailing `//# sourceMappingURL=...` line: the .map file is not shipped with the
 * report, and browsers would try (and fail) to fetch it when dev tools are open.
 */
export function stripSourceMapComment(source: string): string {
  return source.replace(/\s*\/\/[#@]\s*sourceMappingURL=[^\r\n]*\s*$/, '\n');
}

/**
 * Makes JavaScript source safe inside `<script>...</script>`: the HTML parser ends the
 * element at the first `</script` whatever the JS context, so it is rewritten as
 * `<\/script`, which means the same thing inside JS strings, templates and regexes.
 */
export function scriptSafe(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

/**
 * JSON for a `<script type="application/json">` block. `<`, `>` and `&` become unicode
 * escapes so no data value can close the element or open a comment; U+2028/U+2029 are
 * escaped because older JS engines treat them as line terminators. The text is still
 * plain JSON: `JSON.parse(block.textContent)` returns the original value, less any bidi
 * override or isolate (they cannot occur outside strings in JSON, so removing them is safe),
 * so no title in the data can reorder the page where the script shows it.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('jsonForScript: value is not JSON-serialisable');
  return removeBidiControls(json)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
