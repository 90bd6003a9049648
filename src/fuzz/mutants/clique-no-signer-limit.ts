/** Clique whose signers may seal, and whose replicas accept, blocks however recently the signer signed (EIP-225 SIGNER_LIMIT dropped). */
import { makePoaModule } from '../../protocols/poa/index.ts';
import { asMutant } from './rename.ts';

export default asMutant(makePoaModule({ ignoresSignerLimit: true }), 'clique-no-signer-limit', 'no signer limit');
