import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inboxSource } from '../../src/sources/inbox.js';

const line = (i: number) => JSON.stringify({ id: `2611.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, abstract: `About ${i}.` });

describe('inboxSource', () => {
  it('reads every file, and moves them to done/ only when told the papers are committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-inbox-'));
    writeFileSync(join(dir, 'a.jsonl'), `${line(1)}\n${line(2)}\n`);
    writeFileSync(join(dir, 'b.jsonl.gz'), gzipSync(`${line(3)}\n`));
    const batch = await inboxSource(dir).fetch('2026-11-27');
    expect(batch.papers.map((p) => p.title)).toEqual(['Paper 1', 'Paper 2', 'Paper 3']);
    expect(readdirSync(dir).sort()).toEqual(['a.jsonl', 'b.jsonl.gz']);
    batch.committed();
    expect(readdirSync(join(dir, 'done')).sort()).toEqual(['a.jsonl', 'b.jsonl.gz']);
    expect(existsSync(join(dir, 'a.jsonl'))).toBe(false);
  });

  it('leaves an unreadable (truncated) file in the inbox and reports it; keeps a same-named done file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-inbox-'));
    mkdirSync(join(dir, 'done'));
    writeFileSync(join(dir, 'done', 'a.jsonl'), 'old');
    writeFileSync(join(dir, 'a.jsonl'), `${line(1)}\n`);
    writeFileSync(join(dir, 'broken.jsonl.gz'), gzipSync(`${line(2)}\n${line(3)}\n`).subarray(0, 20));
    const batch = await inboxSource(dir).fetch('2026-11-27');
    expect(batch.papers).toHaveLength(1);
    expect(batch.problems).toEqual([expect.stringMatching(/broken\.jsonl\.gz: .*\(left in the inbox\)/)]);
    batch.committed();
    expect(readdirSync(dir).filter((n) => n !== 'done')).toEqual(['broken.jsonl.gz']);
    expect(readdirSync(join(dir, 'done')).sort()).toEqual(['a-2.jsonl', 'a.jsonl']);
  });

  it('is empty when the folder does not exist', async () => {
    expect((await inboxSource(join(tmpdir(), 'no-such-inbox-pt')).fetch('2026-11-27')).papers).toEqual([]);
  });
});
