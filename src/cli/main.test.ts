import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachSignedValues, main, NUMERIC_FLAGS } from './main.ts';

/** Run the command line in process and keep what it wrote to stderr. */
async function mainWithStderr(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const code = await main(argv);
  return { code, stderr };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('flags yargs accepts but no command can use', () => {
  it('refuses one given twice, naming the flag and both values, before the command runs', async () => {
    const { code, stderr } = await mainWithStderr(['run', 'scenarios/pbft.yaml', '--dry-run', '--out', '/nonexistent/a', '--out', '/nonexistent/b']);
    expect(code).toBe(2);
    expect(stderr).toBe("--out: (flag): expected one --out (it takes a single value), found 2: '/nonexistent/a', '/nonexistent/b'\n");
  });

  it('refuses a repeatable flag given with no value, which would read as the flag left out', async () => {
    const { code, stderr } = await mainWithStderr(['run', 'scenarios/pbft.yaml', '--dry-run', '--set']);
    expect(code).toBe(2);
    expect(stderr).toBe('--set: (flag): expected a value after --set, found nothing\n');
  });

  it('refuses a switch given a value other than true or false, which yargs would read as false', async () => {
    const { code, stderr } = await mainWithStderr(['run', 'scenarios/pbft.yaml', '--dry-run', '--json=maybe']);
    expect(code).toBe(2);
    expect(stderr).toBe("--json=maybe: (flag): expected --json alone (a switch), or --json=true or --json=false, found 'maybe'\n");
  });

  it("refuses arguments after '--', which no command reads: the default scenario would run instead of the one named", async () => {
    const { code, stderr } = await mainWithStderr(['run', '--dry-run', '--', 'Bad Name.yaml']);
    expect(code).toBe(2);
    expect(stderr).toBe("-- Bad Name.yaml: (arguments): expected nothing after '--' (no command reads it; give a scenario that starts with '-' as ./-name.yaml), found 'Bad Name.yaml'\n");
    expect((await mainWithStderr(['run', 'scenarios/pbft.yaml', '--dry-run', '--', '--reps', '5'])).code).toBe(2);
    expect((await mainWithStderr(['run', 'scenarios/pbft.yaml', '--dry-run', '--'])).code).toBe(0);
  });

  it('lets a switch be given alone, =true or =false', async () => {
    expect((await mainWithStderr(['run', 'scenarios/pbft.yaml', '--dry-run=true', '--json=false'])).code).toBe(0);
  });

  it('lets a repeatable flag be given several times', async () => {
    const { code } = await mainWithStderr(['run', 'scenarios/pbft.yaml', '--dry-run', '--set', 'duration=2s', '--set', 'warmup=1s']);
    expect(code).toBe(0);
  });
});

describe('validate --only', () => {
  it('takes a comma-separated list of prefixes, as docs/validation.md shows', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-main-')), 'v');
    const { code } = await mainWithStderr(['validate', '--quick', '--only', 'ideal.raft.commit,ideal.raft.client', '--out', out]);
    expect(code).toBe(0);
    const ids = (JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8')) as { checks: { id: string }[] }).checks.map((c) => c.id);
    expect(ids).toEqual(['ideal.raft.commit', 'ideal.raft.client']);
  });
});

describe('size --slo', () => {
  it('refuses a metric no catalog lists before probing, and makes no results folder', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-main-')), 's');
    const { code, stderr } = await mainWithStderr(['size', 'scenarios/pbft.yaml', '--vary', 'consensus.nodes=4..5', '--slo', 'safety.violation==0', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toContain("--slo safety.violation==0: (flag): expected a metric name (`iomtsim list metrics` lists them; did you mean safety.violations?), found 'safety.violation'");
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['iomt.readings_accepted>=5', "expected a metric a scenario without `iomt:` reports (iomt.* and detect.* come only from an IoMT scenario; `iomtsim list metrics` lists the others), found 'iomt.readings_accepted'"],
    ['detect.nosuch.detection_rate>=0.9', "expected a metric a scenario without `iomt:` reports (iomt.* and detect.* come only from an IoMT scenario; `iomtsim list metrics` lists the others), found 'detect.nosuch.detection_rate'"],
  ])('refuses %s, a metric the consensus-only scenario can never report, before probing', async (slo, message) => {
    const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-main-')), 's');
    const { code, stderr } = await mainWithStderr(['size', 'scenarios/pbft.yaml', '--vary', 'consensus.nodes=4..5', '--slo', slo, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(`--slo ${slo}: (flag): ${message}\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a bound that reads as Infinity, as it refuses Infinity written out, before probing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-main-')), 's');
    const { code, stderr } = await mainWithStderr(['size', 'scenarios/pbft.yaml', '--vary', 'consensus.nodes=4..5', '--slo', 'consensus.commit_latency_ms.p99<=1e400', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(`--slo consensus.commit_latency_ms.p99<=1e400: (flag): expected an SLO whose bound is a finite number (at most ${Number.MAX_VALUE} in magnitude), found 'consensus.commit_latency_ms.p99<=1e400' (1e400 reads as Infinity)\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a value with a minus sign after a flag that takes a number, a duration or a percentage', () => {
  it.each([
    [['trace', 'scenarios/pbft.yaml', '--set', 'duration=2s', '--set', 'warmup=1s', '--from', '-1s'], "--from -1s: (flag): expected a duration ≥ 0 (simulated time from the start of the run), such as 2s or 500ms, found '-1s'"],
    [['trace', 'scenarios/pbft.yaml', '--set', 'duration=2s', '--set', 'warmup=1s', '--to', '-1s'], "--to -1s: (flag): expected a duration ≥ 0 (simulated time from the start of the run), such as 2s or 500ms, found '-1s'"],
    [['compare', '/nonexistent/a', '/nonexistent/b', '--threshold', '-5%'], "--threshold -5%: (flag): expected a percentage like '5%' or a fraction like '0.05', from 0 to 100 %, found '-5%'"],
    [['run', 'scenarios/pbft.yaml', '--dry-run', '--seed', '-1e3'], "--seed -1e3: (flag): expected an integer from 0 to 9007199254740991, found '-1e3'"],
    [['run', 'scenarios/pbft.yaml', '--dry-run', '--shard', '-1/2'], "--shard -1/2: (flag): expected i/n with 1 ≤ i ≤ n ≤ 2^53 - 1, such as 2/3, found '-1/2'"],
    [['fuzz', '--protocol', 'pbft', '--nodes', '-4..13'], "--nodes -4..13: (flag): expected a range of replica counts LO..HI with 1 ≤ LO ≤ HI ≤ 1000, such as 4..13, found '-4..13'"],
  ])('%j is refused by the flag\'s own rule, not as unknown short flags, and nothing is written', async (argv, message) => {
    const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-main-')), 'o');
    const { code, stderr } = await mainWithStderr([...argv, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${message}\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('is attached to such a flag only: a switch, a path or anything after -- is left as typed', () => {
    expect(attachSignedValues(['trace', '--from', '-1s', '--firstSeed', '-2', '--dry-run', '-1', '--out', '-3x', '--', '--to', '-1s'])).toEqual(['trace', '--from=-1s', '--firstSeed=-2', '--dry-run', '-1', '--out', '-3x', '--', '--to', '-1s']);
  });
});

/** Run the command line in process and keep what it printed (yargs prints help through console.log). */
async function mainWithStdout(argv: string[]): Promise<string> {
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  });
  await main(argv);
  return stdout;
}

/** The flags a command's --help lists with a value (every type but boolean). */
function valueFlags(help: string): string[] {
  const options = help.split('\nOptions:\n')[1]?.split('\nExamples:\n')[0] ?? '';
  const flags: { name: string; type?: string }[] = [];
  for (const line of options.split('\n')) {
    const name = /^\s+(?:-\w, )?--([\w-]+)/.exec(line)?.[1];
    if (name !== undefined) flags.push({ name });
    const last = flags.at(-1);
    if (last !== undefined && last.type === undefined) last.type = /\[(boolean|string|array|number|count)\]/.exec(line)?.[1];
  }
  return flags.filter((f) => f.type !== 'boolean').map((f) => f.name);
}

/** Flags whose values are text (paths, names, expressions): a word after them starting with -1 is not theirs. */
const TEXT_FLAGS = ['set', 'vary', 'slo', 'out', 'resume', 'json', 'compare', 'only', 'protocol', 'protocol-module', 'mutant', 'update-docs', 'a-point', 'b-point', 'beside'];

describe('the flags whose signed values are attached to them', () => {
  it('list every flag of every command that takes a number, count, duration, percentage, range or shard: a new flag must be put in one list or the other', async () => {
    const commands = ['run', 'sweep', 'merge', 'size', 'trace', 'fuzz', 'report', 'compare', 'bench', 'validate', 'schema', 'calibrate', 'list'];
    const taking = new Set<string>();
    for (const command of commands) for (const flag of valueFlags(await mainWithStdout([command, '--help']))) taking.add(flag);
    expect(taking.size).toBeGreaterThan(20);
    expect([...taking].filter((f) => !NUMERIC_FLAGS.has(f) && !TEXT_FLAGS.includes(f)).sort()).toEqual([]);
    expect([...NUMERIC_FLAGS, ...TEXT_FLAGS].filter((f) => !taking.has(f)).sort()).toEqual([]);
  });
});

describe('--resume with an empty path', () => {
  it.each(['run', 'sweep'])('is refused by %s as such, before any folder is read or written', async (command) => {
    const { code, stderr } = await mainWithStderr([command, '--resume', '']);
    expect(code).toBe(2);
    expect(stderr).toBe("--resume '': (flag): expected a results folder path, found an empty string\n");
  });
});
