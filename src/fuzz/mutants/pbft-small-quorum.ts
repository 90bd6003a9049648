/** PBFT whose certificates need f + 1 matching messages instead of ⌈(n + f + 1)/2⌉ (Castro & Liskov §4.2). */
import { makePbftModule } from '../../protocols/pbft/index.ts';
import { asMutant } from './rename.ts';

export default asMutant(makePbftModule({ quorum: (_n, f) => f + 1 }), 'pbft-small-quorum', 'certificates of f + 1 messages');
