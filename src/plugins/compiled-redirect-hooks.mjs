// Module resolve hook (node:module register), registered by src/plugins/compiled.ts when the bundle
// loads a TypeScript plug-in: an import that resolves to a source file the bundle compiled as an
// entry (the plug-in API) resolves to that entry, so the plug-in shares the bundle's modules.
let redirects = new Map();

export function initialize(data) {
  redirects = new Map(Object.entries(data.redirects));
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const entry = redirects.get(resolved.url);
  return entry === undefined ? resolved : { url: entry, format: 'module', shortCircuit: true };
}
