/**
 * Mean wait in a bulk-service queue: Poisson arrivals at rate λ, service epochs (blocks) as a Poisson
 * process of rate μ, each taking up to b waiting customers (Bailey 1954; docs/references.md §2 "Mempool
 * queueing"). The number waiting is geometric with ratio r, the root in (0, 1) of
 *   μ r^{b+1} − (λ + μ) r + λ = 0      (it exists when λ < bμ),
 * so L = r / (1 − r) and, by Little's law, W = L / λ.
 */
export interface BulkServiceResult {
  readonly r: number;
  /** Mean number waiting. */
  readonly meanWaiting: number;
  /** Mean wait, in the time unit of 1/λ. */
  readonly meanWait: number;
}

export function bulkServiceWait(lambda: number, mu: number, b: number): BulkServiceResult {
  if (!(lambda > 0 && mu > 0 && Number.isInteger(b) && b >= 1)) throw new RangeError(`need λ > 0, μ > 0 and an integer b ≥ 1, found λ=${lambda}, μ=${mu}, b=${b}`);
  if (!(lambda < b * mu)) throw new RangeError(`the queue is unstable unless λ < bμ (found λ=${lambda}, bμ=${b * mu})`);
  const f = (r: number): number => mu * r ** (b + 1) - (lambda + mu) * r + lambda;
  // f(0) = λ > 0 and f'(1) = bμ − λ > 0 with f(1) = 0, so f < 0 just below 1: bisect between.
  let lo = 0;
  let hi = 1 - 1e-12;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  const r = (lo + hi) / 2;
  const meanWaiting = r / (1 - r);
  return { r, meanWaiting, meanWait: meanWaiting / lambda };
}
