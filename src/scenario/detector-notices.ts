/**
 * Detectors that a valid scenario sets up to learn longer than it runs: worth a notice on the command
 * line, never an input error. A detector learns its in-control mean and spread from its first
 * `warmup` samples (src/iomt/detectors.ts) and raises no alarm before; a device-scope detector is
 * fed one sample a reading, a gateway-scope one a sample every `iomt.gateway.rateWindow`. Where
 * those samples take at least the run's duration, the detector raises no alarm in the run, and its
 * alarm counts and detection scores read 0 or undefined whatever it could detect: a CUSUM with a
 * 50-sample warm-up on a once-a-minute wearable is ready after about 50 minutes, so in a 3-minute
 * run of wearables alone it watches nothing.
 */
import { detectorName } from '../iomt/detector-bank.ts';
import { DEVICE_KINDS, deviceProfiles } from '../iomt/profiles.ts';
import { seconds } from './attack-notices.ts';
import { dottedPath } from './errors.ts';
import type { Scenario } from './schema.ts';

/** One sentence per detector of `scenario` (and device kind it watches) that is still learning at the run's end, in the order the detectors are listed. */
export function detectorNotices(scenario: Scenario, locate: (path: readonly PropertyKey[]) => string): string[] {
  const iomt = scenario.iomt;
  if (iomt === undefined) return [];
  const profiles = deviceProfiles(iomt.profiles);
  const kindsInUse = DEVICE_KINDS.filter((k) => iomt.devicesPerBed[k] > 0);
  const notices: string[] = [];
  iomt.detectors.forEach((d, i) => {
    const path = ['iomt', 'detectors', i, 'warmup'];
    const where = `${locate(path)}: ${dottedPath(path)}`;
    const name = detectorName(d);
    if (d.scope === 'gateway') {
      const readyUs = d.warmup * iomt.gateway.rateWindow;
      if (readyUs < scenario.duration) return;
      notices.push(`${where}: detector '${name}' learns from its first ${d.warmup} windows of ${seconds(iomt.gateway.rateWindow)} (iomt.gateway.rateWindow), so it is ready after ${seconds(readyUs)}, at or after the run's end (duration ${seconds(scenario.duration)}): it raises no alarm in this run`);
      return;
    }
    // Only where no device kind of the scenario's arms it: slow kinds beside fast ones (a blood
    // pressure cuff read every 15 minutes) leave the detector at work on the others, and a notice
    // for every such kind would be said on most runs.
    if (kindsInUse.length === 0 || !kindsInUse.every((k) => d.warmup * profiles[k].intervalUs >= scenario.duration)) return;
    const which = kindsInUse.map((k) => `${k}: a reading every ${seconds(profiles[k].intervalUs)}${profiles[k].eventDriven ? ' on average' : ''}, ready after about ${seconds(d.warmup * profiles[k].intervalUs)}`).join('; ');
    notices.push(`${where}: detector '${name}' learns from each device's first ${d.warmup} readings (${which}), at or after the run's end (duration ${seconds(scenario.duration)}): it raises no alarm in this run`);
  });
  return notices;
}
