/** Shared helpers for the runner's tests: a temporary results root, a toy scenario and an interrupted run of it. */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioText, type LoadedScenario } from '../../scenario/index.ts';
import { runScenario } from '../run.ts';
import { TOY_MODEL } from './toy-model.ts';

export function tempRoot(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `iomtsim-${prefix}-`));
}

export function toyScenario(extra = '', sets: readonly string[] = []): LoadedScenario {
  return loadScenarioText('toy.yaml', `name: toy\nduration: 5s\nreplications: 6\nconsensus: { nodes: 4 }\nworkload: { rateTps: 20 }\n${extra}`, sets);
}

/** The toy scenario's run into `outDir`, stopped once 3 of its 6 replications finished: an interrupted results folder. */
export async function interruptedToyRun(outDir: string): Promise<string> {
  const controller = new AbortController();
  const cut = await runScenario({
    loaded: toyScenario(), workers: 0, model: TOY_MODEL, outDir, signal: controller.signal,
    onProgress: (p) => { if (p.done === 3) controller.abort(); },
  });
  if (cut.status !== 'interrupted') throw new Error(`expected an interrupted run, found status ${cut.status}`);
  return cut.dir;
}

export function readText(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

/** replications.jsonl without the wall-clock field, which legitimately differs between runs. */
export function replicationsWithoutWall(dir: string): unknown[] {
  return readText(dir, 'replications.jsonl').trim().split('\n').map((l) => {
    const { wallMs: _wall, ...rest } = JSON.parse(l) as Record<string, unknown>;
    return rest;
  });
}

export function leftoverTempFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.includes('.tmp-'));
}
