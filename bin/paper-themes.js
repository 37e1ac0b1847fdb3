#!/usr/bin/env node
// Entry point of the `paper-themes` command: the compiled CLI (npm ci builds it via `prepare`).
import { main } from '../dist/pipeline/cli/main.js';
import { processIo } from '../dist/pipeline/cli/processIo.js';

const io = processIo();
process.exitCode = await main(process.argv.slice(2), io);
// Output lost to a full disk or a broken device is a failed write (exit code 5); write
// errors are reported after the write, so this is decided last.
process.on('exit', () => {
  const fault = io.fault();
  if (fault === undefined || process.exitCode !== 0) return;
  io.err.write(`paper-themes: ${fault}\n`);
  process.exitCode = 5;
});
