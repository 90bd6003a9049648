/**
 * Utilisation of the replicas' processors over a window, from the work each core performed inside
 * it (sim/engine.ts cpuCoreDoneUs: a handler charged before the end but running past it counts only
 * up to the end, so no core exceeds 1). A host's
 * serial work (its protocol thread) runs on core 0 and a batch's parallel checks spread over all
 * cores (fork-join, sim/engine.ts), so core 0 is busy whenever its replica is: the busiest core
 * says whether a replica was saturated, the mean over cores how much of the hardware was used.
 */
import type { Metrics } from './types.ts';

/** Work performed inside the window, µs, [replica][core]. */
export type CoreBusyUs = readonly (readonly number[])[];

export function cpuUtilizationMetrics(coreBusyUs: CoreBusyUs, windowUs: number): Metrics {
  let busyUs = 0, cores = 0;
  let nodeMax = 0, coreMax = 0, coreMin = Infinity;
  for (const replica of coreBusyUs) {
    let replicaBusyUs = 0;
    for (const us of replica) {
      replicaBusyUs += us;
      if (us > coreMax) coreMax = us;
      if (us < coreMin) coreMin = us;
    }
    busyUs += replicaBusyUs;
    cores += replica.length;
    if (replica.length > 0 && replicaBusyUs / replica.length > nodeMax) nodeMax = replicaBusyUs / replica.length;
  }
  const ratio = (us: number) => (cores === 0 ? 0 : us / windowUs);
  return {
    'node.cpu_utilization': { unit: 'ratio', value: cores === 0 ? 0 : busyUs / (cores * windowUs) },
    'node.cpu_utilization_max': { unit: 'ratio', value: ratio(nodeMax) },
    'node.cpu_utilization_core_max': { unit: 'ratio', value: ratio(coreMax) },
    'node.cpu_utilization_core_min': { unit: 'ratio', value: ratio(coreMin) },
  };
}
