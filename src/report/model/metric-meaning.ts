/** A metric's meaning from the catalog (src/metrics/catalog), placeholders such as `<detector>` included. */
import { METRIC_DOCS } from '../../metrics/catalog.ts';

/** A catalog name with `<detector>`-style placeholders as a pattern of whole metric names. */
export function namePattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[a-z]+>/g, '[^.]+')}$`);
}

const PATTERNS = METRIC_DOCS.map((doc) => ({ doc, pattern: namePattern(doc.name) }));

/** The catalog's meaning of `metric`, or undefined for a metric the catalog does not list (a plug-in's). */
export function metricMeaning(metric: string): string | undefined {
  return PATTERNS.find(({ doc, pattern }) => doc.name === metric || pattern.test(metric))?.doc.meaning;
}
