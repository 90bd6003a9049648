#!/usr/bin/env node
// Entry point: load TypeScript through tsx's ESM loader (no build step), then hand over to the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
