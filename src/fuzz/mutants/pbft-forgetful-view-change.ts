/**
 * PBFT whose view change ignores prepared certificates: every VIEW-CHANGE a replica makes carries
 * an empty set P (Castro & Liskov §4.4 requires each request prepared since the last stable
 * checkpoint, with its proof), so the new primary's O never re-proposes what may have committed.
 * Built on the real replica by overriding the two places a replica's own VIEW-CHANGE goes: the
 * multicast and its own log.
 */
import { defineProtocol } from '../../protocols/definition.ts';
import { pbft, PbftReplica } from '../../protocols/pbft/index.ts';
import { viewChangeTerm, type ViewChange } from '../../protocols/pbft/messages.ts';
import { asMutant } from './rename.ts';

class ForgetfulViewChangeReplica extends PbftReplica {
  protected override sendViewChange(vc: ViewChange): void {
    super.sendViewChange(this.withoutPrepared(vc));
  }

  protected override recordViewChange(m: ViewChange): void {
    super.recordViewChange(m.replica === this.index ? this.withoutPrepared(m) : m);
  }

  /** The same VIEW-CHANGE with P emptied, signed again by this replica. */
  private withoutPrepared(vc: ViewChange): ViewChange {
    if (vc.prepared.length === 0) return vc;
    const body = { newView: vc.newView, stableSeq: vc.stableSeq, checkpointProof: vc.checkpointProof, prepared: [], replica: vc.replica };
    return Object.freeze({ kind: 'pbft-view-change', ...body, sig: this.key.sign(this.verifier.digest(viewChangeTerm(body))) });
  }
}

const forgetful = defineProtocol({ ...pbft, createReplica: (ctx, config, app) => new ForgetfulViewChangeReplica(ctx, config, app) });

export default asMutant(forgetful, 'pbft-forgetful-view-change', 'view changes without prepared certificates');
