/** Every calibration, in report order (fitted inputs, reported apart from the checks). */
import type { Calibration } from '../types.ts';
import { bitcoin2013Calibrations } from './bitcoin-2013.ts';

export function allCalibrations(): Calibration[] {
  return [...bitcoin2013Calibrations()];
}
