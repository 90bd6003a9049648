/**
 * Parameter docs read from a zod object's fields: name, type in words, default (with its unit),
 * meaning. `iomtsim list attacks` prints them; src/attacks/params.ts is how fields carry them.
 */
import { z } from 'zod';

export interface ParameterDoc {
  readonly name: string;
  readonly type: string;
  readonly default: string;
  readonly meaning: string;
}

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly defaultValue?: unknown;
  readonly element?: z.ZodType;
  readonly entries?: Record<string, string>;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const metaOf = (s: z.ZodType): Record<string, unknown> => (z.globalRegistry.get(s) as Record<string, unknown> | undefined) ?? {};

/** The schema under wrappers, collecting what the wrappers say on the way. */
function unwrap(schema: z.ZodType): { core: z.ZodType; hasDefault: boolean; defaultValue: unknown; optional: boolean; unit: string | undefined } {
  let s = schema;
  let hasDefault = false, defaultValue: unknown, optional = false, unit: string | undefined;
  for (;;) {
    const d = defOf(s);
    unit ??= metaOf(s)['x-unit'] as string | undefined;
    if (d.type === 'default' && !hasDefault) {
      hasDefault = true;
      defaultValue = d.defaultValue;
    }
    if (d.type === 'optional') optional = true;
    if ((d.type === 'default' || d.type === 'optional' || d.type === 'nullable' || d.type === 'readonly' || d.type === 'prefault') && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return { core: s, hasDefault, defaultValue, optional, unit };
  }
}

const US_UNITS: Array<[number, string]> = [[3_600_000_000, 'h'], [60_000_000, 'm'], [1_000_000, 's'], [1_000, 'ms'], [1, 'us']];

function formatValue(value: unknown, unit: string | undefined): string {
  if (typeof value === 'number' && unit === 'duration') {
    if (value === 0) return '0s';
    for (const [factor, name] of US_UNITS) if (value % factor === 0) return `${value / factor}${name}`;
  }
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function typeInWords(core: z.ZodType, unit: string | undefined): string {
  if (unit !== undefined) return unit;
  const d = defOf(core);
  switch (d.type) {
    case 'array': return 'list';
    case 'enum': return Object.values(d.entries ?? {}).map((e) => `'${e}'`).join(' or ');
    case 'number': return (core as z.ZodNumber).isInt ? 'integer' : 'number';
    default: return d.type;
  }
}

export function parameterDocs(shape: Readonly<Record<string, z.ZodType>>, meanings: Readonly<Record<string, string>> = {}): ParameterDoc[] {
  return Object.entries(shape).map(([name, schema]) => {
    const meta = metaOf(schema);
    const { core, hasDefault, defaultValue, optional, unit } = unwrap(schema);
    const omitted = meta['x-default'];
    return {
      name,
      type: typeof meta['x-type'] === 'string' ? meta['x-type'] : typeInWords(core, unit),
      default: hasDefault ? formatValue(defaultValue, unit) : typeof omitted === 'string' ? omitted : optional ? 'none' : 'required',
      meaning: meanings[name] ?? (typeof meta['description'] === 'string' ? meta['description'] : ''),
    };
  });
}
