/**
 * Parameters set for a protocol the scenario does not run: worth a notice, never an input error.
 * Every registered protocol has its own `consensus.<name>` block, read only when `consensus.protocol`
 * names it, so that one file can carry the settings of several protocols and a sweep can vary the
 * protocol. Set alone, such a block is a silent no-op: `--set consensus.pbft.checkpointInterval=50`
 * on raft.yaml runs Raft exactly as without it. A block whose values all equal its protocol's
 * defaults is left alone (nothing there could have been meant to change the run), and so is the
 * block of a protocol another point of a sweep over consensus.protocol runs.
 */
import { dottedPath } from './errors.ts';
import { registriesOf } from './capacity-notices.ts';
import type { Scenario } from './schema.ts';

/**
 * One sentence per protocol block of `scenario` set away from its defaults for a protocol other than
 * the one it runs, naming where (`locate`); none for the protocols in `runElsewhere` (run at other
 * points of the same sweep).
 */
export function protocolSectionNotices(scenario: Scenario, locate: (path: readonly PropertyKey[]) => string, runElsewhere: ReadonlySet<string> = new Set()): string[] {
  const consensus = scenario.consensus as unknown as Record<string, unknown>;
  const running = scenario.consensus.protocol;
  const notices: string[] = [];
  for (const protocol of registriesOf(scenario).protocols) {
    if (protocol.name === running || runElsewhere.has(protocol.name)) continue;
    const block = consensus[protocol.name] as Record<string, unknown> | undefined;
    if (block === undefined) continue;
    const defaults = protocol.paramsSchema.parse({}) as Record<string, unknown>;
    const changed = Object.keys(block).filter((k) => JSON.stringify(block[k]) !== JSON.stringify(defaults[k]));
    if (changed.length === 0) continue;
    const first = ['consensus', protocol.name, changed[0]!];
    const fields = changed.map((k) => dottedPath(['consensus', protocol.name, k])).join(', ');
    notices.push(`${locate(first)}: ${fields}: ${changed.length === 1 ? 'is' : 'are'} set for ${protocol.title}, but consensus.protocol is ${running}: not read in this run`);
  }
  return notices;
}
