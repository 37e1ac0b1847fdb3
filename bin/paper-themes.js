#!/usr/bin/env node
// Entry point of the `paper-themes` command: the compiled CLI (npm ci builds it via `prepare`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
