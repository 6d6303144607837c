// Implements: TL-060
// A scan worker: reads, hashes and scans the files it is sent, with its own tree-sitter instance.
import { parentPort } from 'node:worker_threads';
import { CommentParser } from '../../../parsing/commentParser';
import { blockingNodeFileSystem } from '../../files/nodeFileSystem';
import { CodeScanner } from '../codeScanner';
import { runScanJob } from './job';
import type { FromWorker, ScanOutcome, ToWorker } from './protocol';
import type { ScanSettings } from '../settings';

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('scanWorker must run in a worker thread');
  const parser = await CommentParser.create();
  let current: { key: string; scanner: CodeScanner } | undefined;
  const scannerFor = (settings: ScanSettings): CodeScanner => {
    const key = JSON.stringify(settings);
    if (current?.key !== key) current = { key, scanner: new CodeScanner(parser, settings) };
    return current.scanner;
  };

  port.on('message', async (message: ToWorker) => {
    try {
      const scanner = scannerFor(message.settings);
      const outcomes: ScanOutcome[] = [];
      for (const job of message.jobs) outcomes.push(await runScanJob(blockingNodeFileSystem, message.root, job, scanner, message.settings, message.hashContent));
      port.postMessage({ type: 'done', batch: message.batch, outcomes } satisfies FromWorker);
    } catch (error) {
      port.postMessage({ type: 'failed', batch: message.batch, message: (error as Error).stack ?? String(error) } satisfies FromWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

void serve();
