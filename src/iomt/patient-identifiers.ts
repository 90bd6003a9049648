/**
 * A patient's real identifiers, as the hospital's own records hold them off chain: a medical record
 * number and a name. They must never reach the chain (src/iomt/phi-inspector.ts looks for them in
 * every committed call); only the salted pseudonym of src/iomt/pseudonym.ts may.
 */

/** The patient's medical record number (`MRN` and seven digits). */
export function recordNumber(patient: number): string {
  return `MRN${String(patient).padStart(7, '0')}`;
}

/** The patient's name, "Given Family". */
export function patientName(patient: number): string {
  return `Patient${patient} Family${patient}`;
}
