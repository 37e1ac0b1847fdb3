/** Public surface of the report stage: the page renderer and the pieces it is built from. */
export { themeColors } from './colors.js';
export { escapeHtml } from './escapeHtml.js';
export {
  jsonForScript,
  readBrowserBuild,
  scriptSafe,
  stripSourceMapComment,
  type BrowserBuild,
} from './inlineScript.js';
export { CANVAS_THRESHOLD, mapRenderer, renderReport } from './renderReport.js';
export { TOP_TERMS_SHOWN, themeMapSpec, themeNames, themeSizesSpec, topTermsSpec } from './specs.js';
