import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inboxIsEmpty, inboxSource } from '../../src/sources/inbox.js';
import { canDropPrivileges, nodeUnprivileged, openTo } from '../nightly/unprivileged.js';

const line = (i: number) => JSON.stringify({ id: `2611.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, abstract: `About ${i}.` });

describe('inboxSource', () => {
  it('reads a file of 200,000 papers (a store\'s first night of a large corpus)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-inbox-large-'));
    const lines = Array.from({ length: 200_000 }, (_, i) => JSON.stringify({ id: `p${i}`, title: `Paper ${i}`, abstract: `Abstract number ${i}.` }));
    writeFileSync(join(dir, 'large.jsonl'), `${lines.join('\n')}\n`);
    const batch = await inboxSource(dir, () => {}).fetch('2026-10-01');
    expect(batch.problems).toEqual([]);
    expect(batch.papers).toHaveLength(200_000);
    expect(batch.papers[199_999].id).toBe('p199999');
  }, 60_000);

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

  it('reports and skips a dangling symlink, a symlink loop and a folder, and reads the other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-inbox-'));
    writeFileSync(join(dir, 'a.jsonl'), `${line(1)}\n`);
    symlinkSync(join(dir, 'gone.jsonl'), join(dir, 'dangling.jsonl'));
    symlinkSync(join(dir, 'loop-b.jsonl'), join(dir, 'loop-a.jsonl'));
    symlinkSync(join(dir, 'loop-a.jsonl'), join(dir, 'loop-b.jsonl'));
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'z.jsonl'), `${line(2)}\n`);
    const batch = await inboxSource(dir).fetch('2026-11-27');
    expect(batch.papers.map((p) => p.title)).toEqual(['Paper 1', 'Paper 2']);
    expect(batch.problems).toEqual([
      `${join(dir, 'dangling.jsonl')}: skipped: a symbolic link to a missing file`,
      `${join(dir, 'loop-a.jsonl')}: skipped: a loop of symbolic links`,
      `${join(dir, 'loop-b.jsonl')}: skipped: a loop of symbolic links`,
      `${join(dir, 'more')}: skipped: a folder (the inbox reads the files in it, not in sub-folders)`,
    ]);
    batch.committed();
    expect(readdirSync(join(dir, 'done')).sort()).toEqual(['a.jsonl', 'z.jsonl']);
    expect(readdirSync(dir).sort()).toEqual(['dangling.jsonl', 'done', 'loop-a.jsonl', 'loop-b.jsonl', 'more']);
  });

  it('logs the hidden files it skips, and takes done/ for what it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-inbox-'));
    mkdirSync(join(dir, 'done'));
    writeFileSync(join(dir, '.partial.jsonl'), `${line(1)}\n`);
    writeFileSync(join(dir, 'a.jsonl'), `${line(2)}\n`);
    const lines: string[] = [];
    const batch = await inboxSource(dir, (l) => lines.push(l)).fetch('2026-11-27');
    expect(batch.papers.map((p) => p.title)).toEqual(['Paper 2']);
    expect(batch.problems).toEqual([]);
    expect(lines).toEqual(['inbox: skipped hidden file .partial.jsonl', 'inbox: a.jsonl: 1 papers']);
  });

  it('reports and leaves a file it may not read, and reads the others (as an unprivileged user when run as root)', () => {
    expect(canDropPrivileges, 'running as root needs util-linux setpriv to test file modes').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-inbox-'));
    writeFileSync(join(dir, 'a.jsonl'), `${line(1)}\n`);
    writeFileSync(join(dir, 'secret.jsonl'), `${line(2)}\n`);
    writeFileSync(join(dir, 'z.jsonl'), `${line(3)}\n`);
    symlinkSync(join(dir, 'gone.jsonl'), join(dir, 'dangling.jsonl'));
    chmodSync(join(dir, 'secret.jsonl'), 0o000);
    openTo(dir);
    const inbox = new URL('../../dist/src/sources/inbox.js', import.meta.url).href;
    const script = `const { inboxSource } = await import(${JSON.stringify(inbox)});
      const batch = await inboxSource(process.argv[1]).fetch('2026-11-27');
      process.stdout.write(JSON.stringify({ titles: batch.papers.map((p) => p.title), problems: batch.problems }));`;
    const child = nodeUnprivileged(['--input-type=module', '-e', script, dir]);
    expect(child.status, child.stderr).toBe(0);
    const { titles, problems } = JSON.parse(child.stdout) as { titles: string[]; problems: string[] };
    expect(titles).toEqual(['Paper 1', 'Paper 3']);
    expect(problems).toEqual([
      `${join(dir, 'dangling.jsonl')}: skipped: a symbolic link to a missing file`,
      expect.stringMatching(new RegExp(`^${join(dir, 'secret.jsonl')}: .*permission denied.*\\(left in the inbox\\)$`)),
    ]);
  });

  it('counts as empty with only hidden files and done/ in it, or when it does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-themes-inbox-'));
    expect(inboxIsEmpty(join(dir, 'missing'))).toBe(true);
    mkdirSync(join(dir, 'done'));
    writeFileSync(join(dir, 'done', 'old.jsonl'), `${line(1)}\n`);
    writeFileSync(join(dir, '.DS_Store'), '');
    expect(inboxIsEmpty(dir)).toBe(true);
    symlinkSync(join(dir, 'gone.jsonl'), join(dir, 'dangling.jsonl'));
    expect(inboxIsEmpty(dir)).toBe(false);
  });
});
