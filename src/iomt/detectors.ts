/**
 * Streaming anomaly detectors: the framework's "AI-assisted" threat detection, kept to classical
 * statistical process control so that every alarm can be explained.
 *
 * Each detector watches one numeric feature of one subject (a device's inter-arrival time or value,
 * a gateway's message rate) and learns its in-control mean and spread from the first `warmup`
 * samples. It raises an alarm on the transition into the out-of-control state, holds it while the
 * statistic stays out of control, and re-arms once the statistic is back in control, so a sustained
 * attack yields one alarm, not one per sample: an alarm is an onset, and every count of alarms
 * counts onsets. The return to control is reported too ('alarm-clear'), so a scorer knows which
 * subjects are still in alarm when an attack begins. What "back in control" means is the
 * statistic's own: the EWMA's smoothed mean back inside its limits, the CUSUM's sums back at 0 (an
 * attack that alternates anomalous and normal samples, as a replay does, keeps both out of control
 * throughout), the z-score's latest sample inside its limit (a Shewhart chart judges each sample
 * alone, so it alarms once per run of anomalous samples).
 *
 * - EWMA chart (Roberts 1959; limits from Lucas & Saccucci 1990): z ← λx + (1−λ)z, alarm when
 *   |z − μ| > L·σ·√(λ/(2−λ)).
 * - Tabular CUSUM (Page 1954; Montgomery, "Introduction to SQC", §9.1): on u = (x − μ)/σ,
 *   S⁺ ← max(0, S⁺ + u − k), S⁻ ← max(0, S⁻ − u − k), alarm when either exceeds h, held until
 *   both are back at 0.
 * - z-score: |x − μ|/σ > threshold against running (Welford) statistics of the in-control samples.
 */
import type { ModelEvent } from '../../sim/index.ts';

/** Raised by a detector; the attack layer scores these against ground truth. */
export interface AlarmEvent extends ModelEvent {
  readonly kind: 'alarm';
  /** Detector and feature, e.g. 'cusum:interarrival'. */
  readonly detector: string;
  /** What is suspected, e.g. 'device:42' or 'gateway:3' (simulation ids, not patient data). */
  readonly subject: string;
  readonly timeUs: number;
}

/** A detector's statistic back in control on a subject it had alarmed on. */
export interface AlarmClearEvent extends ModelEvent {
  readonly kind: 'alarm-clear';
  readonly detector: string;
  readonly subject: string;
  readonly timeUs: number;
}

export interface StreamDetector {
  /** Feed one sample; true exactly when this sample moves the detector into alarm. */
  update(x: number): boolean;
  /** Whether the detector is currently out of control. */
  readonly alarmed: boolean;
}

/** Smallest spread used, so a constant warm-up signal does not make every change an alarm. */
const SIGMA_FLOOR_FRACTION = 0.01;
const SIGMA_FLOOR_ABS = 1e-9;

/** Mean and standard deviation of the warm-up samples (Welford's online algorithm). */
class WarmupStats {
  n = 0;
  mean = 0;
  private m2 = 0;
  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
  get sd(): number {
    return warmupSd(this.n, this.mean, this.m2);
  }
}

export interface EwmaParams {
  /** Smoothing weight of the newest sample, 0 < λ ≤ 1. */
  readonly lambda: number;
  /** Control-limit width in σ of the EWMA statistic. */
  readonly limitSigmas: number;
  readonly warmup: number;
}

export class EwmaDetector implements StreamDetector {
  private readonly stats = new WarmupStats();
  private z = 0;
  private limit = 0;
  alarmed = false;
  constructor(private readonly p: EwmaParams) {}

  update(x: number): boolean {
    const s = this.stats;
    if (s.n < this.p.warmup) {
      s.add(x);
      if (s.n === this.p.warmup) {
        this.z = s.mean;
        const lam = this.p.lambda;
        this.limit = this.p.limitSigmas * s.sd * Math.sqrt(lam / (2 - lam));
      }
      return false;
    }
    this.z = this.p.lambda * x + (1 - this.p.lambda) * this.z;
    return this.transition(Math.abs(this.z - s.mean) > this.limit);
  }

  private transition(out: boolean): boolean {
    const rose = out && !this.alarmed;
    this.alarmed = out;
    return rose;
  }
}

export interface CusumParams {
  /** Allowance (slack) in σ: half the shift to detect quickly. */
  readonly k: number;
  /** Decision interval in σ. */
  readonly h: number;
  readonly warmup: number;
}

/**
 * Detectors of one kind for many subjects (a gateway's devices), fed by subject index. A kind may
 * keep its subjects' state side by side in typed arrays (CusumDetectors); any other runs one
 * StreamDetector per subject (EachSubject).
 */
export interface SubjectDetectors {
  /** Feed one sample of `subject`; true exactly when it moves that subject's detector into alarm. */
  update(subject: number, x: number): boolean;
  /** Whether `subject`'s detector is out of control now. */
  alarmed(subject: number): boolean;
}

/** One StreamDetector per subject. */
export class EachSubject implements SubjectDetectors {
  constructor(private readonly detectors: readonly StreamDetector[]) {}

  update(subject: number, x: number): boolean {
    return this.detectors[subject]!.update(x);
  }

  alarmed(subject: number): boolean {
    return this.detectors[subject]!.alarmed;
  }
}

/**
 * The tabular CUSUM of `subjects` streams, each subject's warm-up statistics, σ, sums and alarm
 * state in typed arrays: a gateway's device detectors are updated in no particular order, and one
 * object per detector (and per its warm-up statistics) cost a cache miss or two each. The same
 * arithmetic as WarmupStats and a detector of its own, so the same alarms.
 */
export class CusumDetectors implements SubjectDetectors {
  private readonly n: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly sd: Float64Array;
  private readonly hi: Float64Array;
  private readonly lo: Float64Array;
  private readonly out: Uint8Array;
  private readonly k: number;
  private readonly h: number;
  private readonly warmup: number;

  constructor(p: CusumParams, subjects: number) {
    this.k = p.k;
    this.h = p.h;
    this.warmup = p.warmup;
    this.n = new Float64Array(subjects);
    this.mean = new Float64Array(subjects);
    this.m2 = new Float64Array(subjects);
    this.sd = new Float64Array(subjects).fill(1);
    this.hi = new Float64Array(subjects);
    this.lo = new Float64Array(subjects);
    this.out = new Uint8Array(subjects);
  }

  update(i: number, x: number): boolean {
    if (this.n[i]! < this.warmup) {
      const n = this.n[i]! + 1;
      this.n[i] = n;
      const d = x - this.mean[i]!;
      const mean = this.mean[i]! + d / n;
      this.mean[i] = mean;
      this.m2[i]! += d * (x - mean);
      if (n === this.warmup) this.sd[i] = warmupSd(n, mean, this.m2[i]!);
      return false;
    }
    const u = (x - this.mean[i]!) / this.sd[i]!;
    let hi = this.hi[i]! + u - this.k;
    let lo = this.lo[i]! - u - this.k;
    hi = hi > 0 ? hi : 0;
    lo = lo > 0 ? lo : 0;
    // Out of control once a sum exceeds h, and until both are back at 0, where the in-control chart
    // renews (Page 1954): no evidence of a shift is left. The sums are not restarted at the signal:
    // Montgomery (§9.1) restarts them once the process has been investigated and corrected, and a
    // detector only reports. Restarted, a chart under a replay (every other inter-arrival ≈ 0) came
    // back in control on the next normal sample and alarmed again on every replayed copy.
    const wasOut = this.out[i] === 1;
    const out = wasOut ? hi > 0 || lo > 0 : hi > this.h || lo > this.h;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.out[i] = out ? 1 : 0;
    return out && !wasOut;
  }

  alarmed(i: number): boolean {
    return this.out[i] === 1;
  }
}

/** WarmupStats' σ from its count, mean and sum of squared deviations. */
function warmupSd(n: number, mean: number, m2: number): number {
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  const floor = Math.max(SIGMA_FLOOR_ABS, Math.abs(mean) * SIGMA_FLOOR_FRACTION);
  return sd > floor ? sd : floor;
}

/** One stream's tabular CUSUM. */
export class CusumDetector implements StreamDetector {
  private readonly one: CusumDetectors;
  constructor(p: CusumParams) {
    this.one = new CusumDetectors(p, 1);
  }

  update(x: number): boolean {
    return this.one.update(0, x);
  }

  get alarmed(): boolean {
    return this.one.alarmed(0);
  }
}

export interface ZScoreParams {
  readonly threshold: number;
  readonly warmup: number;
}

export class ZScoreDetector implements StreamDetector {
  private readonly stats = new WarmupStats();
  alarmed = false;
  constructor(private readonly p: ZScoreParams) {}

  update(x: number): boolean {
    const s = this.stats;
    if (s.n < this.p.warmup) {
      s.add(x);
      return false;
    }
    const out = Math.abs(x - s.mean) / s.sd > this.p.threshold;
    // Only in-control samples refine the baseline, so an attacker cannot drag it along.
    if (!out) s.add(x);
    const rose = out && !this.alarmed;
    this.alarmed = out;
    return rose;
  }
}
