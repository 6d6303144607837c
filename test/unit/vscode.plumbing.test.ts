// Verifies: TL-040, TL-041
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileScan } from '../../src/core/scan/codeScanner';
import { KeyedDebouncer } from '../../src/vscode/state/debouncer';
import { Emitter } from '../../src/vscode/state/events';
import { ObservedScanService } from '../../src/vscode/state/observedScanService';
import { DEFAULT_SETTINGS, MAX_DEBOUNCE_MS, readSettings } from '../../src/vscode/state/editorSettings';
import type { DisposableScanService } from '../../src/core/scan/service';

const settings = { prefixes: ['REQ'], keywords: {}, testFiles: [], maxFileSize: 1000 };

test('the debouncer runs only the last task of a burst, per key', async () => {
  const debouncer = new KeyedDebouncer<string>();
  const ran: string[] = [];
  debouncer.schedule('a', 10, () => { ran.push('a1'); });
  debouncer.schedule('a', 10, () => { ran.push('a2'); });
  debouncer.schedule('b', 10, () => { ran.push('b1'); });
  assert.ok(debouncer.busy);
  await debouncer.whenIdle();
  assert.deepEqual(ran.sort(), ['a2', 'b1']);
  assert.ok(!debouncer.busy);
});

test('a newer task cancels the running one for its key', async () => {
  const debouncer = new KeyedDebouncer<string>();
  const seen: boolean[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  debouncer.schedule('doc', 0, async (flag) => {
    await gate;
    seen.push(flag.isCancellationRequested);
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  debouncer.schedule('doc', 0, (flag) => { seen.push(flag.isCancellationRequested); });
  release();
  await debouncer.whenIdle();
  assert.deepEqual(seen.sort(), [false, true]);
});

test('cancel drops a waiting task; dispose drops them all', async () => {
  const debouncer = new KeyedDebouncer<number>();
  let ran = 0;
  debouncer.schedule(1, 5, () => { ran++; });
  debouncer.cancel(1);
  debouncer.schedule(2, 5, () => { ran++; });
  debouncer.dispose();
  await debouncer.whenIdle();
  await new Promise((resolve) => setTimeout(resolve, 15));
  assert.equal(ran, 0);
});

test('settings fall back to defaults for missing or mistyped values', () => {
  assert.deepEqual(readSettings(() => undefined), DEFAULT_SETTINGS);
  const values: Record<string, unknown> = { debounceMs: 99999, requirementDiagnostics: 'errors', 'statusBar.enabled': false, 'codeLens.enabled': 'no' };
  const read = readSettings((key) => values[key]);
  assert.deepEqual(read, { debounceMs: MAX_DEBOUNCE_MS, requirementDiagnostics: 'errors', statusBarEnabled: false, codeLensEnabled: true });
  assert.ok(Object.isFrozen(read));
  assert.equal(readSettings((key) => (key === 'debounceMs' ? -5 : undefined)).debounceMs, 0);
  assert.equal(readSettings((key) => (key === 'requirementDiagnostics' ? 'some' : undefined)).requirementDiagnostics, 'all');
});

test('the observed scan service awaits its hook, and replaces its inner service after a failure', async () => {
  const made: string[] = [];
  let fail = true;
  const service = new ObservedScanService((): DisposableScanService => {
    const name = `service${made.length + 1}`;
    made.push(name);
    return {
      async scanFiles() {
        if (fail) throw new Error(`${name} crashed`);
        return new Map<string, FileScan>([['a.c', { language: name, references: [] }]]);
      },
      dispose: () => { made.push(`${name} disposed`); },
    };
  });
  const order: string[] = [];
  service.onWillScan = async () => { order.push('hook'); };
  await assert.rejects(service.scanFiles('/r', ['a.c'], settings), /service1 crashed/);
  fail = false;
  const scans = await service.scanFiles('/r', ['a.c'], settings);
  assert.equal(scans.get('a.c')!.language, 'service2');
  assert.deepEqual(order, ['hook', 'hook']);
  assert.deepEqual(made, ['service1', 'service2', 'service1 disposed']);
});

test('the emitter supports the vscode listener signature and isolates failing listeners', () => {
  const emitter = new Emitter<number>();
  const got: number[] = [];
  const subscriptions: Array<{ dispose(): unknown }> = [];
  const owner = { factor: 10, on(value: number) { got.push(value * this.factor); } };
  emitter.event(() => { throw new Error('boom'); });
  emitter.event(owner.on, owner, subscriptions);
  const original = console.error;
  console.error = () => undefined;
  try {
    emitter.fire(1);
  } finally {
    console.error = original;
  }
  subscriptions[0]!.dispose();
  emitter.fire(2);
  assert.deepEqual(got, [10]);
});
