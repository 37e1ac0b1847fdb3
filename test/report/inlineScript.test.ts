import { version as vegaVersion } from 'vega';
import { describe, expect, it } from 'vitest';
import {
  jsonForScript,
  readBrowserBuild,
  scriptSafe,
  stripSourceMapComment,
} from '../../src/report/inlineScript.js';

describe('readBrowserBuild', () => {
  it.each([
    ['vega', 'vega'],
    ['vega-lite', 'vegaLite'],
    ['vega-embed', 'vegaEmbed'],
  ] as const)('reads the UMD browser build of %s, which defines the %s global', (pkg, global) => {
    const source = readBrowserBuild(pkg);
    expect(source.length).toBeGreaterThan(10_000);
    expect(source).toContain(`.${global}=`);
  });

  it('reads the build of the installed version, the one the Node side compiles against', () => {
    expect(readBrowserBuild('vega')).toContain(`.version="${vegaVersion}"`);
  });

  it('strips the trailing source-map comment', () => {
    for (const pkg of ['vega', 'vega-lite', 'vega-embed'] as const) {
      expect(readBrowserBuild(pkg)).not.toMatch(/sourceMappingURL/);
    }
  });

  it('never contains a closing script tag', () => {
    for (const pkg of ['vega', 'vega-lite', 'vega-embed'] as const) {
      expect(readBrowserBuild(pkg)).not.toMatch(/<\/script/i);
    }
  });
});

describe('stripSourceMapComment', () => {
  it('removes only a trailing sourceMappingURL line', () => {
    expect(stripSourceMapComment('a();\n//# sourceMappingURL=a.min.js.map\n')).toBe('a();\n');
    expect(stripSourceMapComment('a();\n//@ sourceMappingURL=a.js.map')).toBe('a();\n');
  });

  it('keeps a sourceMappingURL mention that is not the trailing comment', () => {
    const source = 'var s = "//# sourceMappingURL=x";\nb();\n';
    expect(stripSourceMapComment(source)).toBe(source);
  });
});

describe('scriptSafe', () => {
  it('rewrites closing script tags case-insensitively and keeps their case', () => {
    expect(scriptSafe('s="</script>";t="</SCRIPT >";u="</ScRiPt"')).toBe(
      's="<\\/script>";t="<\\/SCRIPT >";u="<\\/ScRiPt"',
    );
  });

  it('keeps the JavaScript meaning of the rewritten string', () => {
    const safe = scriptSafe('return "</script>";');
    expect(new Function(safe)()).toBe('</script>');
  });
});

describe('jsonForScript', () => {
  const hostile = {
    title: '</script><script>alert(1)</script>',
    comment: '<!-- a & b -->',
    separators: 'line\u2028para\u2029end',
  };

  it('escapes <, >, & and U+2028/U+2029 as unicode escapes', () => {
    const json = jsonForScript(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(json).toContain('\\u0026');
    expect(json).toContain('\\u2028');
    expect(json).toContain('\\u2029');
  });

  it('is still plain JSON that parses back to the original value', () => {
    expect(JSON.parse(jsonForScript(hostile))).toEqual(hostile);
  });

  it('removes bidi overrides and isolates from the data, so a title cannot reorder the page around it', () => {
    expect(JSON.parse(jsonForScript({ title: 'a\u202eb\u2066c\u2069' }))).toEqual({ title: 'abc' });
  });

  it('rejects values JSON cannot represent', () => {
    expect(() => jsonForScript(undefined)).toThrow(TypeError);
  });
});
