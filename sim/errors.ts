/**
 * Errors raised by the engine. One constructor per failure so callers can tell them apart by
 * `code` and a message that says what ran away and when.
 */
export type SimErrorCode = 'QUEUE_OVERFLOW' | 'BAD_ARGUMENT' | 'UNKNOWN_HOST';

export class SimError extends Error {
  readonly code: SimErrorCode;
  constructor(code: SimErrorCode, message: string) {
    super(message);
    this.name = 'SimError';
    this.code = code;
  }
}

export function queueOverflow(limit: number, nowUs: number): SimError {
  return new SimError(
    'QUEUE_OVERFLOW',
    `event queue exceeded its bound of ${limit} pending events at t=${nowUs} µs: ` +
      'a model is scheduling events faster than it consumes them (raise engine.maxPendingEvents only if the load is real)',
  );
}

export function badArgument(what: string, expected: string, found: unknown): SimError {
  return new SimError('BAD_ARGUMENT', `${what}: expected ${expected}, found ${String(found)}`);
}

export function unknownHost(host: number, hostCount: number): SimError {
  return new SimError('UNKNOWN_HOST', `host ${host} does not exist (hosts are 0..${hostCount - 1})`);
}
