import { describe, expect, it } from 'vitest';
import { Rng, type ActorContext, type HostId, type ModelEvent } from '../../../sim/index.ts';
import { mineBlock, powGenesis } from './block.ts';
import { POW_DEFAULTS } from './params.ts';
import { BLOCK_DOWNLOAD_TIMEOUT_US, CONTROL_TIMER, PowRelay, type RelayOwner } from './relay.ts';
import { PowMsgType, type PowBlock, type PowMessage } from './types.ts';

/** A scripted context (sans-I/O): records what the relay sends, its timers and events; the test moves time. */
function scripted() {
  const sent: { to: HostId; type: number; size: number }[] = [];
  const timers: { delayUs: number; tag: number }[] = [];
  const events: ModelEvent[] = [];
  const ctx = {
    self: 0,
    nowUs: 0,
    rng: new Rng(1),
    send: (to: HostId, msg: unknown, size: number) => sent.push({ to, type: (msg as PowMessage).type, size }),
    setTimer: (delayUs: number, tag: number) => timers.push({ delayUs, tag }),
    cancelTimer: () => {},
    cpu: () => {},
    cpuParallel: () => {},
    emit: (e: ModelEvent) => events.push(e),
    emitFirst: (_key: unknown, e: ModelEvent) => events.push(e),
  };
  return { ctx: ctx as ActorContext<unknown> & { nowUs: number }, sent, timers, events };
}

function owner(have: Set<PowBlock>, delivered: PowBlock[]): RelayOwner {
  return {
    knows: (b) => have.has(b),
    canServe: (b) => have.has(b),
    deliver: (b) => delivered.push(b),
  };
}

const params = { ...POW_DEFAULTS, compactBlockShare: 0 };
const block = mineBlock(powGenesis(), 9, 0, 1, 1000, 250, 0);

describe('PoW relay (inv → getdata → block)', () => {
  it('asks the first announcer only, and another announcer once the request times out', () => {
    const { ctx, sent } = scripted();
    const relay = new PowRelay(ctx, owner(new Set(), []), params);
    relay.headWork = 1; // genesis
    relay.handle(1, block.msgInv);
    relay.handle(2, block.msgInv);
    expect(sent).toEqual([{ to: 1, type: PowMsgType.getdata, size: 61 }]);
    ctx.nowUs = BLOCK_DOWNLOAD_TIMEOUT_US;
    relay.handle(2, block.msgInv);
    expect(sent.at(-1)).toEqual({ to: 2, type: PowMsgType.getdata, size: 61 });
  });

  it('awaits each of two overlapping downloads until it arrives, and asks again for one that arrived but was not kept', () => {
    const { ctx, sent } = scripted();
    const relay = new PowRelay(ctx, owner(new Set(), []), params);
    relay.headWork = 1;
    const rival = mineBlock(powGenesis(), 8, 0, 1, 1000, 250, 1);
    relay.handle(1, rival.msgInv);
    relay.handle(2, block.msgInv);
    relay.handle(3, rival.msgInv);
    relay.handle(3, block.msgInv);
    expect(sent.map((m) => m.to)).toEqual([1, 2]);
    relay.handle(2, block.msgBlock); // arrives; this owner does not keep it
    relay.handle(4, block.msgInv);
    relay.handle(4, rival.msgInv);
    expect(sent.map((m) => m.to)).toEqual([1, 2, 4]);
    relay.handle(1, rival.msgBlock); // the earlier request arrives too, and is not kept either
    relay.handle(5, rival.msgInv);
    expect(sent.map((m) => m.to)).toEqual([1, 2, 4, 5]);
  });

  it('announces a block to every peer but those known to have it (Bitcoin Core), or to all (SimBlock)', () => {
    for (const announceToKnownPeers of [false, true]) {
      const { ctx, sent } = scripted();
      const relay = new PowRelay(ctx, owner(new Set(), []), { ...params, announceToKnownPeers });
      relay.headWork = 1;
      for (const peer of [5, 6, 7]) relay.handle(peer, { kind: 'pow', type: PowMsgType.connect, compactBlocks: false });
      relay.handle(6, block.msgInv); // peer 6 has it
      sent.length = 0;
      relay.announce(block, 5); // it came from peer 5
      expect(sent.map((m) => m.to)).toEqual(announceToKnownPeers ? [6, 7] : [7]);
    }
  });

  it('ignores announcements of blocks with no more work than its head', () => {
    const { ctx, sent } = scripted();
    const relay = new PowRelay(ctx, owner(new Set(), []), params);
    relay.headWork = 2; // the block's own work: nothing gained
    relay.handle(1, block.msgInv);
    expect(sent).toEqual([]);
  });

  it('serves only blocks its owner will hand out, at full size without compact relay', () => {
    const { ctx, sent } = scripted();
    const relay = new PowRelay(ctx, owner(new Set([block]), []), params);
    relay.handle(3, block.msgGetdata);
    relay.handle(3, mineBlock(powGenesis(), 9, 1, 1, 1000, 250, 1).msgGetdata);
    expect(sent).toEqual([{ to: 3, type: PowMsgType.block, size: 1000 }]);
  });

  it('sends a compact block when both ends use BIP 152, and the full block after a failed rebuild', () => {
    const { ctx, sent } = scripted();
    const p = { ...POW_DEFAULTS, compactBlockShare: 1, compactFailureRate: 1, churnCompactFailureRate: 1 };
    const delivered: PowBlock[] = [];
    const relay = new PowRelay(ctx, owner(new Set([block]), delivered), p);
    relay.handle(4, { kind: 'pow', type: PowMsgType.connect, compactBlocks: true });
    relay.handle(4, block.msgGetdata);
    expect(sent.at(-1)).toEqual({ to: 4, type: PowMsgType.cmpctBlock, size: 18_000 });
    relay.handle(4, block.msgCmpct); // always fails to rebuild here
    expect(sent.at(-1)?.type).toBe(PowMsgType.getBlockTxn);
    relay.handle(4, block.msgBlockTxn);
    expect(delivered).toEqual([block]);
  });

  it("holds every announcement and request back by `controlMessageDelay` (SimBlock's 10 ms), in order", () => {
    const { ctx, sent, timers } = scripted();
    const relay = new PowRelay(ctx, owner(new Set(), []), { ...params, controlMessageDelayUs: 10_000 });
    relay.headWork = 1;
    for (const peer of [5, 6]) relay.handle(peer, { kind: 'pow', type: PowMsgType.connect, compactBlocks: false });
    sent.length = 0;
    relay.handle(5, block.msgInv);
    relay.announce(block, 5);
    expect(sent).toEqual([]);
    expect(timers).toEqual([{ delayUs: 10_000, tag: CONTROL_TIMER }, { delayUs: 10_000, tag: CONTROL_TIMER }]);
    relay.onTimer(CONTROL_TIMER);
    relay.onTimer(CONTROL_TIMER);
    expect(sent).toEqual([{ to: 5, type: PowMsgType.getdata, size: 61 }, { to: 6, type: PowMsgType.inv, size: 61 }]);
  });

  it("sends 1 % of the block after a failed compact block when the server does not churn (SimBlock's table)", () => {
    const { ctx, sent } = scripted();
    const relay = new PowRelay(ctx, owner(new Set([block]), []), { ...params, churnShare: 0, compactFailureBytes: 'simblock' });
    relay.handle(4, block.msgGetBlockTxn);
    expect(sent).toEqual([{ to: 4, type: PowMsgType.blockTxn, size: 10 }]);
  });

  it('reports the arrival of an announced block, not of one fetched as the missing parent of another', () => {
    const { ctx, events } = scripted();
    const relay = new PowRelay(ctx, owner(new Set(), []), params);
    relay.headWork = 1;
    const child = mineBlock(block, 9, 1, 1, 1000, 250, 0);
    relay.handle(1, child.msgInv);
    relay.handle(1, child.msgBlock);
    relay.request(block, 1);
    relay.handle(1, block.msgBlock);
    expect(events).toEqual([child.arrived]);
  });
});
