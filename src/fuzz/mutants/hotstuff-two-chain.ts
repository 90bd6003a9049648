/** Chained HotStuff that commits on a two-chain, the node it locks, instead of a three-chain (Yin et al. 2019 §5). */
import { makeHotStuffModule } from '../../protocols/hotstuff/index.ts';
import { asMutant } from './rename.ts';

export default asMutant(makeHotStuffModule({ twoChainCommit: true }), 'hotstuff-two-chain', 'commits on a two-chain');
