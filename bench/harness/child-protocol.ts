/** Messages a benchmark child process sends its parent over the IPC channel. */
import type { SimulatedMetrics } from './entry.ts';
import type { RunSample } from './results.ts';

export type ChildMessage =
  | { readonly kind: 'run'; readonly sample: RunSample; readonly metrics: SimulatedMetrics; readonly calibrationChecksum: number }
  /** An unmeasured run's model results: checked like the measured runs', a cold process's first run first. */
  | { readonly kind: 'unmeasured'; readonly metrics: SimulatedMetrics }
  | { readonly kind: 'done'; readonly peakRssBytes: number }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string };
