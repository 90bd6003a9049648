/**
 * Stand-alone entry until `iomtsim bench` is wired:
 *   npx tsx bench/main.ts [phold|quick|full] [--json FILE] [--compare FILE] [--threshold 10%] [--update-golden] [--runs N] [--only a,b]
 */
import { benchCommand } from './command.ts';

function parse(argv: readonly string[]): Parameters<typeof benchCommand>[0] | string {
  let suite = 'quick';
  const opts: { json?: string; compare?: string; threshold?: string; updateGolden?: boolean; runs?: number; only?: string[] } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a}: expected a value, found nothing`);
      return v;
    };
    if (a === '--json') opts.json = value();
    else if (a === '--compare') opts.compare = value();
    else if (a === '--threshold') opts.threshold = value();
    else if (a === '--update-golden') opts.updateGolden = true;
    else if (a === '--runs') opts.runs = Number(value());
    else if (a === '--only') opts.only = value().split(',');
    else if (!a.startsWith('-')) suite = a;
    else return `unknown option '${a}'`;
  }
  return { suite, ...opts };
}

const parsed = parse(process.argv.slice(2));
if (typeof parsed === 'string') {
  process.stderr.write(`bench: ${parsed}\n`);
  process.exitCode = 2;
} else {
  process.exitCode = await benchCommand(parsed);
}
