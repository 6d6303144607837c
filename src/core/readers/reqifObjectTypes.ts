// Implements: TL-250
/**
 * What a ReqIF object is, by the name of its type: requirements tools export the kind of an
 * object as the LONG-NAME of its SPEC-OBJECT-TYPE (DOORS Next's "System Requirement", Polarion's
 * "Software Requirement", "Heading"; Jama's "Hazard", "Test Case"), or, in DOORS modules with one
 * type for every object, as the value of an "Object Type" (or "Kind") attribute.
 *
 * Names are compared in lower case, `_` and `-` as spaces, by whole words; the first rule that
 * matches decides, so "Risk Control Measure" is a requirement, not a risk, and "Test Section" a
 * heading. `reqif.objectTypes` in tracelens.json names further types (its names win).
 */

import type { ReqifObjectMeaning } from '../config/types';
import { knownKey } from './attributes';

/** Built-in rules in order: whole words or phrases → meaning. */
const RULES: ReadonlyArray<readonly [RegExp, ReqifObjectMeaning]> = [
  // Chapter headings and informational text (DOORS Next's "Heading", "Information", "Text").
  [/\b(?:headings?|headlines?|chapters?|sections?|information|informative|info|text|titles?|comments?|notes?|folders?)\b/, 'heading'],
  // Risk controls are requirements (ISO 14971), whatever else their name says.
  [/\b(?:risk controls?|risk control measures?|control measures?|mitigations?|safety measures?)\b/, 'requirement'],
  [/\b(?:hazards?|hazardous situations?|risks?|harms?|failure modes?)\b/, 'risk'],
  // "Test Case", "Test Specification", "System Test".
  [/\btests?\b/, 'test'],
  // And the usual document abbreviations: user, product and system requirements specifications.
  [/\b(?:system requirements?|stakeholders?|user needs?|user requirements?|customer requirements?|product requirements?|market requirements?|features?|urs|prs|syrs)\b/, 'system'],
  // Software requirements and design specifications (a DOORS module's "SRS object").
  [/\b(?:requirements?|reqs?|specifications?|specs?|srs|swrs|sds)\b/, 'requirement'],
];

/** A type name as the built-in rules read it: lower case, `_` and `-` as spaces, single spaces. */
function ruleName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

/** What a type of this name is by the built-in rules, or undefined when they say nothing of it. */
export function builtInObjectMeaning(name: string): ReqifObjectMeaning | undefined {
  const normal = ruleName(name);
  return RULES.find(([pattern]) => pattern.test(normal))?.[1];
}

/**
 * Whether an attribute (by its normal name) names an object's own type: "Object Type", "IE Object
 * Type", or a name that means the kind in every format ("Kind", "Item Type").
 */
export function isObjectTypeAttribute(normal: string): boolean {
  return normal === 'object type' || normal.endsWith(' object type') || knownKey(normal) === 'kind';
}
