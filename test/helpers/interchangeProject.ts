import * as path from 'node:path';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { checkProject, type CheckResult } from '../../src/core/project/check';

/**
 * A small project of every kind of item and tag, in memory: a system requirement, two software
 * requirements (one with class, status and a risk it mitigates), a risk, a test item, code that
 * implements both requirements and Python tests that verify them.
 */
export const INTERCHANGE_PROJECT: Readonly<Record<string, string>> = {
  'requirements/system.md': '# System\n\n## SYS-001: Deliver the prescribed dose\n\nThe pump delivers the prescribed dose.\n',
  'requirements/software.md': [
    '# Software', '', '## REQ-001: Bolus limit', '- class: B', '- status: approved', '- parent: SYS-001', '- mitigates: HAZ-001', '',
    'Reject a bolus above the maximum.', '', '## REQ-002: Rate limit', '- parent: SYS-001', '', 'Reject a rate above the maximum.', '',
  ].join('\n'),
  'requirements/risks.yml': 'items:\n  - id: HAZ-001\n    title: Overdose\n',
  'requirements/tests.yml': 'items:\n  - id: TC-001\n    title: Bolus bench test\n    verifies: [REQ-001]\n',
  'src/bolus.c': '// Implements: REQ-001\nint check_bolus(int units) {\n  return units <= 25;\n}\n\n/* Implements: REQ-002 */\nint check_rate(int rate) { return rate <= 5; }\n',
  'tests/test_bolus.py': [
    'def test_bolus_limit():', '    # Verifies: REQ-001', '    assert True', '',
    'def test_rate_limit():', '    # Verifies: REQ-002', '    assert True', '',
  ].join('\n'),
};

/** Checks {@link INTERCHANGE_PROJECT} (with `extra` files) as `checkProject` does from disk. */
export async function checkInterchangeProject(parser: CommentParser, extra: Record<string, string> = {}): Promise<CheckResult> {
  const fs = new MemoryFileSystem(path.resolve('/pump'), { ...INTERCHANGE_PROJECT, ...extra });
  return checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
}
