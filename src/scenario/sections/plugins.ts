/**
 * `plugins:` — the plug-in modules a scenario names (docs/plugins.md), as recorded when it was
 * loaded: the CLI fills this list in when it resolves `module:` references, and a manifest's
 * scenario carries it so a resumed run or a worker loads the same code. It is checked before any
 * entry is used (src/plugins/recorded.ts).
 */
import { z } from 'zod';

/** One plug-in module, as recorded when the scenario was loaded. */
export const zPluginRef = z
  .object({
    /** What the module defines: a protocol, an attack or a detector. */
    kind: z.enum(['protocol', 'attack', 'detector']),
    /** The definition's own name: a protocol's `name`, an attack's or a detector's `type`. */
    name: z.string().min(1),
    /** Absolute path of the module file. */
    module: z.string().min(1),
    /** SHA-256 over the module and the files it imports by relative path: a result names the exact code that produced it. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in hex'),
  })
  .strict();

export const zPlugins = z.array(zPluginRef);
