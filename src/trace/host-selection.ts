/**
 * `iomtsim trace --hosts 0,1,5..9` or `--hosts replicas` (combinable): read when the command starts,
 * and checked against the world's hosts once it is placed (only then is their number known). Ranges
 * are kept as bounds until that check, so `0..999999999` is refused at once instead of filling a set.
 */
import { inputError } from '../scenario/errors.ts';

export interface HostRange {
  /** As typed, for messages. */
  readonly part: string;
  readonly lo: number;
  readonly hi: number;
}

export interface HostSelection {
  /** The flag's value as typed, for messages. */
  readonly text: string;
  readonly ranges: readonly HostRange[];
  /** Also the consensus replicas, wherever they were placed. */
  readonly replicas: boolean;
}

const EXPECTED = "host ids, ranges and 'replicas', comma-separated: 0,1,5..9 or replicas";

export function parseHostSelection(text: string): HostSelection {
  const ranges: HostRange[] = [];
  let replicas = false;
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(\d+)(?:\.\.(\d+))?$/.exec(part);
    if (part === 'replicas') replicas = true;
    else if (range === null) throw inputError(`--hosts ${text}`, '(flag)', EXPECTED, `'${part}'`);
    else {
      const lo = Number(range[1]);
      const hi = range[2] === undefined ? lo : Number(range[2]);
      if (hi < lo) throw inputError(`--hosts ${text}`, '(flag)', 'a range low..high with low ≤ high', `'${part}'`);
      ranges.push({ part, lo, hi });
    }
  }
  return { text, ranges, replicas };
}

/** The ids `selection` names in a world of `hostCount` hosts of scenario `scenarioName`; a host it lacks is bad input. */
export function selectedHostIds(selection: HostSelection, hostCount: number, scenarioName: string): Set<number> {
  const outside = selection.ranges.find((r) => r.hi >= hostCount);
  if (outside !== undefined) {
    throw inputError(`--hosts ${selection.text}`, '(flag)', `host ids from 0 to ${hostCount - 1} (scenario '${scenarioName}' has ${hostCount} hosts)`, `'${outside.part}'`);
  }
  const ids = new Set<number>();
  for (const { lo, hi } of selection.ranges) for (let h = lo; h <= hi; h++) ids.add(h);
  return ids;
}
