import { describe, expect, it } from 'vitest';
import { pageHead } from '../../src/report/pageHead.js';

describe('pageHead', () => {
  const head = pageHead({ title: 'Themes: <a & b>', csp: "default-src 'none'", style: 'body{}' }).join('\n');

  it('opens a UTF-8 document with a viewport, ending at <body>', () => {
    expect(head.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(head).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(head.endsWith('</head>\n<body>')).toBe(true);
  });

  it('escapes the title and the policy', () => {
    expect(head).toContain('<title>Themes: &lt;a &amp; b&gt;</title>');
    expect(head).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;">');
  });
});
