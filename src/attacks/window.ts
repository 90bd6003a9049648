/** Attack windows: [start, end), with `end` omitted meaning "until the run ends". */

export interface AttackWindow {
  readonly start: number;
  readonly end?: number | undefined;
}

export function windowEndUs(spec: AttackWindow): number {
  return spec.end ?? Infinity;
}

export function isActive(spec: AttackWindow, timeUs: number): boolean {
  return timeUs >= spec.start && (spec.end === undefined || timeUs < spec.end);
}
