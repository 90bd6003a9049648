/**
 * When a client (the load client, the IoMT ledger client) sends an unconfirmed request again, and
 * when it gives up on it, kept in due order without ever scanning the backlog. The wait before retransmission k is
 * requestTimeout · backoff^(k−1), capped at retryIntervalMax: the timer doubling of TCP's
 * retransmission (RFC 6298 §5.5) with its optional ceiling (§2.5), docs/references.md §10. A request
 * not confirmed giveUpAfter after its submission is abandoned, as a client's commit wait times out
 * (CometBFT's broadcast_tx_commit, docs/references.md §10).
 *
 * Why no heap: every wait depends only on the attempt number, so requests waiting for the same
 * attempt enter its lane in the order they are due (each enters at "now + that attempt's wait", and
 * now only grows). One FIFO lane per attempt keeps every operation O(1) amortised; attempts past
 * the cap share one lane, whose wait is constant. A confirmed request is not searched for: its
 * entries are dropped when they reach a lane's head. Deadlines need no lane: they fall due in
 * submission order, so the next one is always the oldest unconfirmed request's, which the client
 * that owns the requests knows (an overloaded client holds a deadline's worth of requests, and a
 * lane of them cost 16 B each).
 */

/** TCP's retransmission timer doubling (RFC 6298 §5.5): the default backoff of every client. */
export const DEFAULT_RETRY_BACKOFF = 2;
/** The ceiling RFC 6298 §2.5 allows at the least: the default longest wait between retransmissions. */
export const DEFAULT_RETRY_INTERVAL_MAX_US = 60_000_000;

export interface RetryPolicy {
  /** Wait before the first retransmission (PBFT's client timer, Castro & Liskov §4.1). */
  readonly requestTimeoutUs: number;
  /** Each further wait is this many times the previous one (1: a constant period). */
  readonly backoffFactor: number;
  /** No wait between two retransmissions exceeds this, nor requestTimeoutUs if longer (Infinity: no cap). */
  readonly retryIntervalMaxUs: number;
  /** Abandon a request unconfirmed this long after its submission (Infinity: never). */
  readonly giveUpAfterUs: number;
}

export function validateRetryPolicy(p: RetryPolicy): void {
  if (!(p.requestTimeoutUs > 0)) throw new RangeError(`client: requestTimeout must be positive, found ${p.requestTimeoutUs} µs`);
  if (!(p.backoffFactor >= 1)) throw new RangeError(`client: retry backoff must be at least 1, found ${p.backoffFactor}`);
  if (!(p.retryIntervalMaxUs > 0)) throw new RangeError(`client: retryIntervalMax must be positive, found ${p.retryIntervalMaxUs} µs`);
  if (!(p.giveUpAfterUs > 0)) throw new RangeError(`client: giveUpAfter must be positive, found ${p.giveUpAfterUs} µs`);
}

/** The wait before retransmission `attempt` (1 is the first). */
export function retryWaitUs(p: RetryPolicy, attempt: number): number {
  // Whole µs, as every engine time; rounding keeps each attempt's wait constant, so lanes stay ordered.
  return Math.round(Math.min(p.requestTimeoutUs * p.backoffFactor ** (attempt - 1), Math.max(p.retryIntervalMaxUs, p.requestTimeoutUs)));
}

/** The first attempt whose wait is the cap: every later one waits the same (Infinity: never). */
function firstCappedAttempt(p: RetryPolicy): number {
  if (p.backoffFactor === 1 || p.requestTimeoutUs >= p.retryIntervalMaxUs) return 1;
  if (p.retryIntervalMaxUs === Infinity) return Infinity;
  return 1 + Math.ceil(Math.log(p.retryIntervalMaxUs / p.requestTimeoutUs) / Math.log(p.backoffFactor));
}

/** A FIFO of (key, due time) pairs pushed in nondecreasing due order; a growable ring buffer. */
class Lane {
  private keys = new Float64Array(16);
  private dues = new Float64Array(16);
  private head = 0;
  size = 0;

  push(key: number, dueUs: number): void {
    if (this.size === this.keys.length) this.grow();
    const i = (this.head + this.size) & (this.keys.length - 1);
    this.keys[i] = key;
    this.dues[i] = dueUs;
    this.size++;
  }

  headKey(): number {
    return this.keys[this.head]!;
  }

  headDueUs(): number {
    return this.dues[this.head]!;
  }

  pop(): void {
    this.head = (this.head + 1) & (this.keys.length - 1);
    this.size--;
  }

  private grow(): void {
    const n = this.keys.length;
    const keys = new Float64Array(2 * n);
    const dues = new Float64Array(2 * n);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & (n - 1);
      keys[k] = this.keys[i]!;
      dues[k] = this.dues[i]!;
    }
    this.keys = keys;
    this.dues = dues;
    this.head = 0;
  }
}

/**
 * What is due at `dueUs`: give up on `key`, or send it again as retransmission `attempt` (attempts
 * past the cap all read as the first capped one: they wait the same).
 */
export interface DueAction {
  readonly key: number;
  readonly attempt: number | 'give-up';
  readonly dueUs: number;
}

/** What the schedule asks of the client whose requests it times; keys grow in submission order. */
export interface RetryOwner {
  /** The request is still unconfirmed and not abandoned (entries of others are dropped). */
  isLive(key: number): boolean;
  /** The key of the oldest live request, NaN when none. Read only where giveUpAfter is finite. */
  oldestLive(): number;
  /** When request `key` (live) was submitted, µs. */
  submittedUs(key: number): number;
}

export class RetrySchedule {
  /** lanes[k − 1] holds requests waiting for retransmission k (k clamped at the first capped attempt). */
  private readonly lanes: Lane[] = [];
  private readonly cappedAttempt: number;

  /** The owner must stop counting a request live once `popDue` hands out its give-up. */
  constructor(private readonly policy: RetryPolicy, private readonly owner: RetryOwner) {
    validateRetryPolicy(policy);
    this.cappedAttempt = firstCappedAttempt(policy);
  }

  /** Entries held, live or not yet dropped: bounded by the requests of the last giveUpAfter. */
  get entries(): number {
    let n = 0;
    for (const lane of this.lanes) n += lane.size;
    return n;
  }

  /** A request submitted at `nowUs`: its first retransmission (its deadline follows from its submission). */
  submitted(key: number, nowUs: number): void {
    this.schedule(key, 1, nowUs, nowUs + this.policy.giveUpAfterUs);
  }

  /** Retransmission `attempt` of a request was sent at `nowUs`: schedule the next one. */
  retransmitted(key: number, attempt: number, nowUs: number, submittedUs: number): void {
    this.schedule(key, attempt + 1, nowUs, submittedUs + this.policy.giveUpAfterUs);
  }

  /** When the earliest live entry is due; Infinity when none is. */
  nextDueUs(): number {
    let earliest = this.nextDeadlineUs();
    for (const lane of this.lanes) {
      const l = this.liveHead(lane);
      if (l !== undefined && l.headDueUs() < earliest) earliest = l.headDueUs();
    }
    return earliest;
  }

  /** Remove and return the earliest live entry due at or before `nowUs`; deadlines first on ties. */
  popDue(nowUs: number): DueAction | undefined {
    let best: Lane | undefined;
    let bestAttempt = 0;
    const deadlineUs = this.nextDeadlineUs();
    let bestDueUs = deadlineUs <= nowUs ? deadlineUs : Infinity;
    for (let k = 0; k < this.lanes.length; k++) {
      const l = this.liveHead(this.lanes[k]!);
      if (l === undefined || l.headDueUs() > nowUs) continue;
      if (l.headDueUs() < bestDueUs) {
        best = l;
        bestAttempt = k + 1;
        bestDueUs = l.headDueUs();
      }
    }
    if (best === undefined) return bestDueUs === Infinity ? undefined : { key: this.owner.oldestLive(), attempt: 'give-up', dueUs: bestDueUs };
    const key = best.headKey();
    best.pop();
    return { key, attempt: bestAttempt, dueUs: bestDueUs };
  }

  /** The oldest live request's deadline; Infinity when none or never. */
  private nextDeadlineUs(): number {
    if (this.policy.giveUpAfterUs === Infinity) return Infinity;
    const oldest = this.owner.oldestLive();
    return Number.isNaN(oldest) ? Infinity : this.owner.submittedUs(oldest) + this.policy.giveUpAfterUs;
  }

  private schedule(key: number, attempt: number, nowUs: number, deadlineUs: number): void {
    const dueUs = nowUs + retryWaitUs(this.policy, attempt);
    // A retransmission at or after the deadline would never be sent: the request is abandoned first.
    if (dueUs >= deadlineUs) return;
    const lane = Math.min(attempt, this.cappedAttempt) - 1;
    while (this.lanes.length <= lane) this.lanes.push(new Lane());
    this.lanes[lane]!.push(key, dueUs);
  }

  private liveHead(lane: Lane): Lane | undefined {
    while (lane.size > 0 && !this.owner.isLive(lane.headKey())) lane.pop();
    return lane.size > 0 ? lane : undefined;
  }
}
