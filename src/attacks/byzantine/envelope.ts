/**
 * Between colluding equivocators, a message says which face sent it, so that face k of one
 * Byzantine replica only ever talks to face k of another (each face is a consistent, honest-looking
 * replica to its side of the honest replicas). Honest replicas never see an envelope.
 */
export interface FaceEnvelope {
  readonly kind: 'byzantine-face';
  readonly face: number;
  readonly msg: unknown;
}

export function isFaceEnvelope(msg: unknown): msg is FaceEnvelope {
  return typeof msg === 'object' && msg !== null && (msg as { kind?: unknown }).kind === 'byzantine-face';
}
