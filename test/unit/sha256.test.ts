// Verifies: TL-180, TL-185, TL-255
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { currentSha256, pureSha256, useSha256, type Sha256Hasher } from '../../src/core/review/sha256';
import { nodeSha256 } from '../../src/core/review/nodeSha256';
import { fingerprintOf } from '../../src/core/review/fingerprint';
import { doorstopDigest } from '../../src/core/review/doorstopStamp';
import { prng as random } from '../helpers/prng';

/** Code points from every UTF-8 length, a line feed, NUL, and lone surrogates (written as U+FFFD). */
const ALPHABET = ['a', 'Z', ' ', '\n', '\t', '\0', 'é', 'Ü', 'ß', '€', '中', '文', '😀', '𝔸', '\u{10FFFF}', '\uD800', '\uDFFF', '\uFFFD', '\u00A0'];

/** Empty, the SHA-256 block edges (55, 56, 63, 64, 65 bytes), non-ASCII, lone surrogates, long texts, random mixes. */
function inputs(): string[] {
  const found = ['', 'a', 'abc', 'Ünïcode  text', 'REQ001Ünïcode  textsrc/a.py', '\uD800', 'x\uDC00y', '😀'.repeat(3), 'é'.repeat(28)];
  for (const length of [55, 56, 63, 64, 65, 119, 120, 128, 1000, 65536]) found.push('q'.repeat(length));
  const next = random(62304);
  for (let n = 0; n < 500; n++) {
    const length = Math.floor(next() * (n < 400 ? 150 : 5000));
    let text = '';
    for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
    found.push(text);
  }
  return found;
}

test("the engine's SHA-256 and Node's give the same hex and base64 for every input", () => {
  for (const text of inputs()) {
    assert.equal(nodeSha256.hex(text), pureSha256.hex(text), JSON.stringify(text.slice(0, 40)));
    assert.equal(nodeSha256.base64(text), pureSha256.base64(text), JSON.stringify(text.slice(0, 40)));
  }
});

test('both are SHA-256 of the UTF-8 bytes: known digests of the empty text, "abc" and a lone surrogate', () => {
  for (const hasher of [pureSha256, nodeSha256]) {
    assert.equal(hasher.hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(hasher.base64(''), '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    assert.equal(hasher.hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // A lone surrogate is encoded as U+FFFD (EF BF BD), as TextEncoder and Buffer both write it.
    assert.equal(hasher.hex('\uD800'), hasher.hex('\uFFFD'));
  }
});

test('fingerprints and Doorstop stamps are the same whichever SHA-256 is installed', () => {
  const before = currentSha256();
  try {
    for (const hasher of [pureSha256, nodeSha256]) {
      useSha256(hasher);
      // The hand-computed values of review.test.ts.
      assert.equal(fingerprintOf({ title: 'Dose limit', text: 'Reject bolus requests above the limit.' }), '66db785a07a72ca3');
      assert.equal(doorstopDigest(['REQ001', 'Ünïcode  text', 'src/a.py']), 'ap4MrsmKRl_0AY4kgBxUTP8zbQl7RjzDxogko9M945o=');
    }
  } finally {
    useSha256(before);
  }
});

test('the installed SHA-256 is the one fingerprints and stamps use', () => {
  const before = currentSha256();
  const seen: string[] = [];
  const recording: Sha256Hasher = {
    hex: (text) => { seen.push(text); return '0123456789abcdef'.repeat(4); },
    base64: (text) => { seen.push(text); return '+/+/'.repeat(11); },
  };
  try {
    useSha256(recording);
    assert.equal(fingerprintOf({ title: ' Dose  limit', text: 'Reject\nbolus.', attributes: [['rationale', 'Over  dose']] }), '0123456789abcdef');
    assert.equal(doorstopDigest(['REQ001', 'text', 'ref']), '-_-_'.repeat(11), 'URL-safe: + is -, / is _');
    assert.deepEqual(seen, ['Dose limit\nReject bolus.\nrationale=Over dose', 'REQ001textref']);
  } finally {
    useSha256(before);
  }
});

test('the hashing port and what fingerprints and stamps import never reach a node: module', () => {
  const root = path.join(__dirname, '..', '..', 'src', 'core', 'review');
  const pending = ['sha256.ts', 'fingerprint.ts', 'doorstopStamp.ts'].map((file) => path.join(root, file));
  const visited = new Set<string>();
  const offenders: string[] = [];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (visited.has(file)) continue;
    visited.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)) {
      if (spec.startsWith('node:')) offenders.push(`${path.basename(file)} imports ${spec}`);
      else if (spec.startsWith('.')) pending.push(`${path.resolve(path.dirname(file), spec)}.ts`);
    }
  }
  assert.deepEqual(offenders, []);
  assert.ok(visited.size >= 4, `followed ${visited.size} files`);
});
