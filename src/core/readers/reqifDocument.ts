// Implements: TL-130, TL-133, TL-252
/**
 * The parts of a ReqIF document the reader needs, from one pass of a streaming XML parser (saxes):
 * enumeration values, attribute definitions, spec types, SPEC-OBJECTs with their values,
 * SPEC-RELATIONs and the SPECIFICATION trees with their own values. References stay unresolved
 * here (the schema lets the sections come in any order); `reqif.ts` resolves them. Positions are
 * UTF-16 offsets.
 *
 * Safety: saxes never reads a DTD nor expands an entity beyond XML's five, so nothing external is
 * fetched; a DOCTYPE that declares entities (a "billion laughs") is rejected outright, before
 * anything of it is used. Malformed XML is fatal: an XML processor must not go on after it.
 */
import { SaxesParser } from 'saxes';
import { attribute, localName } from './xmlTags';
import { XhtmlText } from './reqifXhtml';

/** The data types of ReqIF attributes. */
export type ReqifDataType = 'STRING' | 'XHTML' | 'ENUMERATION' | 'INTEGER' | 'REAL' | 'DATE' | 'BOOLEAN';

const DATA_TYPES: ReadonlySet<string> = new Set(['STRING', 'XHTML', 'ENUMERATION', 'INTEGER', 'REAL', 'DATE', 'BOOLEAN']);

// Records below are created with every field set (`undefined` where absent) so that each kind keeps
// one object shape: a field added later would make V8 throw away the parser's optimised code.

/** A reference to another element by IDENTIFIER, and where its text is. */
export interface ReqifRef {
  readonly ref: string;
  readonly at: number;
}

/** One ATTRIBUTE-VALUE-*. */
export interface ReqifValue {
  readonly type: ReqifDataType;
  /** Offset of its `<`. */
  readonly at: number;
  /** The attribute definition it is a value of (its IDENTIFIER), and where that reference is. */
  definition: string | undefined;
  definitionAt: number;
  /** THE-VALUE attribute, or the plain text of an XHTML value. */
  value: string;
  /** ENUM-VALUE-REFs of an enumeration value (undefined for the other types). */
  readonly enumRefs: ReqifRef[] | undefined;
}

/** One ATTRIBUTE-DEFINITION-*. */
export interface ReqifDefinition {
  readonly identifier: string;
  readonly longName: string | undefined;
  readonly type: ReqifDataType;
  defaultValue: ReqifValue | undefined;
}

/** A SPEC-OBJECT-TYPE, SPEC-RELATION-TYPE, SPECIFICATION-TYPE or RELATION-GROUP-TYPE. */
export interface ReqifType {
  readonly identifier: string;
  readonly longName: string | undefined;
  /** The identifiers of the attribute definitions it declares. */
  readonly definitions: string[];
}

/** A SPEC-OBJECT: an item to be. */
export interface ReqifObject {
  readonly identifier: string | undefined;
  readonly longName: string | undefined;
  /** Offset of its `<`, and the length of its tag name (prefix included). */
  readonly at: number;
  readonly nameLength: number;
  /** Offset just past its end tag. */
  end: number;
  type: ReqifRef | undefined;
  readonly values: ReqifValue[];
}

/** A SPEC-RELATION. */
export interface ReqifRelation {
  readonly identifier: string | undefined;
  readonly at: number;
  type: ReqifRef | undefined;
  source: ReqifRef | undefined;
  target: ReqifRef | undefined;
}

/** A SPEC-HIERARCHY node of a specification tree. */
export interface ReqifHierarchy {
  readonly at: number;
  object: ReqifRef | undefined;
  readonly children: ReqifHierarchy[];
}

/** A SPECIFICATION: a document outline over the objects. */
export interface ReqifSpecification {
  readonly identifier: string | undefined;
  readonly longName: string | undefined;
  /** Its own attribute values (a DOORS module's `ReqIF.Prefix`). */
  readonly values: ReqifValue[];
  readonly children: ReqifHierarchy[];
}

/** What one ReqIF document holds. */
export interface ReqifDocument {
  /** ENUM-VALUE IDENTIFIER → its name (LONG-NAME, else its key's OTHER-CONTENT, else the IDENTIFIER). */
  readonly enumValues: Map<string, string>;
  readonly definitions: Map<string, ReqifDefinition>;
  readonly types: Map<string, ReqifType>;
  readonly objects: ReqifObject[];
  readonly relations: ReqifRelation[];
  readonly specifications: ReqifSpecification[];
}

/** Why a document could not be read, and where (an offset). */
export interface ReqifFailure {
  readonly at: number;
  readonly message: string;
}

/** Thrown from a parser handler to stop at the first fatal problem. */
class Stop extends Error {
  constructor(readonly failure: ReqifFailure) {
    super(failure.message);
  }
}

const TYPE_ELEMENTS: ReadonlySet<string> = new Set(['SPEC-OBJECT-TYPE', 'SPEC-RELATION-TYPE', 'SPECIFICATION-TYPE', 'RELATION-GROUP-TYPE']);

/** Parses a ReqIF document; a failure when it is no well-formed XML, no ReqIF, or declares entities. */
export function parseReqif(text: string): { document: ReqifDocument } | { failure: ReqifFailure } {
  const document: ReqifDocument = { enumValues: new Map(), definitions: new Map(), types: new Map(), objects: [], relations: [], specifications: [] };
  const parser = new SaxesParser();
  const stack: string[] = [];
  let type: ReqifType | undefined;
  let definition: ReqifDefinition | undefined;
  let enumValue: { identifier: string; longName: string | undefined; key: string | undefined } | undefined;
  let object: ReqifObject | undefined;
  let relation: ReqifRelation | undefined;
  let specification: ReqifSpecification | undefined;
  const hierarchy: ReqifHierarchy[] = [];
  let value: ReqifValue | undefined;
  /** Depth of the THE-VALUE element of an XHTML value while its content is collected. */
  let xhtmlDepth = -1;
  let xhtml: XhtmlText | undefined;
  /** The text of a `*-REF` element being read, and where its content starts. */
  let refText: string | undefined;
  let refStart = 0;

  const offsetNow = (): number => parser.position;
  // Called from the open-tag handler only, and only for the elements whose place is kept: most
  // elements need none. No `<` can stand inside a tag (not even in an attribute value): the last
  // one before the tag's end starts it.
  const tagStart = (): number => text.lastIndexOf('<', offsetNow() - 1);
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      throw new Stop({ at: Math.max(0, text.indexOf('<!DOCTYPE')), message: 'The DOCTYPE declares entities: ReqIF files declare none, and such entities are never expanded (an entity bomb or an external file).' });
    }
  });
  parser.on('error', (error) => {
    throw new Stop({ at: Math.max(0, offsetNow() - 1), message: `Malformed XML: ${error.message.replace(/^\d+:\d+: /, '')}` });
  });
  const onText = (chars: string): void => {
    if (xhtml) xhtml.text(chars);
    else if (refText !== undefined) refText += chars;
  };
  // Text is wanted only inside references and XHTML values: without a handler saxes builds none,
  // which halves the garbage of a large export.
  const wantText = (on: boolean): void => {
    if (on) parser.on('text', onText);
    else parser.off('text');
  };
  parser.on('cdata', onText);
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const parent = stack[stack.length - 1];
    stack.push(name);
    if (xhtml) {
      xhtml.open(name);
      return;
    }
    if (stack.length === 1 && name !== 'REQ-IF') {
      throw new Stop({ at: tagStart(), message: `Not a ReqIF file: the root element is <${tag.name}>, not <REQ-IF>.` });
    }
    if (name.endsWith('-REF')) {
      refText = '';
      refStart = offsetNow();
      wantText(true);
      return;
    }
    if (name.startsWith('ATTRIBUTE-VALUE-')) {
      const dataType = name.slice('ATTRIBUTE-VALUE-'.length);
      if (!DATA_TYPES.has(dataType)) return;
      value = {
        type: dataType as ReqifDataType, at: tagStart(), definition: undefined, definitionAt: 0,
        value: tag.attributes['THE-VALUE'] ?? '', enumRefs: dataType === 'ENUMERATION' ? [] : undefined,
      };
      if (definition && stack.includes('DEFAULT-VALUE')) definition.defaultValue = value;
      else if (object && parent === 'VALUES') object.values.push(value);
      else if (specification && hierarchy.length === 0 && parent === 'VALUES') specification.values.push(value);
      return;
    }
    if (name === 'THE-VALUE' && value?.type === 'XHTML') {
      xhtml = new XhtmlText();
      xhtmlDepth = stack.length;
      wantText(true);
      return;
    }
    if (name.startsWith('ATTRIBUTE-DEFINITION-') && parent === 'SPEC-ATTRIBUTES') {
      const dataType = name.slice('ATTRIBUTE-DEFINITION-'.length);
      const identifier = attribute(tag, 'IDENTIFIER');
      if (!DATA_TYPES.has(dataType) || identifier === undefined) return;
      definition = { identifier, longName: attribute(tag, 'LONG-NAME'), type: dataType as ReqifDataType, defaultValue: undefined };
      document.definitions.set(identifier, definition);
      type?.definitions.push(identifier);
      return;
    }
    switch (name) {
      case 'ENUM-VALUE': {
        const identifier = attribute(tag, 'IDENTIFIER');
        if (identifier !== undefined) enumValue = { identifier, longName: attribute(tag, 'LONG-NAME'), key: undefined };
        break;
      }
      case 'EMBEDDED-VALUE': {
        const key = attribute(tag, 'OTHER-CONTENT');
        if (enumValue && key !== undefined) enumValue.key = key;
        break;
      }
      case 'SPEC-OBJECT':
        if (parent === 'SPEC-OBJECTS') {
          const at = tagStart();
          object = {
            identifier: attribute(tag, 'IDENTIFIER'), longName: attribute(tag, 'LONG-NAME'),
            at, nameLength: tag.name.length, end: at, type: undefined, values: [],
          };
          document.objects.push(object);
        }
        break;
      case 'SPEC-RELATION':
        if (parent === 'SPEC-RELATIONS') {
          relation = { identifier: attribute(tag, 'IDENTIFIER'), at: tagStart(), type: undefined, source: undefined, target: undefined };
          document.relations.push(relation);
        }
        break;
      case 'SPECIFICATION':
        if (parent === 'SPECIFICATIONS') {
          specification = { identifier: attribute(tag, 'IDENTIFIER'), longName: attribute(tag, 'LONG-NAME'), values: [], children: [] };
          document.specifications.push(specification);
        }
        break;
      case 'SPEC-HIERARCHY':
        if (specification && parent === 'CHILDREN') {
          const node: ReqifHierarchy = { at: tagStart(), object: undefined, children: [] };
          (hierarchy[hierarchy.length - 1]?.children ?? specification.children).push(node);
          hierarchy.push(node);
        }
        break;
      default:
        if (parent === 'SPEC-TYPES' && TYPE_ELEMENTS.has(name)) {
          const identifier = attribute(tag, 'IDENTIFIER');
          if (identifier === undefined) break;
          type = { identifier, longName: attribute(tag, 'LONG-NAME'), definitions: [] };
          document.types.set(identifier, type);
        }
    }
  });
  parser.on('closetag', () => {
    const name = stack.pop()!;
    if (xhtml) {
      // Below THE-VALUE, elements are XHTML; THE-VALUE's own end tag ends the value.
      if (stack.length >= xhtmlDepth) {
        xhtml.close(name);
        return;
      }
      value!.value = xhtml.toString();
      xhtml = undefined;
      wantText(false);
      return;
    }
    if (refText !== undefined) {
      closeRef(name, stack[stack.length - 1], refText);
      refText = undefined;
      wantText(false);
      return;
    }
    if (name.startsWith('ATTRIBUTE-VALUE-')) value = undefined;
    else if (definition && name.startsWith('ATTRIBUTE-DEFINITION-') && stack[stack.length - 1] === 'SPEC-ATTRIBUTES') definition = undefined;
    else if (stack[stack.length - 1] === 'SPEC-TYPES' && TYPE_ELEMENTS.has(name)) type = undefined;
    else if (name === 'ENUM-VALUE' && enumValue) {
      document.enumValues.set(enumValue.identifier, enumValue.longName ?? enumValue.key ?? enumValue.identifier);
      enumValue = undefined;
    } else if (name === 'SPEC-OBJECT' && object && stack[stack.length - 1] === 'SPEC-OBJECTS') {
      object.end = offsetNow();
      object = undefined;
    } else if (name === 'SPEC-RELATION' && stack[stack.length - 1] === 'SPEC-RELATIONS') relation = undefined;
    else if (name === 'SPEC-HIERARCHY' && specification && stack[stack.length - 1] === 'CHILDREN') hierarchy.pop();
    else if (name === 'SPECIFICATION' && stack[stack.length - 1] === 'SPECIFICATIONS') specification = undefined;
  });

  /** Files a `*-REF` element's text where it belongs, by its name and its parent's. */
  function closeRef(name: string, parent: string | undefined, raw: string): void {
    const ref = raw.trim();
    if (ref === '') return;
    // The usual reference has no white space around it: then there is nothing to count.
    const lead = ref.length === raw.length ? 0 : raw.length - raw.trimStart().length;
    if (value) {
      if (parent === 'DEFINITION') {
        value.definition = ref;
        value.definitionAt = refStart + lead;
      } else if (name === 'ENUM-VALUE-REF') {
        value.enumRefs?.push({ ref, at: refStart + lead });
      }
      return;
    }
    const at: ReqifRef = { ref, at: refStart + lead };
    if (relation) {
      if (name === 'SPEC-RELATION-TYPE-REF') relation.type = at;
      else if (name === 'SPEC-OBJECT-REF' && parent === 'SOURCE') relation.source = at;
      else if (name === 'SPEC-OBJECT-REF' && parent === 'TARGET') relation.target = at;
    } else if (object) {
      if (name === 'SPEC-OBJECT-TYPE-REF') object.type = at;
    } else if (name === 'SPEC-OBJECT-REF' && parent === 'OBJECT' && hierarchy.length > 0) {
      hierarchy[hierarchy.length - 1]!.object = at;
    }
  }

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof Stop) return { failure: error.failure };
    throw error;
  }
  return { document };
}
