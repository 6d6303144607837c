/**
 * The scan service a live project uses: it tells the project when a load reaches code scanning
 * (the requirements are read by then, so open editors can get their diagnostics early), and
 * replaces its worker pool after a failure so one crashed worker does not stall later scans.
 */
import type { FileScan } from '../../core/scan/codeScanner';
import type { DisposableScanService } from '../../core/scan/service';
import type { ScanSettings } from '../../core/scan/settings';

/** A scan service with a hook before each scan, replacing its inner service after a failure. */
export class ObservedScanService implements DisposableScanService {
  private inner: DisposableScanService;
  /** Awaited at the start of every scan, before any file is read. */
  onWillScan: (() => Promise<void> | void) | undefined;

  constructor(private readonly create: () => DisposableScanService) {
    this.inner = create();
  }

  async scanFiles(root: string, files: readonly string[], settings: ScanSettings): Promise<Map<string, FileScan>> {
    await this.onWillScan?.();
    try {
      return await this.inner.scanFiles(root, files, settings);
    } catch (error) {
      const broken = this.inner;
      this.inner = this.create();
      void Promise.resolve(broken.dispose()).catch(() => undefined);
      throw error;
    }
  }

  prepare(root: string, files: readonly string[]): Promise<void> {
    return this.inner.prepare?.(root, files) ?? Promise.resolve();
  }

  /** Stops idle workers; the service starts them again when a scan needs them. */
  async release(): Promise<void> {
    await this.inner.dispose();
  }

  async dispose(): Promise<void> {
    this.onWillScan = undefined;
    await this.inner.dispose();
  }
}
