/** Shared helpers for the runner's tests: a temporary results root and a toy scenario. */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioText, type LoadedScenario } from '../../scenario/index.ts';

export function tempRoot(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `iomtsim-${prefix}-`));
}

export function toyScenario(extra = '', sets: readonly string[] = []): LoadedScenario {
  return loadScenarioText('toy.yaml', `name: toy\nduration: 5s\nreplications: 6\nconsensus: { nodes: 4 }\nworkload: { rateTps: 20 }\n${extra}`, sets);
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
