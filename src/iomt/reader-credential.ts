/**
 * How a record store knows who reads: a reader (clinician, researcher) names itself in a read by
 * its pseudonym, the name consents and permits are granted to, and proves the name by signing the
 * read with its own key. Which key is a pseudonym's the store learns from the reader's certificate,
 * the consortium's enrolment authority's signature binding the pseudonym to the key (as a Fabric
 * MSP's CA or an X.509 CA does): a store needs no directory of readers, and a reader enrolled
 * later is known to every store at once. A permit's id and grantee are on chain for anyone to
 * copy; the grantee's key is not.
 */
import type { HostId } from '../../sim/index.ts';
import type { KeyRing, Signature, SigningKey, Verifier } from '../ledger/index.ts';
import type { GetLatest } from './messages.ts';

/** Signer id of the enrolment authority: apart from replicas' (host ids), devices', administrations' and the attacks' keys. */
export const ENROLMENT_AUTHORITY_SIGNER = 1 << 29;
/** A reader's signer id is this plus its host id (below 2^20), between devices' and administrations' ranges. */
const READER_SIGNER_BASE = 1 << 25;

/** The enrolment authority's word that `signer`'s key is `requester`'s. */
export interface ReaderCertificate {
  readonly requester: string;
  readonly signer: number;
  readonly sig: Signature;
}

/** What a reader holds: its certificate, shown with every read, and its key, which signs the reads. */
export interface ReaderCredential {
  readonly certificate: ReaderCertificate;
  readonly key: SigningKey;
}

/** What proving the reader adds to a read: the certificate (pseudonym, key id, the authority's Ed25519 signature) and the read's signature. */
export const READER_PROOF_BYTES = 24 + 4 + 64 + 64;

function certificateTerm(requester: string, signer: number): string {
  return `reader-certificate:${requester}:${signer}`;
}

/** What a reader signs: this read (its token) of this device at this store under this request, by this requester. */
function readTerm(store: HostId, m: GetLatest): string {
  return `read:${store}:${m.device}:${m.token}:${m.request ?? ''}:${m.requester ?? ''}`;
}

/** The enrolment authority's act: a key for the reader on `host`, and the certificate binding it to `requester`. */
export function enrolReader(ring: KeyRing, authority: SigningKey, requester: string, host: HostId): ReaderCredential {
  const key = ring.issue(READER_SIGNER_BASE + host);
  const sig = authority.sign(ring.digest(certificateTerm(requester, key.signer)));
  return { certificate: Object.freeze({ requester, signer: key.signer, sig }), key };
}

/** `read` to `store`, with the reader's certificate and its signature over the read. */
export function signedRead(credential: ReaderCredential, verifier: Verifier, store: HostId, read: GetLatest): GetLatest {
  return { ...read, certificate: credential.certificate, sig: credential.key.sign(verifier.digest(readTerm(store, read))) };
}

/**
 * Whether `m`, received by `store`, is signed by the reader it names: its certificate is the
 * enrolment authority's for that requester, and the read's signature is by the certified key.
 */
export function signedByRequester(verifier: Verifier, store: HostId, m: GetLatest): boolean {
  const c = m.certificate;
  if (c === undefined || c.requester !== m.requester) return false;
  if (!verifier.verifyMessage(c, c.sig, ENROLMENT_AUTHORITY_SIGNER, (x) => certificateTerm(x.requester, x.signer))) return false;
  return verifier.verify(m.sig, c.signer, verifier.digest(readTerm(store, m)));
}
