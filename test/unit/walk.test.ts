// Verifies: TL-014, TL-002
import { test } from 'node:test';
import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { globMatcher } from '../../src/core/files/walk';

const GLOBS = [
  'requirements/**/*.{md,markdown,yml,yaml}', 'requirements/srs.md', './requirements/**', 'docs/**/req-*.md',
  '**/*.md', 'req*/**', '{a,b}/**', 'a/b/**/c/*.md', 'vendor/**', '.hidden/**', 'docs/requirements/**', 'a/../b/**',
];
const PATHS = [
  'requirements/srs.md', 'requirements/sub/x.yml', 'requirements', 'requirements.md', 'requirementsX/a.md', 'reqs/a.md',
  'docs/x/req-1.md', 'docs/req-2.md', 'docs/requirements/a.md', 'a/x.md', 'b/c.md', 'a/b/c/d.md', 'a/b/x/c/y.md',
  'vendor/lib.c', 'vendorX/lib.c', '.hidden/a.md', 'src/main.c', 'README.md', 'b/x.md',
];

test('globMatcher answers exactly as picomatch, with or without its prefix test', () => {
  // Every glob alone and in pairs: the prefix test applies only when all globs of a set have a base.
  const sets = [...GLOBS.map((g) => [g]), ...GLOBS.flatMap((a, i) => GLOBS.slice(i + 1).map((b) => [a, b]))];
  for (const globs of sets) {
    const reference = picomatch(globs, { dot: true });
    const matcher = globMatcher(globs);
    for (const file of PATHS) assert.equal(matcher(file), reference(file), `${JSON.stringify(globs)} on ${file}`);
  }
  assert.equal(globMatcher([])('a.md'), false);
});
