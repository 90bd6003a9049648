/**
 * The fuzzer's fault phase as an attack: the period before GST of the partial-synchrony model
 * (Dwork, Lynch & Stockmeyer 1988), during which the protocols owe no progress (Castro & Liskov
 * 1999 §2; Ongaro & Ousterhout 2014 §5), so the liveness checker excuses it (`breaksSynchrony`).
 * It also loses every message with probability `loss` while it lasts: a loss burst. Windows may
 * overlap; the highest loss of those open applies, and the network's own loss returns after the
 * last closes. A plug-in module (docs/plugins.md), so a fuzzed scenario file names it by path.
 */
import type { Engine } from '../../../sim/index.ts';
import { param } from '../../attacks/params.ts';
import { defineAttack, z } from '../../plugin-api.ts';

interface LossState {
  readonly baseLoss: number;
  readonly open: number[];
}

const states = new WeakMap<Engine, LossState>();

function applyLoss(engine: Engine, state: LossState): void {
  engine.network.lossProbability = Math.max(state.baseLoss, ...state.open);
}

export default defineAttack({
  type: 'asynchrony',
  title: 'Asynchronous period before GST, with a loss burst',
  category: 'network',
  targets: 'every message',
  model: 'liveness is not owed during the window (partial synchrony before GST); every message is lost with probability `loss` while it lasts',
  paramsSchema: z.object({
    loss: param(z.number().min(0).max(1).default(0), 'Probability that a message sent during the window is lost (0: only delays and other faults).', 'probability'),
  }),
  outcomes: ['liveness.violations'],
  splitsOverThreads: () => true,
  breaksSynchrony: true,
  install(spec, { world, truth }) {
    const { engine } = world;
    let state = states.get(engine);
    if (state === undefined) {
      state = { baseLoss: engine.network.lossProbability, open: [] };
      states.set(engine, state);
    }
    const s = state;
    const endUs = spec.end ?? world.endUs;
    engine.at(spec.start, () => {
      s.open.push(spec.loss);
      applyLoss(engine, s);
      truth.label('message', `asynchrony@${spec.start}`, 'asynchrony', 'lossy-network', spec.start, endUs);
    });
    if (spec.end !== undefined) {
      engine.at(spec.end, () => {
        s.open.splice(s.open.indexOf(spec.loss), 1);
        applyLoss(engine, s);
      });
    }
  },
});
