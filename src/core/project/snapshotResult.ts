/**
 * A live project's snapshot as a {@link CheckResult}, so the editor exports the same JSON and
 * SARIF reports the CLI writes, from the state the user sees (unsaved buffers included).
 */
import type { CheckResult } from './check';
import type { ProjectSnapshot } from './projectIndex';

/** The check result of a snapshot of the project at `root` (an absolute path). */
export function checkResultOf(root: string, snapshot: ProjectSnapshot): CheckResult {
  return {
    root,
    ...(snapshot.configFile !== undefined ? { configFile: snapshot.configFile } : {}),
    config: snapshot.config,
    items: snapshot.items,
    references: snapshot.references,
    findings: snapshot.findings,
    skipped: snapshot.skipped,
    summary: snapshot.summary,
    index: snapshot.index,
    ...(snapshot.testResults && snapshot.verification ? { testResults: snapshot.testResults, verification: snapshot.verification } : {}),
    ...(snapshot.review ? { review: snapshot.review } : {}),
    ...(snapshot.lock ? { lock: snapshot.lock } : {}),
    files: { requirementFiles: snapshot.requirementFiles.length, codeFiles: snapshot.codeFiles.length },
  };
}
