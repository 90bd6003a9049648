/** Salted, unlinkable pseudonyms of patients, clinicians and researchers (the salt stays off chain). */
import { sha256Hex } from '../contracts/digest.ts';

export function pseudonym(prefix: 'pt' | 'cl' | 'rs', seed: number, id: number): string {
  return `${prefix}_${sha256Hex(`pseudonym-salt:${seed}:${prefix}:${id}`).slice(0, 16)}`;
}
