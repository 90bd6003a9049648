/** What `emitFirst` keys an event by within its kind: a transaction's id, a request's. */
export type EmitKey = string | number;

const WORD_BITS = 32;

/**
 * The keys of one kind already admitted. Integer keys are bits of 32-key words, kept by word: a
 * run's transaction ids (the keys of contract outcomes) come as runs of consecutive numbers per
 * sender, so a word holds up to 32 of them where a set holds each in an entry of its own (a number
 * past 2^31 as a heap number besides: 50 bytes a transaction, regional.yaml's 1.4 MB from the 5th
 * to the 20th simulated minute). Other keys are kept in a set.
 */
class AdmittedKeys {
  private readonly words = new Map<number, number>();
  private readonly others = new Set<EmitKey>();

  /** Adds `key`; false when it was admitted before. */
  add(key: EmitKey): boolean {
    if (typeof key === 'number' && Number.isSafeInteger(key)) {
      // Division by a power of two is exact, so a safe integer's word and bit are too.
      const word = Math.floor(key / WORD_BITS);
      const bit = 1 << (key - word * WORD_BITS);
      const bits = this.words.get(word) ?? 0;
      if ((bits & bit) !== 0) return false;
      this.words.set(word, bits | bit);
      return true;
    }
    if (this.others.has(key)) return false;
    this.others.add(key);
    return true;
  }

  /** Map entries held: one per word with an admitted integer key, one per other key. */
  get entries(): number {
    return this.words.size + this.others.size;
  }
}

/**
 * The (event kind, key) pairs a run has already reported through `emitFirst`. Some events every
 * replica reports alike (the outcome of a transaction each executes); observers need the first
 * only, at its time. One engine shows them that one. A partitioned run keeps them in each
 * partition (a key one of its own hosts reported before cannot be the run's first) and one more
 * where the coordinator merges the partitions' events in the global order, so observers see the
 * same events for any thread count.
 */
export class FirstEmissions {
  private readonly byKind = new Map<string, AdmittedKeys>();

  /** Whether (kind, key) comes for the first time; from now on it does not. */
  admit(kind: string, key: EmitKey): boolean {
    let seen = this.byKind.get(kind);
    if (seen === undefined) this.byKind.set(kind, (seen = new AdmittedKeys()));
    return seen.add(key);
  }

  /** Entries held over every kind (what the pairs admitted cost). */
  get entries(): number {
    let n = 0;
    for (const seen of this.byKind.values()) n += seen.entries;
    return n;
  }
}
