// Implements: TL-036
/**
 * Starter files for `tracelens init`: a commented `tracelens.json` and a small requirements file
 * that shows the Markdown format, as headings or (`--style table`) as tables. The CLI writes them
 * and never overwrites existing files.
 */

import { CONFIG_FILE_NAME } from './types';

/** A file to create, POSIX path relative to the project root. */
export interface InitFile {
  readonly path: string;
  readonly content: string;
}

/** How the starter requirements file writes its items: one heading each, or one table row each. */
export type StarterStyle = 'headings' | 'table';

export const STARTER_STYLES: readonly StarterStyle[] = ['headings', 'table'];

/** What {@link initFiles} writes. */
export interface InitOptions {
  /**
   * What the config's `$schema` names: a path to a schema file that exists, relative to the
   * project (the CLI's own copy in the project's node_modules). Omitted, the config has no
   * `$schema`: the editor extension validates `tracelens.json` with the schema it ships, and a
   * URL an editor cannot load would greet the user with a problem.
   */
  readonly schema?: string;
  readonly style?: StarterStyle;
}

// Implements: TL-215
/** The starter files: `tracelens.json` and `requirements/requirements.md` (headings unless told). */
export function initFiles(options: InitOptions = {}): InitFile[] {
  return [
    { path: CONFIG_FILE_NAME, content: starterConfig(options.schema) },
    { path: 'requirements/requirements.md', content: options.style === 'table' ? STARTER_TABLES : STARTER_REQUIREMENTS },
  ];
}

function starterConfig(schema: string | undefined): string {
  const schemaLine = schema === undefined ? '' : `  // Completion and checking for this file in editors.
  "$schema": ${JSON.stringify(schema)},

`;
  return `{
${schemaLine}  // Where requirement files live: folders (every .md, .markdown, .yml and .yaml file inside),
  // files or globs, relative to the project root.
  "requirements": ["requirements"],

  // Files and folders never read or scanned for tags, on top of .gitignore.
  "exclude": ["**/build/**", "**/dist/**", "**/vendor/**"],

  // Test files beyond the built-in patterns (test/, tests/, *.test.*, *_test.*, test_*.py, *Test.java…).
  // A bare ID in a test file verifies the item. Use "testFiles" instead to replace the built-in list.
  "additionalTestFiles": [],

  // ID prefix -> kind (requirement, system, risk or test), merged over the built-in prefixes:
  // REQ, SRS, SWR, SPEC… are requirements; SYS, UN are system requirements; RISK, HAZ are risks;
  // TEST, TC are tests. Example: "DSN": "requirement".
  "prefixes": {},

  // Tag keyword -> relation (implements, verifies or mitigates), merged over the built-in keywords
  // (implements, satisfies, verifies, tests, mitigates…). Example: "covers": "verifies".
  "keywords": {},

  // Statuses that retire an item: it needs no code or test, and code still naming it is flagged.
  "inactiveStatuses": ["obsolete", "deprecated", "deleted", "rejected", "retired", "inactive"],

  // Verification methods that need no test (from an item's "verification" attribute).
  "nonTestVerification": ["inspection", "analysis", "demonstration"],

  // IEC 62304 safety class of items that state none; unclassified software counts as class C.
  "defaultClass": "C",

  // Severity per rule: "error", "warning", "info" or "off". Rules: unknown-id, duplicate-id,
  // broken-link, inactive-reference, unmitigated-risk, unimplemented, unverified, invalid-file.
  "rules": {
    "inactive-reference": "warning"
  },

  // Markdown table header -> what the column holds (id, title, text, class, status, parent,
  // mitigates, verifies, verification, kind, category, or attribute to keep it plain), merged over
  // the built-in names (ID, Req ID, UID, Title, Description, Safety Class, Related Risk IDs…).
  // Example: "Req-No": "id".
  "tableColumns": {},

  // Larger files (in bytes) are skipped and reported.
  "maxFileSize": 2097152,

  // Honour .gitignore files.
  "gitignore": true
}
`;
}

const STARTER_REQUIREMENTS = `# Requirements

<!--
Every heading that starts with an ID is one item; the list right under it holds its attributes:
class (A, B or C), status, parent, mitigates, verifies, verification. Its text runs to the next
heading of the same level. Name the IDs in code comments ("Implements REQ-001") and in tests
("Verifies REQ-001").
-->

## SYS-001: Deliver the programmed dose

- class: C
- status: approved

The pump delivers the programmed volume at the programmed rate.

## RISK-001: Occlusion goes unnoticed

- class: C
- status: approved

A blocked line stops delivery without the user noticing, and the patient is under-dosed.

## REQ-001: Stop and alarm on occlusion

- class: C
- status: approved
- parent: SYS-001
- mitigates: RISK-001

When the line pressure exceeds the occlusion threshold, the software stops the motor and raises
the occlusion alarm within 2 seconds.

## REQ-002: Show the remaining volume

- class: B
- status: draft
- parent: SYS-001
- verification: inspection

The display shows the volume still to be infused, in millilitres, updated at least once a second.
`;

// Implements: TL-083
const STARTER_TABLES = `# Requirements

<!--
Every row of a table with an ID column is one item. The other columns are read by their header:
Title, Description (the item's text), Class (A, B or C), Status, Parent, Mitigates, Verifies,
Verification; any other column is kept as an attribute. Several IDs in a cell are separated by
commas or <br>. Name the IDs in code comments ("Implements REQ-001") and in tests
("Verifies REQ-001").
-->

## System requirements and risks

| ID | Title | Class | Status | Description |
|---|---|---|---|---|
| SYS-001 | Deliver the programmed dose | C | approved | The pump delivers the programmed volume at the programmed rate. |
| RISK-001 | Occlusion goes unnoticed | C | approved | A blocked line stops delivery without the user noticing, and the patient is under-dosed. |

## Software requirements

| ID | Title | Class | Status | Parent | Mitigates | Verification | Description |
|---|---|---|---|---|---|---|---|
| REQ-001 | Stop and alarm on occlusion | C | approved | SYS-001 | RISK-001 | | When the line pressure exceeds the occlusion threshold, the software stops the motor and raises the occlusion alarm within 2 seconds. |
| REQ-002 | Show the remaining volume | B | draft | SYS-001 | | inspection | The display shows the volume still to be infused, in millilitres, updated at least once a second. |
`;
