/** Raft that commits an entry of an earlier term once a majority stores it (the unsafe rule of §5.4.2, Figure 8). */
import { makeRaftModule } from '../../protocols/raft/index.ts';
import { asMutant } from './rename.ts';

export default asMutant(makeRaftModule({ commitsEarlierTermsByCounting: true }), 'raft-count-earlier-terms', 'commits entries of earlier terms by counting replicas');
