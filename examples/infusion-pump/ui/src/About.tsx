interface AboutProps {
  readonly firmwareVersion: string;
  readonly firmwareBuildId: string;
  readonly uiVersion: string;
}

// Implements: REQ-011
export function About({ firmwareVersion, firmwareBuildId, uiVersion }: AboutProps) {
  return (
    <dl className="about">
      <dt>Firmware</dt>
      <dd>{firmwareVersion}</dd>
      <dt>Firmware build</dt>
      <dd>{firmwareBuildId}</dd>
      <dt>Handset</dt>
      <dd>{uiVersion}</dd>
    </dl>
  );
}
