/**
 * `iomtsim calibrate`: time real Ed25519, SHA-256 and HMAC on this host and print the cost table in
 * the form a scenario pins it (`consensus.cryptoCosts`), so runs stay deterministic: the
 * measurement is data a scenario states, never something a run reads implicitly.
 */
import { stringify } from 'yaml';
import { writeJsonAtomic } from '../../io/atomic-write.ts';
import { checkOutputFile } from '../../io/output-folder.ts';
import { calibrateCrypto } from '../../runner/calibrate.ts';
import { EXIT } from '../errors.ts';

export async function calibrateCommand(args: { json?: string }): Promise<number> {
  if (args.json !== undefined) checkOutputFile(args.json, '--json');
  process.stderr.write('calibrating crypto costs on this host (about a second)...\n');
  const costs = calibrateCrypto();
  if (args.json !== undefined) writeJsonAtomic(args.json, costs);
  process.stdout.write(`# CPU cost per operation in µs on this host; paste into a scenario to use it\n${stringify({ consensus: { cryptoCosts: costs } })}`);
  return EXIT.ok;
}
