/**
 * The dependency direction of docs/architecture.md, checked on the import statements of every
 * source and test file: production code never imports vitest or a `testing/` folder, and every
 * file, production or test, imports only its own layer and the layers below it. A test that needs a whole
 * world lives where the world is (src/world/), not beside the unit it exercises.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_ROOTS = ['sim', 'src', 'bench', 'bin', 'test', 'examples'];

/**
 * The layers, lowest first (docs/architecture.md, "Dependency direction"): the paths each holds. A
 * file belongs to the longest path that starts it. scenario/ and plugins/ share the plug-in kinds'
 * layer: the scenario's sections are derived from the kinds' registries, and the kinds declare
 * their parameters with the scenario's units and report bad input with its errors.
 */
const LAYERS: readonly (readonly string[])[] = [
  // Shared vocabulary every layer may use: quantities with units, and the metric record types.
  ['sim/', 'src/stats/', 'src/scenario/units.ts', 'src/scenario/zod-units.ts', 'src/metrics/types.ts', 'src/metrics/distribution.ts', 'src/metrics/histogram.ts'],
  ['src/ledger/'],
  ['src/protocols/', 'src/contracts/'],
  ['src/iomt/', 'src/attacks/', 'src/checkers/', 'src/metrics/', 'src/io/', 'src/scenario/', 'src/plugins/', 'src/plugin-api.ts'],
  ['src/world/'],
  ['src/runner/', 'src/validation/', 'src/trace/'],
  ['src/report/', 'src/cli/', 'src/fuzz/', 'bench/'],
  ['bin/', 'examples/', 'test/', 'src/layering.test.ts'],
];


function layerOf(path: string): number | undefined {
  let best: { readonly prefix: string; readonly layer: number } | undefined;
  for (const [layer, prefixes] of LAYERS.entries()) {
    for (const prefix of prefixes) if (path.startsWith(prefix) && (best === undefined || prefix.length > best.prefix.length)) best = { prefix, layer };
  }
  return best?.layer;
}

/** Tests, test support (a `testing/` folder) and the end-to-end tests under test/. */
function isTestCode(path: string): boolean {
  return path.endsWith('.test.ts') || path.split('/').includes('testing') || path.startsWith('test/');
}

/**
 * The module specifiers a file imports: static imports and re-exports (at the start of a line, so
 * examples inside doc comments do not count) and dynamic imports of a string literal.
 */
function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|mjs)$/.test(entry.name)) out.push(path);
  }
  return out;
}

interface Import {
  readonly from: string;
  /** Repository-relative path for a relative specifier; the bare specifier otherwise. */
  readonly to: string;
}

function repositoryImports(): Import[] {
  const out: Import[] = [];
  for (const root of SOURCE_ROOTS) {
    for (const from of sourceFiles(root)) {
      for (const spec of importsOf(readFileSync(join(ROOT, from), 'utf8'))) {
        const to = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(from), spec)).split(sep).join('/') : spec;
        out.push({ from, to });
      }
    }
  }
  return out;
}

/** What breaks the dependency direction, one line per offending import. */
function layeringViolations(imports: readonly Import[]): string[] {
  const out: string[] = [];
  for (const { from, to } of imports) {
    if (!isTestCode(from)) {
      if (to === 'vitest' || to.startsWith('vitest/')) out.push(`${from}: production code imports ${to}`);
      else if (isTestCode(to)) out.push(`${from}: production code imports test code ${to}`);
    }
    if (!SOURCE_ROOTS.some((root) => to.startsWith(`${root}/`))) continue;
    const own = layerOf(from);
    const theirs = layerOf(to);
    if (own === undefined || theirs === undefined) out.push(`${from}: no layer for ${own === undefined ? from : to}`);
    else if (theirs > own) out.push(`${from}: imports ${to}, a layer above its own`);
  }
  return out;
}

describe('layering', () => {
  it('reads static, re-exported and dynamic imports, not examples in comments', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type {\n  B,\n} from '../b.ts';",
      "export * from './c.ts';",
      "import './d.ts';",
      // Split so that this file's own imports do not include it.
      `const e = await import${"('./e.ts')"};`,
      " * import { f } from './f.ts';",
      "const g = 'from here';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts']);
  });

  it('flags vitest or test support in production code, and any file importing a layer above its own', () => {
    expect(layeringViolations([
      { from: 'src/runner/models/suite.ts', to: 'vitest' },
      { from: 'src/world/assemble.ts', to: 'src/world/testing/run.ts' },
      { from: 'src/protocols/pbft/view-change.test.ts', to: 'src/runner/simulate.ts' },
      { from: 'src/attacks/testing/toy-world.ts', to: 'src/world/assemble.ts' },
      { from: 'src/world/protocols/pbft/view-change.test.ts', to: 'src/protocols/testing/cluster.ts' },
      { from: 'src/runner/run.test.ts', to: 'src/runner/testing/toy-model.ts' },
      { from: 'src/iomt/world.ts', to: 'src/world/assemble.ts' },
      { from: 'src/protocols/pbft/params.ts', to: 'src/scenario/zod-units.ts' },
    ])).toEqual([
      'src/runner/models/suite.ts: production code imports vitest',
      'src/world/assemble.ts: production code imports test code src/world/testing/run.ts',
      'src/protocols/pbft/view-change.test.ts: imports src/runner/simulate.ts, a layer above its own',
      'src/attacks/testing/toy-world.ts: imports src/world/assemble.ts, a layer above its own',
      'src/iomt/world.ts: imports src/world/assemble.ts, a layer above its own',
    ]);
  });

  const imports = repositoryImports();

  it('finds the imports of every source root', () => {
    for (const root of ['sim/', 'src/', 'bench/', 'test/', 'examples/']) expect(imports.some((i) => i.from.startsWith(root)), root).toBe(true);
  });

  it('has no production import of vitest or test code, and no file importing a layer above its own', () => {
    expect(layeringViolations(imports)).toEqual([]);
  });
});
