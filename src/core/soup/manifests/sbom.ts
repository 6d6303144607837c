// Implements: TL-171
/**
 * Software bills of materials in JSON: CycloneDX (`bomFormat: "CycloneDX"`: `components` with
 * `group`, `name`, `version`, and a `dependencies` graph of `bom-ref`s) and SPDX (`spdxVersion`:
 * `packages` with `name`, `versionInfo`, `SPDXID`, and `relationships`). The subject of the SBOM
 * (CycloneDX `metadata.component`, SPDX `documentDescribes` / `DESCRIBES`) is the project's own;
 * what it depends on directly is direct, every other component transitive. Without a dependency
 * graph every component counts as direct: nothing says otherwise. Versions are as the SBOM states them.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { ManifestResult, SoupDependency } from '../types';
import { jsonProperty, jsonString, parseJsonFile, type Positioner } from './common';

/** Reads a CycloneDX or SPDX JSON SBOM; anything else is one problem. */
export function readSbom(text: string, file: string): ManifestResult {
  const { root, position, problems } = parseJsonFile(text, file);
  if (!root) return { dependencies: [], problems, ownNames: [] };
  if (jsonString(jsonProperty(root, 'bomFormat')) === 'CycloneDX') return { ...readCycloneDx(root, position, file), problems };
  if (jsonString(jsonProperty(root, 'spdxVersion')) !== undefined) return { ...readSpdx(root, position, file), problems };
  problems.push({ file, ...position(root.offset), message: 'Not a CycloneDX ("bomFormat": "CycloneDX") or SPDX ("spdxVersion") JSON document: no component is read from it.' });
  return { dependencies: [], problems, ownNames: [] };
}

/** Elements of an array node, [] for anything else. */
function elements(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? node.children ?? [] : [];
}

function readCycloneDx(root: JsonNode, position: Positioner, file: string): Omit<ManifestResult, 'problems'> {
  const subject = jsonProperty(jsonProperty(root, 'metadata'), 'component');
  const subjectRef = jsonString(jsonProperty(subject, 'bom-ref'));
  const subjectName = componentName(subject);
  const graph = new Map<string, string[]>();
  for (const entry of elements(jsonProperty(root, 'dependencies'))) {
    const ref = jsonString(jsonProperty(entry, 'ref'));
    if (ref !== undefined) graph.set(ref, elements(jsonProperty(entry, 'dependsOn')).map(jsonString).filter((r): r is string => r !== undefined));
  }
  const direct = subjectRef !== undefined && graph.has(subjectRef) ? new Set(graph.get(subjectRef)) : undefined;
  const dependencies: SoupDependency[] = [];
  // Components may nest (a component's own `components`): all of them are in the product.
  const visit = (list: JsonNode | undefined): void => {
    for (const component of elements(list)) {
      const name = componentName(component);
      const nameNode = jsonProperty(component, 'name');
      const ref = jsonString(jsonProperty(component, 'bom-ref'));
      if (name !== undefined && nameNode && jsonString(jsonProperty(component, 'scope')) !== 'excluded') {
        dependencies.push(sbomDependency(name, jsonString(jsonProperty(component, 'version')), nameNode, position, file, direct === undefined || (ref !== undefined && direct.has(ref))));
      }
      visit(jsonProperty(component, 'components'));
    }
  };
  visit(jsonProperty(root, 'components'));
  return { dependencies, ownNames: subjectName !== undefined ? [subjectName] : [] };
}

/** A CycloneDX component's name with its group: `@scope/name` for npm, `group:name` for Maven, `group/name` otherwise. */
function componentName(component: JsonNode | undefined): string | undefined {
  const name = jsonString(jsonProperty(component, 'name'));
  const group = jsonString(jsonProperty(component, 'group'));
  if (name === undefined || !group) return name;
  const purl = jsonString(jsonProperty(component, 'purl')) ?? '';
  return purl.startsWith('pkg:maven/') ? `${group}:${name}` : `${group}/${name}`;
}

function readSpdx(root: JsonNode, position: Positioner, file: string): Omit<ManifestResult, 'problems'> {
  const described = new Set(elements(jsonProperty(root, 'documentDescribes')).map(jsonString).filter((r): r is string => r !== undefined));
  const relationships = elements(jsonProperty(root, 'relationships')).map((r) => ({
    from: jsonString(jsonProperty(r, 'spdxElementId')), type: jsonString(jsonProperty(r, 'relationshipType')), to: jsonString(jsonProperty(r, 'relatedSpdxElement')),
  }));
  for (const r of relationships) if (r.type === 'DESCRIBES' && r.to !== undefined) described.add(r.to);
  const direct = new Set<string>();
  let graph = false;
  for (const r of relationships) {
    if (r.from === undefined || r.to === undefined) continue;
    if (r.type === 'DEPENDS_ON' || r.type === 'CONTAINS') {
      graph = true;
      if (described.has(r.from)) direct.add(r.to);
    } else if (r.type === 'DEPENDENCY_OF') {
      graph = true;
      if (described.has(r.to)) direct.add(r.from);
    }
  }
  const dependencies: SoupDependency[] = [];
  const ownNames: string[] = [];
  for (const pkg of elements(jsonProperty(root, 'packages'))) {
    const nameNode = jsonProperty(pkg, 'name');
    const name = jsonString(nameNode);
    const id = jsonString(jsonProperty(pkg, 'SPDXID'));
    if (name === undefined || !nameNode) continue;
    if (id !== undefined && described.has(id)) {
      ownNames.push(name);
      continue;
    }
    const version = jsonString(jsonProperty(pkg, 'versionInfo'));
    dependencies.push(sbomDependency(name, version, nameNode, position, file, !graph || (id !== undefined && direct.has(id))));
  }
  return { dependencies, ownNames };
}

function sbomDependency(name: string, version: string | undefined, nameNode: JsonNode, position: Positioner, file: string, direct: boolean): SoupDependency {
  const at = position(nameNode.offset + 1);
  // The range is the `name` value; a group joined before it is not in the file there.
  const base = { file, ...at, endColumn: at.column + String(nameNode.value).length, name, ecosystem: 'sbom' as const, direct };
  return version !== undefined && version !== '' && version !== 'NOASSERTION' ? { ...base, version, resolution: 'locked' } : { ...base, resolution: 'none', note: 'the SBOM gives no version' };
}
