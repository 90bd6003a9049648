import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sizeScenario } from '../../runner/index.ts';
import { tempRoot, toyScenario } from '../../runner/testing/fixtures.ts';
import { TOY_MODEL } from '../../runner/testing/toy-model.ts';
import { parseIntegerRange, parseSlo } from '../../scenario/index.ts';
import { EXIT } from '../errors.ts';
import { finishRun } from './shared.ts';

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
