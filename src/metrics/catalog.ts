/**
 * Every metric's name, unit and meaning. Each area keeps its own list in catalog/<area>.ts and
 * adds it here with one import and one spread.
 */
import { CONSENSUS_METRIC_DOCS } from './catalog/consensus.ts';
import { ATTACK_METRIC_DOCS, DEVICE_ATTACK_METRIC_DOCS, RECORD_ATTACK_METRIC_DOCS } from './catalog/attacks.ts';
import { POW_METRIC_DOCS } from './catalog/pow.ts';
import { POA_METRIC_DOCS } from './catalog/poa.ts';
import { IOMT_METRIC_DOCS } from './catalog/iomt.ts';
import type { MetricDoc } from './catalog/types.ts';

export type { MetricDoc } from './catalog/types.ts';

export const METRIC_DOCS: readonly MetricDoc[] = [...CONSENSUS_METRIC_DOCS, ...ATTACK_METRIC_DOCS, ...DEVICE_ATTACK_METRIC_DOCS, ...RECORD_ATTACK_METRIC_DOCS, ...POW_METRIC_DOCS, ...POA_METRIC_DOCS, ...IOMT_METRIC_DOCS];

/** A catalog name with `<detector>`-style placeholders as a pattern of whole metric names. */
export function namePattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[a-z]+>/g, '[^.]+')}$`);
}

const PATTERNS = METRIC_DOCS.filter((doc) => doc.name.includes('<')).map((doc) => ({ doc, pattern: namePattern(doc.name) }));

/** The catalog's entry for `name`, exact or through a placeholder (`detect.<detector>.…`); undefined for a metric it does not list (a plug-in's). */
export function metricDoc(name: string): MetricDoc | undefined {
  return METRIC_DOCS.find((d) => d.name === name) ?? PATTERNS.find(({ pattern }) => pattern.test(name))?.doc;
}
