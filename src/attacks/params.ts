/**
 * Building blocks of attack parameter schemas. A field documents itself in its schema, so the docs
 * cannot drift from what the scenario accepts: `param` attaches the meaning (the JSON Schema
 * description), the type in words and, for an optional field without a default, what applies when
 * it is left out.
 */
import { z } from 'zod';

export function param<S extends z.ZodType>(schema: S, meaning: string, type: string, whenOmitted?: string): S {
  return schema.meta({ description: meaning, 'x-type': type, ...(whenOmitted === undefined ? {} : { 'x-default': whenOmitted }) });
}

/**
 * `schema`, its JSON Schema stating that an entry sets at least one of `fields` (an anyOf of
 * `required`), for parameters none of which has a default that would do on its own: an editor that
 * fills in published defaults then asks for one of them, instead of writing a combination the
 * loader refuses. The attack's target check refuses an entry without one, saying why.
 */
export function atLeastOneOf<S extends z.ZodObject>(schema: S, fields: readonly (keyof S['shape'] & string)[]): S {
  return schema.meta({ anyOf: fields.map((field) => ({ required: [field] })) });
}

/** A 0-based index or ordinal (replica, client, device, gateway, hospital, clinician). */
export const zOrdinal = z.number().int().nonnegative();

/** Replica indices (0 is the first replica), at least one. */
export function replicaList(meaning: string): z.ZodArray<typeof zOrdinal> {
  return param(z.array(zOrdinal).min(1), meaning, 'replica index list');
}

/** Device numbers (0 is the first device in topology order), at least one. */
export function deviceList(meaning: string): z.ZodArray<typeof zOrdinal> {
  return param(z.array(zOrdinal).min(1), meaning, 'device number list');
}
