// Verifies: TL-171
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readPackageJson, readPackageLock } from '../../src/core/soup/manifests/npm';
import { readRequirementsTxt } from '../../src/core/soup/manifests/requirementsTxt';
import { readPyproject, readPythonLock } from '../../src/core/soup/manifests/pyproject';
import { readCargoLock, readCargoToml, cargoTransitive } from '../../src/core/soup/manifests/cargo';
import { readGoMod } from '../../src/core/soup/manifests/goMod';
import { readCsproj, readNugetLock, readPackagesProps } from '../../src/core/soup/manifests/csproj';
import { readSbom } from '../../src/core/soup/manifests/sbom';
import { locateToml } from '../../src/core/soup/manifests/tomlLocator';
import { readProjectDependencies } from '../../src/core/soup/manifests';
import { manifestKind } from '../../src/core/soup/manifests/kinds';
import type { SoupDependency } from '../../src/core/soup/types';

/** A dependency in one comparable line: `name@version resolution direct|transitive file:line:column-endColumn`. */
function show(d: SoupDependency): string {
  return `${d.name}@${d.version ?? '-'} ${d.resolution} ${d.direct ? 'direct' : 'transitive'} ${d.file}:${d.line}:${d.column}-${d.endColumn}${d.note ? ` (${d.note})` : ''}`;
}

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

describe('package.json and package-lock.json', () => {
  const manifest = lines(
    '{',
    '  "name": "@acme/pump-ui",',
    '  "dependencies": {',
    '    "react": "^18.3.1",',
    '    "lodash": "4.17.21",',
    '    "shared": "workspace:*",',
    '    "left-pad": "github:stevemao/left-pad"',
    '  },',
    '  "optionalDependencies": { "fsevents": "~2.3.2" },',
    '  "devDependencies": { "typescript": "^5.5.0" },',
    '  "peerDependencies": { "react-dom": "^18" }',
    '}',
  );

  it('reads runtime dependencies at their names, declared versions as exact, range or none; dev, peer and local ones are not SOUP', () => {
    const result = readPackageJson(manifest, 'ui/package.json');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.ownNames, ['@acme/pump-ui']);
    assert.deepEqual(result.dependencies.map(show), [
      'react@^18.3.1 range direct ui/package.json:4:6-11',
      'lodash@4.17.21 exact direct ui/package.json:5:6-12',
      'left-pad@- none direct ui/package.json:7:6-14 ("github:stevemao/left-pad" is no version)',
      'fsevents@~2.3.2 range direct ui/package.json:9:30-38',
    ]);
  });

  it('resolves versions from a v3 lock (a workspace member\'s own node_modules first) and lists the runtime packages as transitive', () => {
    const lock = readPackageLock(lines(
      '{',
      '  "lockfileVersion": 3,',
      '  "packages": {',
      '    "": { "name": "root" },',
      '    "node_modules/react": { "version": "18.3.1" },',
      '    "node_modules/lodash": { "version": "4.17.20" },',
      '    "ui/node_modules/lodash": { "version": "4.17.21" },',
      '    "node_modules/loose-envify": { "version": "1.4.0" },',
      '    "node_modules/typescript": { "version": "5.6.3", "dev": true },',
      '    "node_modules/shared": { "resolved": "shared", "link": true }',
      '  }',
      '}',
    ), 'package-lock.json');
    assert.deepEqual(lock.problems, []);
    const result = readPackageJson(manifest, 'ui/package.json', lock);
    assert.deepEqual(result.dependencies.slice(0, 2).map(show), [
      'react@18.3.1 locked direct ui/package.json:4:6-11',
      'lodash@4.17.21 locked direct ui/package.json:5:6-12',
    ]);
    assert.equal(result.dependencies[0]!.versionFrom, 'package-lock.json');
    assert.deepEqual(lock.packages.map(show), [
      'react@18.3.1 locked transitive package-lock.json:5:19-24',
      'lodash@4.17.20 locked transitive package-lock.json:6:19-25',
      'lodash@4.17.21 locked transitive package-lock.json:7:22-28',
      'loose-envify@1.4.0 locked transitive package-lock.json:8:19-31',
    ]);
  });

  it('reads a v1 lock\'s nested dependencies, without the development ones', () => {
    const lock = readPackageLock(lines(
      '{',
      '  "lockfileVersion": 1,',
      '  "dependencies": {',
      '    "react": { "version": "16.14.0", "dependencies": { "object-assign": { "version": "4.1.1" } } },',
      '    "jest": { "version": "29.0.0", "dev": true }',
      '  }',
      '}',
    ), 'package-lock.json');
    assert.equal(lock.resolve('react', ''), '16.14.0');
    assert.equal(lock.resolve('object-assign', ''), undefined, 'nested: not what the root package sees');
    assert.deepEqual(lock.packages.map(show), [
      'react@16.14.0 locked transitive package-lock.json:4:6-11',
      'object-assign@4.1.1 locked transitive package-lock.json:4:57-70',
    ]);
  });

  it('reports bad JSON and a wrong shape with their lines, never throwing', () => {
    const broken = readPackageJson('{\n  "dependencies": { "a": 1 }\n', 'package.json');
    assert.deepEqual(broken.problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '3:1 JSON syntax error: CloseBraceExpected.',
      '2:26 The version of "a" must be a string.',
    ]);
    assert.deepEqual(readPackageJson('[]', 'package.json').problems.map((p) => p.message), ['package.json must hold a JSON object.']);
  });
});

describe('requirements.txt', () => {
  it('reads pins, ranges, extras, markers, includes; editable and URL lines are not checkable; -e . and options are not dependencies', () => {
    const result = readRequirementsTxt(lines(
      '# tools',
      'requests==2.32.3  # pinned',
      'numpy>=1.26,<2',
      'uvicorn[standard]==0.30.1 ; python_version >= "3.9"',
      '  attrs',
      'pydantic==2.8.2 \\',
      '    --hash=sha256:abc',
      '-r base.txt',
      '-c constraints.txt',
      '-e .',
      '-e git+https://github.com/acme/pumplib.git@v1.2#egg=pumplib',
      'https://example.com/wheels/fastlib-1.0-py3-none-any.whl',
      '--index-url https://pypi.org/simple',
      'not a requirement!',
    ), 'tools/requirements.txt');
    assert.deepEqual(result.dependencies.map(show), [
      'requests@2.32.3 exact direct tools/requirements.txt:2:1-9',
      'numpy@>=1.26,<2 range direct tools/requirements.txt:3:1-6',
      'uvicorn@0.30.1 exact direct tools/requirements.txt:4:1-8',
      'attrs@- range direct tools/requirements.txt:5:3-8',
      'pydantic@2.8.2 exact direct tools/requirements.txt:6:1-9',
      'pumplib@- none direct tools/requirements.txt:11:4-60 (an editable install (git+https://github.com/acme/pumplib.git@v1.2#egg=pumplib): no version to check)',
      'fastlib-1.0-py3-none-any.whl@- none direct tools/requirements.txt:12:1-56 (installed from a URL or path (https://example.com/wheels/fastlib-1.0-py3-none-any.whl): no version to check)',
    ]);
    assert.deepEqual(result.includes, [{ path: 'tools/base.txt', line: 8, column: 1 }]);
    assert.deepEqual(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`), ['14:1 "not a requirement!" is no requirement specifier (PEP 508) and no pip option.']);
  });

  it('follows includes through the project, reports a missing one at its line', () => {
    const { dependencies, problems, files } = readProjectDependencies(new Map([
      ['requirements.txt', '-r requirements/base.txt\n-r missing.txt\nflask==3.0.3\n'],
      ['requirements/base.txt', 'click==8.1.7\n'],
    ]));
    assert.deepEqual(dependencies.map(show), ['flask@3.0.3 exact direct requirements.txt:3:1-6', 'click@8.1.7 exact direct requirements/base.txt:1:1-6']);
    assert.deepEqual(problems.map((p) => `${p.file}:${p.line} ${p.message}`), ['requirements.txt:2 The included requirements file missing.txt does not exist or is not part of the project.']);
    assert.deepEqual(files, ['requirements.txt', 'requirements/base.txt']);
  });
});

describe('pyproject.toml, poetry.lock and uv.lock', () => {
  it('reads PEP 621 dependencies at their strings, resolved by uv.lock; optional dependencies are not SOUP', () => {
    const pyproject = lines(
      '[project]',
      'name = "pump-tools"',
      'dependencies = [',
      '  "httpx>=0.27",',
      "  'Rich[jupyter]==13.7.1',",
      ']',
      '[project.optional-dependencies]',
      'docs = ["sphinx"]',
    );
    const uv = readPythonLock(lines(
      'version = 1',
      '[[package]]',
      'name = "pump-tools"',
      'version = "0.1.0"',
      'source = { editable = "." }',
      'dependencies = [{ name = "httpx" }, { name = "rich" }]',
      '[package.optional-dependencies]',
      'docs = [{ name = "sphinx" }]',
      '[[package]]',
      'name = "httpx"',
      'version = "0.27.2"',
      'dependencies = [{ name = "anyio" }]',
      '[[package]]',
      'name = "anyio"',
      'version = "4.4.0"',
      '[[package]]',
      'name = "rich"',
      'version = "13.7.1"',
      '[[package]]',
      'name = "sphinx"',
      'version = "7.4.7"',
    ), 'tools/uv.lock');
    const result = readPyproject(pyproject, 'tools/pyproject.toml', uv);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.ownNames, ['pump-tools']);
    assert.deepEqual(result.dependencies.map(show), [
      'httpx@0.27.2 locked direct tools/pyproject.toml:4:4-9',
      'Rich@13.7.1 locked direct tools/pyproject.toml:5:4-8',
    ]);
    assert.deepEqual(uv.packages.map(show), [
      'httpx@0.27.2 locked transitive tools/uv.lock:10:9-14',
      'anyio@4.4.0 locked transitive tools/uv.lock:14:9-14',
      'rich@13.7.1 locked transitive tools/uv.lock:17:9-13',
    ]);
  });

  it('reads Poetry dependencies at their keys (not python, optional or path ones, not groups), resolved by poetry.lock\'s main group', () => {
    const pyproject = lines(
      '[tool.poetry]',
      'name = "pump-cli"',
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'Django = "4.2.14"',
      'celery = { version = "^5.4", extras = ["redis"] }',
      'local-lib = { path = "../lib" }',
      'extra-thing = { version = "1.0", optional = true }',
      '[tool.poetry.dependencies.pyyaml]',
      'version = "^6.0"',
      '[tool.poetry.group.dev.dependencies]',
      'pytest = "^8.0"',
    );
    const declared = readPyproject(pyproject, 'pyproject.toml');
    assert.deepEqual(declared.dependencies.map(show), [
      'Django@4.2.14 exact direct pyproject.toml:5:1-7',
      'celery@^5.4 range direct pyproject.toml:6:1-7',
      'pyyaml@^6.0 range direct pyproject.toml:9:27-33',
    ]);
    const poetry = readPythonLock(lines(
      '[[package]]',
      'name = "celery"',
      'version = "5.4.0"',
      'groups = ["main"]',
      '[[package]]',
      'name = "pytest"',
      'version = "8.3.2"',
      'groups = ["dev"]',
      '[[package]]',
      'name = "kombu"',
      'version = "5.3.7"',
      'category = "main"',
    ), 'poetry.lock');
    const locked = readPyproject(pyproject, 'pyproject.toml', poetry);
    assert.equal(show(locked.dependencies[1]!), 'celery@5.4.0 locked direct pyproject.toml:6:1-7');
    assert.deepEqual(poetry.packages.map(show), ['celery@5.4.0 locked transitive poetry.lock:2:9-15', 'kombu@5.3.7 locked transitive poetry.lock:10:9-14']);
  });

  it('reports a TOML syntax error at its line', () => {
    const result = readPyproject('[project]\ndependencies = ["a",\nname = 1\n', 'pyproject.toml');
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]!.file, 'pyproject.toml');
    assert.equal(result.problems[0]!.line, 3);
    assert.match(result.problems[0]!.message, /^TOML syntax error: /);
  });
});

describe('the TOML locator', () => {
  it('finds keys under headers, quoted and dotted keys, strings of multi-line arrays, past comments and multi-line strings', () => {
    const { keys, headers } = locateToml(lines(
      'title = """',
      'name = "not a key"',
      '"""',
      '[dependencies]',
      '"quoted-crate" = "1"   # comment with = sign',
      'serde.workspace = true',
      'list = [',
      '  "a", # ]',
      "  'b',",
      ']',
      '[[bin]]',
      'name = "x"',
      '[[bin]]',
      'name = "y"',
    ));
    assert.deepEqual(keys.map((k) => `${k.table.join('.')}#${k.element} ${k.key.join('.')} ${k.line}:${k.column}-${k.endColumn} [${k.strings.map((s) => `${s.value}@${s.line}:${s.column}`).join(' ')}]`), [
      '#-1 title 1:1-6 [name = "not a key"\n@2:1]',
      'dependencies#-1 quoted-crate 5:2-14 [1@5:19]',
      'dependencies#-1 serde.workspace 6:1-6 []',
      'dependencies#-1 list 7:1-5 [a@8:4 b@9:4]',
      'bin#0 name 12:1-5 [x@12:9]',
      'bin#1 name 14:1-5 [y@14:9]',
    ]);
    assert.deepEqual(headers.map((h) => `${h.table.join('.')} ${h.line}:${h.column}-${h.endColumn}`), ['dependencies 4:2-14', 'bin 11:3-6', 'bin 13:3-6']);
  });
});

describe('Cargo.toml and Cargo.lock', () => {
  const manifest = lines(
    '[package]',
    'name = "pump-fw"',
    '[dependencies]',
    'serde = { version = "1.0", features = ["derive"] }',
    'heapless = "=0.8.0"',
    'log = "0.4"',
    'hal = { path = "../hal" }',
    'embassy = { git = "https://github.com/embassy-rs/embassy" }',
    'rand_core = { package = "rand_core", version = "0.6" }',
    '[target.\'cfg(target_os = "none")\'.dependencies]',
    'cortex-m = "0.7"',
    '[dev-dependencies]',
    'proptest = "1"',
    '[build-dependencies]',
    'cc = "1"',
  );

  it('reads runtime and target dependencies (not dev, build or path ones); Cargo reads "0.4" as a range', () => {
    const result = readCargoToml(manifest, 'fw/Cargo.toml');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.ownNames, ['pump-fw']);
    assert.deepEqual(result.dependencies.map(show), [
      'serde@1.0 range direct fw/Cargo.toml:4:1-6',
      'heapless@0.8.0 exact direct fw/Cargo.toml:5:1-9',
      'log@0.4 range direct fw/Cargo.toml:6:1-4',
      'embassy@- none direct fw/Cargo.toml:8:1-8 (installed from https://github.com/embassy-rs/embassy: no version to check without Cargo.lock)',
      'rand_core@0.6 range direct fw/Cargo.toml:9:1-10',
      'cortex-m@0.7 range direct fw/Cargo.toml:11:1-9',
    ]);
  });

  it('resolves through the package\'s own lock entry and finds the transitive crates of the runtime dependencies', () => {
    const lock = readCargoLock(lines(
      'version = 3',
      '[[package]]',
      'name = "pump-fw"',
      'version = "0.1.0"',
      'dependencies = ["serde", "log 0.4.22", "proptest"]',
      '[[package]]',
      'name = "serde"',
      'version = "1.0.204"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
      'dependencies = ["serde_derive"]',
      '[[package]]',
      'name = "serde_derive"',
      'version = "1.0.204"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
      '[[package]]',
      'name = "log"',
      'version = "0.4.22"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
      '[[package]]',
      'name = "log"',
      'version = "0.3.9"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
      '[[package]]',
      'name = "proptest"',
      'version = "1.5.0"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
    ), 'Cargo.lock');
    const result = readCargoToml(manifest, 'fw/Cargo.toml', lock);
    assert.deepEqual(result.dependencies.slice(0, 3).map(show), [
      'serde@1.0.204 locked direct fw/Cargo.toml:4:1-6',
      'heapless@0.8.0 exact direct fw/Cargo.toml:5:1-9',
      'log@0.4.22 locked direct fw/Cargo.toml:6:1-4',
    ]);
    assert.deepEqual(cargoTransitive(lock, result.dependencies).map(show), ['serde_derive@1.0.204 locked transitive Cargo.lock:12:9-21']);
  });
});

describe('go.mod', () => {
  it('reads require lines and blocks; // indirect is transitive; module is the project; replace changes the version or makes it local', () => {
    const result = readGoMod(lines(
      'module github.com/acme/pumpd',
      '',
      'go 1.22',
      '',
      'require github.com/spf13/cobra v1.8.1',
      '',
      'require (',
      '\tgolang.org/x/sys v0.22.0 // indirect',
      '\tgithub.com/acme/proto v0.3.0',
      '\tgithub.com/acme/hal v0.1.0',
      ')',
      '',
      'replace github.com/acme/proto => github.com/acme/proto-fork v0.3.2',
      'replace github.com/acme/hal => ../hal',
    ), 'go.mod');
    assert.deepEqual(result.ownNames, ['github.com/acme/pumpd']);
    assert.deepEqual(result.dependencies.map(show), [
      'github.com/spf13/cobra@v1.8.1 locked direct go.mod:5:9-31',
      'golang.org/x/sys@v0.22.0 locked transitive go.mod:8:2-18',
      'github.com/acme/proto@v0.3.2 locked direct go.mod:9:2-23',
      'github.com/acme/hal@- none direct go.mod:10:2-21 (replaced by the folder ../hal: no version to check)',
    ]);
    assert.deepEqual(readGoMod('require github.com/x\n', 'go.mod').problems.map((p) => `${p.line}:${p.column} ${p.message}`), ['1:9 "require github.com/x" must name a module and its version.']);
  });
});

describe('.csproj, packages.lock.json and Directory.Packages.props', () => {
  const project = lines(
    '<Project Sdk="Microsoft.NET.Sdk">',
    '  <ItemGroup>',
    '    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />',
    '    <PackageReference Include="Serilog">',
    '      <Version>[3.1.0,4.0)</Version>',
    '    </PackageReference>',
    '    <PackageReference Include="Polly" />',
    '    <PackageReference Update="Other" Version="1.0.0" />',
    '  </ItemGroup>',
    '</Project>',
  );

  it('reads PackageReference at its Include value, with a Version attribute or child element, else the central version', () => {
    const central = readPackagesProps('<Project><ItemGroup><PackageVersion Include="Polly" Version="8.4.1" /></ItemGroup></Project>\n', 'Directory.Packages.props');
    const result = readCsproj(project, 'src/Pump/Pump.csproj', undefined, central.versions);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.dependencies.map(show), [
      'Newtonsoft.Json@13.0.3 exact direct src/Pump/Pump.csproj:3:32-47',
      'Serilog@[3.1.0,4.0) range direct src/Pump/Pump.csproj:4:32-39',
      'Polly@8.4.1 exact direct src/Pump/Pump.csproj:7:32-37',
    ]);
  });

  it('resolves through packages.lock.json, whose transitive packages are listed once', () => {
    const lock = readNugetLock(lines(
      '{',
      '  "version": 1,',
      '  "dependencies": {',
      '    "net8.0": {',
      '      "Serilog": { "type": "Direct", "requested": "[3.1.0, 4.0.0)", "resolved": "3.1.1" },',
      '      "System.Memory": { "type": "Transitive", "resolved": "4.5.5" },',
      '      "Pump.Core": { "type": "Project" }',
      '    }',
      '  }',
      '}',
    ), 'src/Pump/packages.lock.json');
    const result = readCsproj(project, 'src/Pump/Pump.csproj', lock);
    assert.equal(show(result.dependencies[1]!), 'Serilog@3.1.1 locked direct src/Pump/Pump.csproj:4:32-39');
    assert.deepEqual(lock.packages.map(show), ['System.Memory@4.5.5 locked transitive src/Pump/packages.lock.json:6:8-21']);
  });

  it('refuses a DOCTYPE (no entity is ever expanded) and reports malformed XML at its line', () => {
    const doctype = readCsproj('<!DOCTYPE x [<!ENTITY a "b">]>\n<Project />\n', 'a.csproj');
    assert.deepEqual(doctype.problems.map((p) => `${p.line}:${p.column} ${p.message}`), ['1:1 A project file has no DOCTYPE; it is not read (entities are never expanded).']);
    const broken = readCsproj('<Project>\n  <ItemGroup>\n</Project>\n', 'b.csproj');
    assert.equal(broken.problems.length, 1);
    assert.equal(broken.problems[0]!.line, 3);
    assert.match(broken.problems[0]!.message, /^Malformed XML: /);
  });
});

describe('CycloneDX and SPDX SBOMs', () => {
  it('reads CycloneDX components (groups joined, nested too); what the subject depends on is direct', () => {
    const result = readSbom(lines(
      '{',
      '  "bomFormat": "CycloneDX", "specVersion": "1.5",',
      '  "metadata": { "component": { "bom-ref": "app", "name": "pump-app" } },',
      '  "components": [',
      '    { "bom-ref": "r", "group": "@acme", "name": "ui-kit", "version": "2.0.1", "purl": "pkg:npm/%40acme/ui-kit@2.0.1" },',
      '    { "bom-ref": "j", "group": "org.slf4j", "name": "slf4j-api", "version": "2.0.13", "purl": "pkg:maven/org.slf4j/slf4j-api@2.0.13",',
      '      "components": [ { "bom-ref": "n", "name": "nested", "version": "1" } ] }',
      '  ],',
      '  "dependencies": [ { "ref": "app", "dependsOn": ["r"] }, { "ref": "r", "dependsOn": ["j"] } ]',
      '}',
    ), 'sbom/app.cdx.json');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.ownNames, ['pump-app']);
    assert.deepEqual(result.dependencies.map(show), [
      '@acme/ui-kit@2.0.1 locked direct sbom/app.cdx.json:5:50-56',
      'org.slf4j:slf4j-api@2.0.13 locked transitive sbom/app.cdx.json:6:54-63',
      'nested@1 locked transitive sbom/app.cdx.json:7:50-56',
    ]);
  });

  it('reads SPDX packages; the described package is the project, DEPENDS_ON from it is direct', () => {
    const result = readSbom(lines(
      '{',
      '  "spdxVersion": "SPDX-2.3",',
      '  "documentDescribes": ["SPDXRef-app"],',
      '  "packages": [',
      '    { "SPDXID": "SPDXRef-app", "name": "pump-app", "versionInfo": "1.0" },',
      '    { "SPDXID": "SPDXRef-zlib", "name": "zlib", "versionInfo": "1.3.1" },',
      '    { "SPDXID": "SPDXRef-lz4", "name": "lz4", "versionInfo": "NOASSERTION" }',
      '  ],',
      '  "relationships": [ { "spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-zlib" },',
      '    { "spdxElementId": "SPDXRef-zlib", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-lz4" } ]',
      '}',
    ), 'bom.spdx.json');
    assert.deepEqual(result.ownNames, ['pump-app']);
    assert.deepEqual(result.dependencies.map(show), [
      'zlib@1.3.1 locked direct bom.spdx.json:6:42-46',
      'lz4@- none transitive bom.spdx.json:7:41-44 (the SBOM gives no version)',
    ]);
  });

  it('reports a JSON file that is neither', () => {
    assert.deepEqual(readSbom('{ "x": 1 }', 'bom.json').problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '1:1 Not a CycloneDX ("bomFormat": "CycloneDX") or SPDX ("spdxVersion") JSON document: no component is read from it.',
    ]);
  });
});

describe('the project\'s manifests together', () => {
  it('knows manifests by name, never in installed or vendored folders', () => {
    assert.deepEqual(
      ['package.json', 'a/package-lock.json', 'node_modules/x/package.json', 'vendor/y/go.mod', '.venv/lib/pyproject.toml', 'requirements-dev.txt', 'dev-requirements.txt',
        'notes.txt', 'src/App.csproj', 'app.cdx.json', 'bom.json', 'package.json.bak', 'target/package/z/Cargo.toml'].map((f) => `${f}: ${manifestKind(f) ?? '-'}`),
      ['package.json: package.json', 'a/package-lock.json: package-lock', 'node_modules/x/package.json: -', 'vendor/y/go.mod: -', '.venv/lib/pyproject.toml: -',
        'requirements-dev.txt: requirements.txt', 'dev-requirements.txt: requirements.txt', 'notes.txt: -', 'src/App.csproj: msbuild-project', 'app.cdx.json: sbom',
        'bom.json: sbom', 'package.json.bak: -', 'target/package/z/Cargo.toml: -'],
    );
  });

  it('takes out workspace members, resolves a member through the root lock, and drops transitive packages that are direct somewhere', () => {
    const { dependencies, files } = readProjectDependencies(new Map([
      ['package.json', '{ "name": "root", "workspaces": ["packages/*"], "dependencies": { "core": "1.0.0" } }\n'],
      ['packages/core/package.json', '{ "name": "core", "dependencies": { "react": "^18" } }\n'],
      ['package-lock.json', '{ "lockfileVersion": 3, "packages": { "node_modules/react": { "version": "18.3.1" }, "node_modules/scheduler": { "version": "0.23.2" } } }\n'],
    ]));
    assert.deepEqual(dependencies.map(show), [
      'react@18.3.1 locked direct packages/core/package.json:1:38-43',
      'scheduler@0.23.2 locked transitive package-lock.json:1:100-109',
    ]);
    assert.deepEqual(files, ['package-lock.json', 'package.json', 'packages/core/package.json']);
  });
});
