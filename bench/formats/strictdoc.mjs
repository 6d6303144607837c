// Implements: TL-110
/**
 * A StrictDoc corpus for the format benchmark: `count` requirements in `.sdoc` documents of 500
 * nodes each, in `[[SECTION]]`s of 50, with a custom grammar element for the system level, a
 * multi-line statement and a Parent relation per requirement, so that reading exercises what real
 * documents hold. No code: the benchmark measures reading.
 */
import fs from 'node:fs';
import path from 'node:path';

const PER_FILE = 500;
const PER_SECTION = 50;

/** Writes the project into `dir` (created if needed) with `count` items. */
export function writeCorpus(dir, count) {
  const docs = path.join(dir, 'docs');
  fs.mkdirSync(docs, { recursive: true });
  fs.writeFileSync(path.join(dir, 'tracelens.json'), '{ "requirements": ["docs"] }\n');
  const systems = Math.max(1, Math.floor(count / 10));
  const requirements = count - systems;
  const system = ['[DOCUMENT]', 'TITLE: System requirements', '', '[GRAMMAR]', 'ELEMENTS:', '- TAG: SYSTEM_REQUIREMENT', '  FIELDS:',
    ...['UID', 'TITLE', 'STATEMENT'].flatMap((field) => [`  - TITLE: ${field}`, '    TYPE: String', '    REQUIRED: True']), ''];
  for (let n = 1; n <= systems; n++) system.push('[SYSTEM_REQUIREMENT]', `UID: SYS-${n}`, `TITLE: System need ${n}`, `STATEMENT: The system shall meet need ${n}.`, '');
  fs.writeFileSync(path.join(docs, 'system.sdoc'), system.join('\n'));
  for (let first = 1, file = 1; first <= requirements; first += PER_FILE, file++) {
    const lines = ['[DOCUMENT]', `TITLE: Software requirements ${file}`, 'OPTIONS:', '  REQUIREMENT_STYLE: Table', ''];
    const last = Math.min(requirements, first + PER_FILE - 1);
    for (let n = first; n <= last; n++) {
      if ((n - first) % PER_SECTION === 0) {
        if (n !== first) lines.push('[[/SECTION]]', '');
        lines.push('[[SECTION]]', `TITLE: Area ${n}`, '', '[TEXT]', 'STATEMENT: Text of the area: no item.', '');
      }
      lines.push('[REQUIREMENT]', `UID: REQ-${n}`, 'STATUS: Active', `TITLE: Requirement ${n}`, 'STATEMENT: >>>',
        `The software shall do thing ${n}`, 'within the stated limits.', '<<<', 'RELATIONS:', '- TYPE: Parent', `  VALUE: SYS-${1 + (n % systems)}`, '');
    }
    lines.push('[[/SECTION]]', '');
    fs.writeFileSync(path.join(docs, `srs-${String(file).padStart(3, '0')}.sdoc`), lines.join('\n'));
  }
}
