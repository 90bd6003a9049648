import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeRunFixture } from '../../report/fixtures/results-fixture.ts';
import { reportCommand } from '../../report/index.ts';
import { runScenario, sizeScenario } from '../../runner/index.ts';
import { tempRoot, toyScenario } from '../../runner/testing/fixtures.ts';
import { TOY_MODEL } from '../../runner/testing/toy-model.ts';
import { parseIntegerRange, parseSlo } from '../../scenario/index.ts';
import { EXIT } from '../errors.ts';
import { finishRun, renderReportAfterRun } from './shared.ts';

const root = tempRoot('finish-size');

/** A size search of the toy model (toy.sent grows with consensus.nodes), ended the way the CLI ends it with --json. */
async function finishSize(name: string, range: string, sloText: string, minimize = false): Promise<{ code: number; json: { passed: boolean; size: { answer: number | null } } }> {
  const result = await sizeScenario({ loaded: toyScenario('', ['replications=2']), range: parseIntegerRange(range), slos: [parseSlo(sloText)!], minimize, workers: 0, model: TOY_MODEL, outDir: join(root, name) });
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const code = await finishRun(result, { json: true, report: false });
  vi.restoreAllMocks();
  return { code, json: JSON.parse(stdout) as { passed: boolean; size: { answer: number | null } } };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('finishRun after a size search', () => {
  it('fails (exit 1, passed false) when no value in the range meets the SLOs, so `size ... && deploy` stops', async () => {
    const { code, json } = await finishSize('none', 'consensus.nodes=2..40', 'toy.sent<=1');
    expect(json.size.answer).toBeNull();
    expect(json.passed).toBe(false);
    expect(code).toBe(EXIT.failed);
  });

  it('passes (exit 0) with the answer at the bound when every value in the range meets the SLOs', async () => {
    const { code, json } = await finishSize('all', 'consensus.nodes=2..5', 'toy.sent<=1000000');
    expect(json.size.answer).toBe(5);
    expect(json.passed).toBe(true);
    expect(code).toBe(EXIT.ok);
  });
});

describe('finishRun after a run', () => {
  it('fails (exit 1, passed false) a run that completed every replication but broke an expectation', async () => {
    // The toy model's metrics are in no catalog, so the expectation is set past the loader.
    const loaded = toyScenario('', ['replications=2']);
    const expect_ = { 'toy.sent': '< 0' };
    const result = await runScenario({ loaded: { ...loaded, input: { ...loaded.input, expect: expect_ }, scenario: { ...loaded.scenario, expect: expect_ } }, workers: 0, model: TOY_MODEL, outDir: join(root, 'broken-expectation') });
    expect(result.status).toBe('complete');
    let stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    const code = await finishRun(result, { json: true, report: false });
    vi.restoreAllMocks();
    expect([code, (JSON.parse(stdout) as { passed: boolean }).passed]).toEqual([EXIT.failed, false]);
  });
});

/** What `fn` writes on stderr, and what it resolves with. */
async function stderrOf(fn: () => Promise<number>): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const code = await fn();
  vi.restoreAllMocks();
  return { code, stderr };
}

describe('the report after a run or merge', () => {
  it('refuses a malformed results folder as bad input (exit 2, no stack trace), saying what `iomtsim report DIR` says', async () => {
    const dir = join(root, 'malformed');
    mkdirSync(dir);
    writeRunFixture(dir, { durationS: 3 });
    mkdirSync(join(dir, 'trace', 'sequence.svg'), { recursive: true });
    const alone = await stderrOf(() => reportCommand(dir));
    const after = await stderrOf(() => renderReportAfterRun(dir, true));
    expect(alone).toEqual({ code: EXIT.badInput, stderr: `iomtsim report: ${join(dir, 'trace', 'sequence.svg')}: (file): expected a file, found a directory\n` });
    expect(after).toEqual({ code: EXIT.badInput, stderr: `report: rendering failed; the results themselves are complete\n${alone.stderr}` });
  });
});
