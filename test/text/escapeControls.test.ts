import { describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/text/escapeControls.js';

describe('escapeControls', () => {
  it('writes ESC, the other C0 controls, DEL and the C1 controls as \\xNN', () => {
    expect(escapeControls('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(escapeControls('a\u0000b\u0007c\rd\u007fe')).toBe('a\\x00b\\x07c\\x0dd\\x7fe');
    expect(escapeControls('csi\u009b31m osc\u009d0;x\u009c nel\u0085')).toBe('csi\\x9b31m osc\\x9d0;x\\x9c nel\\x85');
  });

  it('keeps tabs and line breaks, so lines stay lines', () => {
    expect(escapeControls('a\tb\nc\n')).toBe('a\tb\nc\n');
  });

  it('leaves every other character as it is, backslashes and non-Latin text included', () => {
    const text = 'Théme — 模型 ✓ \\alpha C:\\data 😀 \u00a0\u00a0';
    expect(escapeControls(text)).toBe(text);
  });

  it('escapes each control character of the whole range, and nothing next to it', () => {
    for (let code = 0; code <= 0xa0; code += 1) {
      const char = String.fromCharCode(code);
      const control = (code < 0x20 && char !== '\t' && char !== '\n') || (code >= 0x7f && code <= 0x9f);
      expect(escapeControls(char)).toBe(control ? `\\x${code.toString(16).padStart(2, '0')}` : char);
    }
  });
});
