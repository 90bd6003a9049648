/**
 * When each subject was in alarm, per detector: the spans from an 'alarm' (going out of control) to
 * the 'alarm-clear' that follows it (back in control), open while none has. A scorer reads from
 * them each subject's first alarm, and whether a subject was still in alarm when its attack began:
 * such a subject raises no new alarm (alarms are rising edges), and its detector had flagged it all
 * the same.
 */
export class AlarmSpans<Subject extends number | string> {
  /** detector → subject → [rise, clear, rise, clear, …] in µs, the last clear Infinity while open. */
  private readonly spans = new Map<string, Map<Subject, number[]>>();

  raised(detector: string, subject: Subject, timeUs: number): void {
    let bySubject = this.spans.get(detector);
    if (bySubject === undefined) this.spans.set(detector, (bySubject = new Map()));
    const s = bySubject.get(subject);
    if (s === undefined) bySubject.set(subject, [timeUs, Infinity]);
    else if (s[s.length - 1] !== Infinity) s.push(timeUs, Infinity);
  }

  cleared(detector: string, subject: Subject, timeUs: number): void {
    const s = this.spans.get(detector)?.get(subject);
    if (s !== undefined && s[s.length - 1] === Infinity) s[s.length - 1] = timeUs;
  }

  /**
   * The detectors to score, in name order: every one `configured` (one that never alarmed has
   * detected nothing, which a score left out would hide) and every one that raised an alarm.
   */
  scoredDetectors(configured: readonly string[]): string[] {
    return [...new Set([...configured, ...this.spans.keys()])].sort();
  }

  /**
   * Each alarmed subject's first alarm under `detector` at a time `preferred` accepts (inside the
   * subject's malicious window), else its first alarm.
   */
  firstAlarms(detector: string, preferred: (subject: Subject, timeUs: number) => boolean): Map<Subject, number> {
    const out = new Map<Subject, number>();
    for (const [subject, s] of this.spans.get(detector) ?? []) {
      let first = s[0]!;
      for (let i = 0; i < s.length; i += 2) {
        if (preferred(subject, s[i]!)) {
          first = s[i]!;
          break;
        }
      }
      out.set(subject, first);
    }
    return out;
  }

  /** Whether `detector` was in alarm on `subject` at `timeUs`: raised before it and not cleared by it. */
  inAlarmAt(detector: string, subject: Subject, timeUs: number): boolean {
    const s = this.spans.get(detector)?.get(subject);
    if (s === undefined) return false;
    for (let i = 0; i < s.length; i += 2) if (s[i]! < timeUs && s[i + 1]! > timeUs) return true;
    return false;
  }
}
