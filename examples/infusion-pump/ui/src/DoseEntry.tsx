import { useState } from 'react';

import { formatDose, parseDoseInput } from './doseFormat';

interface DoseEntryProps {
  /** The pump's configured maximum bolus; the pump enforces it again on delivery. */
  readonly maxBolusMilliUnits: number;
  readonly onDeliver: (milliUnits: number) => void;
}

export function DoseEntry({ maxBolusMilliUnits, onDeliver }: DoseEntryProps) {
  const [text, setText] = useState('');
  const [pending, setPending] = useState<number | undefined>(undefined);
  const dose = parseDoseInput(text);
  const overLimit = dose !== undefined && dose > maxBolusMilliUnits;

  if (pending !== undefined) {
    return (
      <section aria-label="Confirm bolus">
        {/* Implements: REQ-008 */}
        <p className="confirm-dose">Deliver {formatDose(pending)} now?</p>
        <button
          onClick={() => {
            setPending(undefined);
            setText('');
            onDeliver(pending);
          }}
        >
          Deliver
        </button>
        <button onClick={() => setPending(undefined)}>Back</button>
      </section>
    );
  }

  return (
    <form
      aria-label="Bolus"
      onSubmit={(event) => {
        event.preventDefault();
        if (dose !== undefined && !overLimit) setPending(dose);
      }}
    >
      <label>
        Bolus (U)
        <input inputMode="decimal" value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      {overLimit && <p role="alert">Above your maximum bolus of {formatDose(maxBolusMilliUnits)}.</p>}
      <button type="submit" disabled={dose === undefined || overLimit}>
        Next
      </button>
    </form>
  );
}
