/** Raft whose voters grant a vote without checking that the candidate's log is at least as up to date (§5.4.1). */
import { makeRaftModule } from '../../protocols/raft/index.ts';
import { asMutant } from './rename.ts';

export default asMutant(makeRaftModule({ skipsUpToDateCheck: true }), 'raft-no-up-to-date-check', 'votes without the up-to-date log check');
