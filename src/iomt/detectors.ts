/**
 * Streaming anomaly detectors: the framework's "AI-assisted" threat detection, kept to classical
 * statistical process control so that every alarm can be explained.
 *
 * Each detector watches one numeric feature of one subject (a device's inter-arrival time or value,
 * a gateway's message rate) and learns its in-control mean and spread from the first `warmup`
 * samples. It raises an alarm on the transition into the out-of-control state and re-arms once the
 * statistic is back in control, so a sustained attack yields one alarm, not one per sample.
 *
 * - EWMA chart (Roberts 1959; limits from Lucas & Saccucci 1990): z ← λx + (1−λ)z, alarm when
 *   |z − μ| > L·σ·√(λ/(2−λ)).
 * - Tabular CUSUM (Page 1954; Montgomery, "Introduction to SQC", §9.1): on u = (x − μ)/σ,
 *   S⁺ ← max(0, S⁺ + u − k), S⁻ ← max(0, S⁻ − u − k), alarm when either exceeds h.
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
    const sd = this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : 0;
    const floor = Math.max(SIGMA_FLOOR_ABS, Math.abs(this.mean) * SIGMA_FLOOR_FRACTION);
    return sd > floor ? sd : floor;
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

export class CusumDetector implements StreamDetector {
  private readonly stats = new WarmupStats();
  private sd = 1;
  private hi = 0;
  private lo = 0;
  alarmed = false;
  constructor(private readonly p: CusumParams) {}

  update(x: number): boolean {
    const s = this.stats;
    if (s.n < this.p.warmup) {
      s.add(x);
      if (s.n === this.p.warmup) this.sd = s.sd;
      return false;
    }
    const u = (x - s.mean) / this.sd;
    const hi = this.hi + u - this.p.k;
    const lo = this.lo - u - this.p.k;
    this.hi = hi > 0 ? hi : 0;
    this.lo = lo > 0 ? lo : 0;
    const out = this.hi > this.p.h || this.lo > this.p.h;
    const rose = out && !this.alarmed;
    if (rose) {
      // Restart the sums after signalling (Montgomery §9.1.3): the next alarm needs fresh evidence.
      this.hi = 0;
      this.lo = 0;
    }
    this.alarmed = out;
    return rose;
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
