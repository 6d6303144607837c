// Implements: TL-151
/**
 * The stamp of a traceability report: what it was made from (commit, branch, dirty tree, config)
 * and by which build of the tool, when. The CLI gathers it (git, the config file, the clock) and
 * hands it to the writers, which stay pure.
 */
import { TOOL_NAME, TOOL_VERSION } from '../../version';

/** Where the checked files came from: a git commit, or no repository at all (and why). */
export type SourceState =
  | {
    readonly kind: 'git';
    /** The full 40-hex SHA of HEAD. */
    readonly commit: string;
    /** The checked-out branch; absent on a detached HEAD. */
    readonly branch?: string;
    /** Whether the checked folder has changes (tracked or untracked) not in that commit. */
    readonly dirty: boolean;
  }
  | { readonly kind: 'none'; readonly reason: string };

export interface ReportStamp {
  readonly tool: string;
  /** Exactly as `tracelens --version` prints it. */
  readonly version: string;
  /** The running build: a hash of its bundle files, or `unbundled` when run from the sources. */
  readonly build: string;
  readonly source: SourceState;
  /** The configuration file and the SHA-256 of its bytes; absent when the defaults were used. */
  readonly config?: { readonly file: string; readonly sha256: string };
  /** ISO 8601, UTC, to the second. */
  readonly generatedAt: string;
  /** Whether the time came from `SOURCE_DATE_EPOCH` (reproducible) or the clock. */
  readonly timeFrom: 'SOURCE_DATE_EPOCH' | 'clock';
  /**
   * Files whose unsaved editor buffers the report shows instead of what is on disk (the editor's
   * export; root-relative, POSIX, sorted). Absent from the CLI, which reads only the disk.
   */
  readonly unsaved?: readonly string[];
}

/** A `SOURCE_DATE_EPOCH` that is not a whole number of seconds: the report would lie about its time. */
export class SourceDateEpochError extends Error {}

/**
 * The generation time: `SOURCE_DATE_EPOCH` (seconds since 1970, reproducible-builds.org) when set,
 * so two runs are byte-identical, else `now` (ms).
 */
export function generationTime(sourceDateEpoch: string | undefined, now: number): Pick<ReportStamp, 'generatedAt' | 'timeFrom'> {
  if (sourceDateEpoch === undefined || sourceDateEpoch === '') return { generatedAt: isoSeconds(now), timeFrom: 'clock' };
  if (!/^\d{1,12}$/.test(sourceDateEpoch)) throw new SourceDateEpochError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got ${JSON.stringify(sourceDateEpoch)}`);
  return { generatedAt: isoSeconds(Number(sourceDateEpoch) * 1000), timeFrom: 'SOURCE_DATE_EPOCH' };
}

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** A stamp from its parts, with this build's name and version. */
export function makeStamp(parts: Omit<ReportStamp, 'tool' | 'version'>): ReportStamp {
  return { tool: TOOL_NAME, version: TOOL_VERSION, ...parts };
}

/** The stamp as labelled lines, the same in every format. */
export function stampLines(stamp: ReportStamp): Array<readonly [label: string, value: string]> {
  const source = stamp.source;
  return [
    ['Tool', `${stamp.tool} ${stamp.version}`],
    ['Build', stamp.build],
    ...(source.kind === 'git'
      ? [
        ['Commit', source.commit],
        ['Branch', source.branch ?? '(detached HEAD)'],
        ['Working tree', source.dirty ? 'DIRTY: uncommitted changes in the checked folder' : 'clean'],
      ] as const
      : [['Commit', `none: ${source.reason}`]] as const),
    ...(stamp.unsaved && stamp.unsaved.length > 0
      ? [['Unsaved edits', `UNSAVED: ${stamp.unsaved.length} file${stamp.unsaved.length === 1 ? '' : 's'} as edited in the editor, not as on disk: ${stamp.unsaved.join(', ')}`]] as const
      : []),
    ['Configuration', stamp.config ? `${stamp.config.file} (SHA-256 ${stamp.config.sha256})` : 'none (defaults)'],
    ['Generated', `${stamp.generatedAt}${stamp.timeFrom === 'SOURCE_DATE_EPOCH' ? ' (SOURCE_DATE_EPOCH)' : ''}`],
  ];
}
