// Implements: TL-130, TL-140
/** What the XML readers (ReqIF, JUnit results) ask of a saxes tag. */
import type { SaxesTagPlain } from 'saxes';

/** A tag or attribute name without its namespace prefix (`reqif:SPEC-OBJECT` → `SPEC-OBJECT`). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** A non-empty attribute, trimmed, or undefined. */
export function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  const value = tag.attributes[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
