/**
 * What a world keeps of its genesis once its replicas are built: each replica's application, copied
 * from the genesis state, and nothing else. The genesis transactions and the state they were
 * applied to are garbage from then on (regional.yaml's 65,000 transactions and the genesis state
 * held 13.6 MB of its live heap for the whole run).
 */
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../sim/testing/collect-garbage.ts';
import { IomtLedgerApp } from '../contracts/index.ts';
import type { Block, Transaction } from '../ledger/index.ts';
import { pbft } from '../protocols/pbft/index.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld } from './world.ts';

/** Weak references to the first application a genesis was applied to (the genesis state) and to its transactions. */
function buildWatchingGenesis(): { world: IomtWorld; state: WeakRef<IomtLedgerApp>; txs: WeakRef<readonly Transaction[]> } {
  const apply = IomtLedgerApp.prototype.applyGenesis;
  let first: { state: WeakRef<IomtLedgerApp>; txs: WeakRef<readonly Transaction[]> } | undefined;
  IomtLedgerApp.prototype.applyGenesis = function (this: IomtLedgerApp, txs: readonly Transaction[], block: Block): void {
    first ??= { state: new WeakRef(this), txs: new WeakRef(txs) };
    apply.call(this, txs, block);
  };
  try {
    const world = new IomtWorld(smallWorldConfig(pbft));
    return { world, ...first! };
  } finally {
    IomtLedgerApp.prototype.applyGenesis = apply;
  }
}

describe('an IoMT world after its replicas are built', () => {
  it('holds neither the genesis transactions nor the genesis state', async () => {
    const { world, state, txs } = buildWatchingGenesis();
    await collectGarbage();
    expect(world.apps.filter((a) => a !== undefined)).toHaveLength(world.topology.nodes.length);
    expect(txs.deref()).toBeUndefined();
    expect(state.deref()).toBeUndefined();
  });
});
