/** Index of a host (an actor placed in the network). Dense, starting at 0. */
export type HostId = number;
/** Handle returned by setTimer; opaque to actors. */
export type TimerId = number;
/** A number an actor chooses to recognise its own timers (no allocation per timer). */
export type TimerTag = number;

/** Something a model reports for metrics, checkers and traces. Tagged by `kind`. */
export interface ModelEvent {
  readonly kind: string;
}

/** Observers see every model event with the emitting host and the virtual time. */
export type ModelEventObserver = (host: HostId, event: ModelEvent, timeUs: number) => void;

export const US_PER_MS = 1_000;
