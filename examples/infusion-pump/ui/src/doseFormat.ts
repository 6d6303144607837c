/** Smallest dose step the pump can deliver, in milli-units. */
export const DOSE_STEP_MILLI_UNITS = 50;

/**
 * Formats a dose for display: always a leading zero, never a trailing zero, so that "0.5 U"
 * cannot be read as "5 U" nor "5 U" as "50 U" (ISMP list of error-prone abbreviations).
 *
 * @implements REQ-015
 */
export function formatDose(milliUnits: number): string {
  if (!Number.isInteger(milliUnits) || milliUnits < 0) {
    throw new RangeError(`not a dose in milli-units: ${milliUnits}`);
  }
  const whole = Math.floor(milliUnits / 1000);
  const fraction = milliUnits % 1000;
  if (fraction === 0) return `${whole} U`;
  return `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')} U`;
}

// Mitigates: RISK-005
// Parses what the user typed on the keypad. Anything that is not a plain decimal number of
// pump steps is refused rather than guessed at.
export function parseDoseInput(text: string): number | undefined {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const milliUnits = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
  if (milliUnits === 0 || milliUnits % DOSE_STEP_MILLI_UNITS !== 0) return undefined;
  return milliUnits;
}
