/**
 * Start-up: `iomtsim list protocols` as a user runs it, a whole process from `node bin/iomtsim.mjs`
 * to its exit, timed from outside. It starts from the prebuilt bundle when dist/ is fresh (`npm ci`
 * or `npm run build`), from the TypeScript sources through tsx otherwise (docs/architecture.md,
 * "Start-up"), so build first. The entry's peak RSS is that of the bench child, not the process.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { BenchEntry } from '../harness/entry.ts';
import { REPO_ROOT } from './scenario-entry.ts';

export const listProtocolsEntry: BenchEntry = {
  name: 'startup.list_protocols',
  description: '`iomtsim list protocols`, one whole process (node bin/iomtsim.mjs)',
  // Full suite only: the speed comparison normalises the bench child's CPU time, and this entry's
  // work runs in a process of its own.
  suites: ['full'],
  run() {
    const start = performance.now();
    const child = spawnSync(process.execPath, [`${REPO_ROOT}bin/iomtsim.mjs`, 'list', 'protocols'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const wallMs = performance.now() - start;
    if (child.status !== 0) throw new Error(`iomtsim list protocols exited ${child.status}: ${child.stderr}`);
    const listed = child.stdout.split('\n').filter((line) => line.trim() !== '').length;
    return { wallMs, events: 0, simulatedSeconds: 0, metrics: { 'startup.lines_listed': listed } };
  },
};
