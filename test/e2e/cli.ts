/** Spawning the real CLI (`node bin/iomtsim.mjs`) for end-to-end tests. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/iomtsim.mjs', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run the CLI from the repository (or `cwd`); `whileRunning` may act on the child (e.g. send
 * SIGINT) before it exits.
 */
export function cli(args: readonly string[], whileRunning?: (child: ReturnType<typeof spawn>) => void, cwd = REPO): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    // A child killed by a signal exits with code null; tests compare [code, stderr], so the signal
    // is added to stderr, where a failing comparison prints it.
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr: signal === null ? stderr : `${stderr}\n(the child was killed by ${signal})` }));
    whileRunning?.(child);
  });
}
