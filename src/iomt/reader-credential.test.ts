import { describe, expect, it } from 'vitest';
import { KeyRing, type CryptoMode } from '../ledger/index.ts';
import type { GetLatest } from './messages.ts';
import { ENROLMENT_AUTHORITY_SIGNER, enrolReader, signedByRequester, signedRead } from './reader-credential.ts';

describe.each<CryptoMode>(['symbolic', 'real'])('reader credentials (%s crypto)', (mode) => {
  const ring = new KeyRing(mode, 1);
  const authority = ring.issue(ENROLMENT_AUTHORITY_SIGNER);
  const a = enrolReader(ring, authority, 'cl_a', 5);
  const b = enrolReader(ring, authority, 'cl_b', 6);
  const asked: GetLatest = { kind: 'get', device: 2, token: 1, request: 'r1', requester: 'cl_a' };

  it('proves a read signed by the requester it names, for the store it was signed for', () => {
    expect(signedByRequester(ring, 9, signedRead(a, ring, 9, asked))).toBe(true);
    expect(signedByRequester(ring, 8, signedRead(a, ring, 9, asked))).toBe(false);
    expect(signedByRequester(ring, 9, { ...signedRead(a, ring, 9, asked), token: 2 })).toBe(false);
  });

  it('proves nothing for a read signed by another reader, or under a certificate not the authority\'s', () => {
    expect(signedByRequester(ring, 9, signedRead(b, ring, 9, asked))).toBe(false);
    expect(signedByRequester(ring, 9, { ...signedRead(b, ring, 9, asked), certificate: a.certificate })).toBe(false);
    const selfMade = { ...b.certificate, requester: 'cl_a', sig: b.key.sign(ring.digest(`reader-certificate:cl_a:${b.key.signer}`)) };
    expect(signedByRequester(ring, 9, { ...signedRead(b, ring, 9, asked), certificate: selfMade })).toBe(false);
  });
});
