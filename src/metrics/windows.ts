/**
 * Fixed-width time windows for the timeseries: per window, sums and counts of named quantities,
 * from which rates and means are derived at the end. Windows are indexed by time, so recording
 * costs one array write.
 */
import type { TimeseriesRow } from './types.ts';

export class TimeWindows {
  private readonly sums = new Map<string, Float64Array>();
  private readonly counts = new Map<string, Float64Array>();
  readonly windowCount: number;

  constructor(readonly startUs: number, readonly endUs: number, readonly widthUs: number) {
    if (!(widthUs > 0)) throw new RangeError(`window width must be positive, found ${widthUs}`);
    const spanUs = endUs - startUs;
    const whole = Math.floor(spanUs / widthUs);
    // A remainder under half a width joins the window before it: a last window of a few ms would
    // read its rate from one or two events (2 commits in 3 ms read as 667 tx/s beside 300).
    const remainderUs = spanUs - whole * widthUs;
    this.windowCount = spanUs <= 0 ? 0 : whole === 0 || 2 * remainderUs >= widthUs ? whole + 1 : whole;
  }

  /** Add `value` to `column` in the window holding `timeUs`; outside [start, end) is ignored. */
  record(column: string, timeUs: number, value: number): void {
    if (timeUs < this.startUs || timeUs >= this.endUs) return;
    const w = Math.min(Math.floor((timeUs - this.startUs) / this.widthUs), this.windowCount - 1);
    let s = this.sums.get(column);
    let c = this.counts.get(column);
    if (s === undefined || c === undefined) {
      s = new Float64Array(this.windowCount);
      c = new Float64Array(this.windowCount);
      this.sums.set(column, s);
      this.counts.set(column, c);
    }
    s[w]! += value;
    c[w]! += 1;
  }

  /**
   * One row per window, timed at its end. `rates` columns become per-second rates of their sums
   * over the window's own length (where the span is not a multiple of the width, the last window
   * ends at `endUs`: cut short, or, where less than half a width is left, that part added to it,
   * and dividing by the full width would misstate its rate); `means` columns become means (NaN in a
   * window without samples).
   */
  rows(rates: Readonly<Record<string, string>>, means: Readonly<Record<string, string>>): TimeseriesRow[] {
    const out: TimeseriesRow[] = [];
    for (let w = 0; w < this.windowCount; w++) {
      const windowStartUs = this.startUs + w * this.widthUs;
      const endUs = w === this.windowCount - 1 ? this.endUs : windowStartUs + this.widthUs;
      const lengthS = (endUs - windowStartUs) / 1e6;
      const row: Record<string, number> = { timeS: endUs / 1e6 };
      for (const [out_, col] of Object.entries(rates)) row[out_] = (this.sums.get(col)?.[w] ?? 0) / lengthS;
      for (const [out_, col] of Object.entries(means)) {
        const c = this.counts.get(col)?.[w] ?? 0;
        row[out_] = c === 0 ? NaN : this.sums.get(col)![w]! / c;
      }
      out.push(row as TimeseriesRow);
    }
    return out;
  }
}
