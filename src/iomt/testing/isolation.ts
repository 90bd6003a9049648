/**
 * Checks that IoMT actors share no memory (docs/architecture.md: every interaction is a message).
 *
 * - configViolations: what each host was built from (IomtWorld.builds) is plain data: no function
 *   anywhere (a closure could reach anything), no class instance but the model's services, and
 *   nothing one host holds that another holds too unless it is deep-frozen. The services are the
 *   crypto key ring, a device's or reader's own signing key and signatures, frozen data (the
 *   crypto model), a patient's physiology (the environment devices sense, fixed at creation),
 *   detector code, and a node's own application.
 * - sourceViolations: no actor code reads replica state; only the node query service, on the
 *   replica's own host, and the world's metrics (after the run) may.
 */
import { IomtLedgerApp } from '../../contracts/index.ts';
import { KeyRing } from '../../ledger/index.ts';
import { PatientVitals } from '../vitals.ts';
import type { HostBuild } from '../world.ts';

/** Objects several hosts may hold: the model's services (immutable for the actors, or the crypto model itself). */
export type IsService = (value: object) => boolean;

export function modelServices(code: readonly object[] = []): IsService {
  const definitions = new Set(code);
  return (v) => v instanceof KeyRing || v instanceof PatientVitals || definitions.has(v);
}

/** A signature (a reader's certificate holds one): frozen when minted, so data no holder can change. */
function isSignature(v: object): boolean {
  const sig = v as { signer?: unknown; digest?: unknown };
  return Object.isFrozen(v) && typeof sig.signer === 'number' && typeof sig.digest === 'string';
}

function isSigningKey(v: object): boolean {
  const k = v as { signer?: unknown; sign?: unknown };
  return typeof k.signer === 'number' && typeof k.sign === 'function' && Object.keys(v).length === 2;
}

/** One line per violation: the host, its kind, the path in its configuration and what was found. */
export function configViolations(builds: readonly HostBuild[], isService: IsService): string[] {
  const out: string[] = [];
  const holders = new Map<object, Set<number>>();
  const shareableObject = new Set<object>();
  for (const b of builds) {
    const seen = new Set<object>();
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'function') {
        out.push(`${b.kind} ${b.host}: a function at ${path}`);
        return;
      }
      if (typeof v !== 'object' || v === null || seen.has(v)) return;
      seen.add(v);
      let set = holders.get(v);
      if (set === undefined) holders.set(v, (set = new Set()));
      set.add(b.host);
      if (isService(v)) {
        shareableObject.add(v);
        return;
      }
      // Opaque, and its holder's alone: a device's key, a node's application.
      if (isSigningKey(v) || isSignature(v) || (b.kind === 'node' && path === 'config.app' && v instanceof IomtLedgerApp)) return;
      if (ArrayBuffer.isView(v)) return;
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
        out.push(`${b.kind} ${b.host}: an instance of ${(v as { constructor?: { name?: string } }).constructor?.name ?? 'a class'} at ${path}`);
        return;
      }
      for (const [k, child] of Object.entries(v)) walk(child, `${path}.${k}`);
    };
    walk(b.config, 'config');
  }
  for (const [v, hosts] of holders) {
    if (hosts.size < 2 || shareableObject.has(v) || Object.isFrozen(v)) continue;
    out.push(`hosts ${[...hosts].slice(0, 4).join(', ')}${hosts.size > 4 ? ', …' : ''}: share a mutable ${Array.isArray(v) ? 'array' : 'object'} (${JSON.stringify(v)?.slice(0, 60) ?? typeof v})`);
  }
  return out;
}

/**
 * Reads of a replica's application state (its apps, executed height, access decisions, anchored
 * roots, recorded alerts, registry, audit log). Allowed in `allowed` files only.
 */
const REPLICA_STATE_READS: readonly RegExp[] = [/\bapps\[/, /\.executedHeight\b/, /\.decisionOf\(/, /\.anchors\.root\(/, /\.alerts\.recorded\(/, /\.registry\.devices\b/, /\.audit\.entries\b/, /\bleadingApp\(/];

export function sourceViolations(files: readonly { readonly path: string; readonly text: string }[], allowed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (allowed.has(f.path)) continue;
    f.text.split('\n').forEach((line, i) => {
      for (const re of REPLICA_STATE_READS) if (re.test(line)) out.push(`${f.path}:${i + 1}: reads replica state (${re.source}): ${line.trim()}`);
    });
  }
  return out;
}

/**
 * Entries of the actor-kind table that build anything but `new X(ctx, config)` (or `new X(ctx)`)
 * from their two parameters: a builder that closes over anything else breaks isolation.
 */
export function builderViolations(tableSource: string): string[] {
  const body = /export const ACTOR_KINDS = \{\n([\s\S]*?)\n\};/.exec(tableSource)?.[1];
  if (body === undefined) return ['ACTOR_KINDS table not found'];
  const entry = /^ {2}'?[\w-]+'?: \(ctx: ActorContext<unknown>, (_?config): [\w<>, ]+\) => new \w+\(ctx(, config)?\),$/;
  return body.split('\n').flatMap((line) => {
    const m = entry.exec(line);
    return m !== null && (m[1] === 'config') === (m[2] !== undefined) ? [] : [`not a pure builder: ${line.trim()}`];
  });
}
