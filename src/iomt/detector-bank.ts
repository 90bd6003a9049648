/**
 * Which detectors watch which feature of which subject, built from the scenario's `iomt.detectors`
 * list through the detector-kind registry. A gateway keeps one bank per device it serves and one
 * for itself.
 */
import { DETECTOR_KINDS, detectorKind, type DetectorSpec } from './detector-kinds/index.ts';
import type { DetectorDefinition } from './detector-kinds/definition.ts';
import { EachSubject, type StreamDetector, type SubjectDetectors } from './detectors.ts';
import { describeFound } from '../scenario/errors.ts';

export type { DetectorSpec } from './detector-kinds/index.ts';

/** Features a detector can watch. Per device: inter-arrival time (s) and reported value; per gateway: message rate (readings/s over a window). */
export type DetectorFeature = DetectorSpec['feature'];
export const FEATURE_INDEX: Record<DetectorFeature, number> = { interarrival: 0, value: 1, rate: 2 };
const FEATURE_COUNT = 3;

/**
 * `made`, checked to be a detector where it is made: a plug-in's `create` may return anything, and
 * a detector without `update` would otherwise fail at its first sample, far from its cause.
 */
function checkedDetector<D extends StreamDetector | SubjectDetectors>(made: D, type: string, by: 'create' | 'createForSubjects'): D {
  if (typeof (made as Partial<D> | null)?.update !== 'function') {
    throw new TypeError(`detector '${type}': ${by} returned ${describeFound(made)}, expected a detector with an update function`);
  }
  return made;
}

export function makeDetector(spec: DetectorSpec, kinds: readonly DetectorDefinition[] = DETECTOR_KINDS): StreamDetector {
  return checkedDetector(detectorKind(spec.type, kinds).create(spec), spec.type, 'create');
}

/** The detectors of `spec` for `subjects` subjects: packed where the kind offers it, else one per subject. */
function makeSubjectDetectors(spec: DetectorSpec, subjects: number, kinds: readonly DetectorDefinition[]): SubjectDetectors {
  const kind = detectorKind(spec.type, kinds);
  if (kind.createForSubjects !== undefined) return checkedDetector(kind.createForSubjects(spec, subjects), spec.type, 'createForSubjects');
  return new EachSubject(Array.from({ length: subjects }, () => checkedDetector(kind.create(spec), spec.type, 'create')));
}

/** Detectors a sample moved into alarm (`raised`) and back into control (`cleared`). */
export interface AlarmEdges {
  readonly raised: readonly string[];
  readonly cleared: readonly string[];
}

export function detectorName(spec: { readonly type: string; readonly feature: string }): string {
  return `${spec.type}:${spec.feature}`;
}

/** Where a detector's metrics go: `cusum:interarrival` → `detect.cusum_interarrival`. */
export function detectorMetricPrefix(detector: string): string {
  return `detect.${detector.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
}

/**
 * The detectors of `subjects` subjects of one scope (a gateway's devices, or the gateway itself),
 * grouped by feature so a sample touches only its own detectors.
 */
export class DetectorBank {
  private readonly byFeature: SubjectDetectors[][] = [];
  private readonly namesByFeature: string[][] = [];

  constructor(specs: readonly DetectorSpec[], scope: 'device' | 'gateway', kinds: readonly DetectorDefinition[] = DETECTOR_KINDS, subjects = 1) {
    for (let f = 0; f < FEATURE_COUNT; f++) {
      this.byFeature.push([]);
      this.namesByFeature.push([]);
    }
    for (const s of specs) {
      if (s.scope !== scope) continue;
      const f = FEATURE_INDEX[s.feature];
      this.byFeature[f]!.push(makeSubjectDetectors(s, subjects, kinds));
      this.namesByFeature[f]!.push(detectorName(s));
    }
  }

  get empty(): boolean {
    return this.byFeature.every((d) => d.length === 0);
  }

  /**
   * Feed `subject`'s sample of `feature`; returns the detectors this sample moved into alarm or
   * back into control, or undefined (the common case, without allocating).
   */
  feed(feature: number, subject: number, x: number): AlarmEdges | undefined {
    const ds = this.byFeature[feature]!;
    let edges: { raised: string[]; cleared: string[] } | undefined;
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i]!;
      const was = d.alarmed(subject);
      const raised = d.update(subject, x);
      // A plug-in's update may return anything; a truthy 'no' must not be scored as an alarm.
      if (typeof raised !== 'boolean') throw new TypeError(`detector '${this.namesByFeature[feature]![i]}': update returned ${describeFound(raised)}, expected true or false (whether this sample moves it into alarm)`);
      if (raised) (edges ??= { raised: [], cleared: [] }).raised.push(this.namesByFeature[feature]![i]!);
      else if (was && !d.alarmed(subject)) (edges ??= { raised: [], cleared: [] }).cleared.push(this.namesByFeature[feature]![i]!);
    }
    return edges;
  }
}
