/** A project with tags in CI, container and test-script files, some mapped to a language in tracelens.json. */

const CONFIG = JSON.stringify({
  requirements: ['requirements'],
  languages: { '.itest': 'bash', 'ci/*.conf': 'yaml', 'legacy/**': 'none' },
}, null, 2);

export const FILE_TYPES_PROJECT: Record<string, string> = {
  'tracelens.json': CONFIG,
  'requirements/reqs.yml': [
    '# Implements: REQ-1 (a comment in a requirement file is no code reference)',
    'items:',
    '  - id: REQ-1',
    '    title: Pump runs',
    '  - id: REQ-2',
    '    title: CI checks',
    '  - id: REQ-3',
    '    title: Build',
    '  - id: REQ-4',
    '    title: Legacy',
    '',
  ].join('\n'),
  'test/pump.itest': ['#!/bin/sh', '# Verifies: REQ-1', 'echo "Verifies: REQ-2"', 'cat <<EOF', '# Verifies: REQ-3', 'EOF', 'run_pump # Verifies: REQ-4', ''].join('\n'),
  '.github/workflows/ci.yml': ['on: push', 'jobs:', '  unit:', '    # Verifies: REQ-2', '    runs-on: ubuntu-latest', '    env:', '      NOTE: "Verifies: REQ-3"', ''].join('\n'),
  'ci/build.conf': ['# Implements: REQ-3', 'stage: build', ''].join('\n'),
  'Dockerfile': ['# Implements: REQ-1', 'FROM alpine AS pump', 'RUN echo "Implements: REQ-2"', ''].join('\n'),
  'legacy/old.sh': '# Implements: REQ-4\n',
  'docs/notes.itest2': '# Implements: REQ-4\n',
};

/** The references a check of {@link FILE_TYPES_PROJECT} finds, as `file:line:column id relation language symbol`. */
export const FILE_TYPES_REFERENCES = [
  '.github/workflows/ci.yml:4:17 REQ-2 verifies yaml jobs.unit',
  'Dockerfile:1:15 REQ-1 implements dockerfile pump',
  'ci/build.conf:1:15 REQ-3 implements yaml -',
  'test/pump.itest:2:13 REQ-1 verifies bash -',
  'test/pump.itest:7:22 REQ-4 verifies bash -',
];
