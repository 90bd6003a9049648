/**
 * merge of shards whose replications.jsonl does not hold what their manifests describe (a record
 * relabelled to another shard's replication or to one the run does not have, a seed edited, a
 * record missing from a complete shard), each folder sealed again after the edit so only the
 * records themselves give it away: refused as --resume refuses them, naming the shard's file, with
 * no merged folder written.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordOf, sealedJson } from '../io/recorded-files.ts';
import { InputError, parseVary } from '../scenario/index.ts';
import { mergeShards, replicationSeed, runScenario } from './index.ts';
import { tempRoot, toyScenario } from './testing/fixtures.ts';
import { TOY_MODEL } from './testing/toy-model.ts';

const root = tempRoot('merge-records');
const shards: string[] = [];

// Two points of two replications: shard 1/2 holds (point 0, replication 0) and (1, 0), shard 2/2 (0, 1) and (1, 1).
beforeAll(async () => {
  const loaded = toyScenario('', ['replications=2']);
  const dimensions = [parseVary('consensus.nodes=3,4')];
  for (const index of [1, 2]) {
    const s = await runScenario({ loaded, dimensions, shard: { index, count: 2 }, workers: 0, model: TOY_MODEL, outDir: join(root, `shard${index}`) });
    shards.push(s.dir);
  }
});

type Line = { point: number; replication: number; seed: number };

/** A copy of shard 2 whose records `edit` changes, its manifest sealed again over the new file. */
function editedShard2(edit: (records: Line[]) => Line[]): string {
  const dir = mkdtempSync(join(root, 'edited-'));
  cpSync(shards[1]!, dir, { recursive: true });
  const file = join(dir, 'replications.jsonl');
  const records = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line);
  const text = edit(records).map((r) => `${JSON.stringify(r)}\n`).join('');
  writeFileSync(file, text);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, unknown> };
  manifest.files['replications.jsonl'] = recordOf(text);
  writeFileSync(join(dir, 'manifest.json'), sealedJson(manifest));
  return dir;
}

const expectedReplication = 'expected a replication of the run the manifest describes (point below 2, replication below 2, in its shard)';

describe('merge of a shard whose records its manifest does not describe', () => {
  it.each([
    ["relabelled to a replication shard 1 holds", (rs: Line[]) => rs.map((r, i) => (i === 1 ? { ...r, replication: 0 } : r)), `record 2: ${expectedReplication}, found point 1, replication 0`],
    ['on point 9 (the sweep has 2)', (rs: Line[]) => rs.map((r, i) => (i === 0 ? { ...r, point: 9 } : r)), `record 1: ${expectedReplication}, found point 9, replication 1`],
    ['on replication 7 (the run has 2)', (rs: Line[]) => rs.map((r, i) => (i === 1 ? { ...r, replication: 7 } : r)), `record 2: ${expectedReplication}, found point 1, replication 7`],
    ['with seed 42', (rs: Line[]) => rs.map((r, i) => (i === 1 ? { ...r, seed: 42 } : r)), `record 2.seed: expected ${replicationSeed(1, 1)} (replicationSeeds.1 in manifest.json), found 42`],
  ])('%s: refused naming the shard\'s replications.jsonl, nothing written', (_name, edit, message) => {
    const dir = editedShard2(edit);
    const out = join(root, `merged-${Math.random().toString(36).slice(2)}`);
    const err = (() => { try { mergeShards([shards[0]!, dir], out); } catch (e) { return e; } return undefined; })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${join(dir, 'replications.jsonl')}: ${message}`);
    expect(existsSync(out)).toBe(false);
  });

  it('a complete shard missing one of its records: refused naming the shard and the replication missing', () => {
    const dir = editedShard2((rs) => rs.slice(0, 1));
    const out = join(root, 'merged-short');
    const err = (() => { try { mergeShards([shards[0]!, dir], out); } catch (e) { return e; } return undefined; })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${join(dir, 'manifest.json')}: status: expected 'complete' only where every replication is recorded (2 in replications.jsonl), found 'complete' with 1 recorded (missing point 1, replication 1)`);
    expect(existsSync(out)).toBe(false);
  });

  it('an edited shard given first is held to its own slice as the others are', () => {
    const dir = editedShard2((rs) => rs.map((r, i) => (i === 1 ? { ...r, replication: 0 } : r)));
    const out = join(root, 'merged-edited-first');
    expect(() => mergeShards([dir, shards[0]!], out)).toThrow(`${join(dir, 'replications.jsonl')}: record 2: ${expectedReplication}, found point 1, replication 0`);
    expect(existsSync(out)).toBe(false);
  });

  it('the shards as run merge', () => {
    expect(mergeShards(shards, join(root, 'merged')).status).toBe('complete');
  });
});
