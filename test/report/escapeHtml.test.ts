import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escapeHtml.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('turns markup into inert text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes an ampersand exactly once, so existing entities stay visible as text', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('leaves other text, including non-ASCII, untouched', () => {
    expect(escapeHtml('Détection — 検出 ✓')).toBe('Détection — 検出 ✓');
  });

  it('removes bidi overrides and isolates, so a label cannot reorder the text around it', () => {
    expect(escapeHtml('Theme \u202egnp.exe\u202c and \u2067x\u2069')).toBe('Theme gnp.exe and x');
  });

  it('removes terminal and other control characters', () => {
    expect(escapeHtml('a\u001b[31mb\u0000c\u009b')).toBe('a[31mbc');
  });
});
