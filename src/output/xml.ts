/**
 * XML text that is well-formed whatever the content: characters XML 1.0
 * cannot hold are dropped and `]]>` never appears in character data.
 */
import type { Nodes, Root } from 'xast';
import type { Raw } from 'xast-util-to-xml';
import { toXml } from 'xast-util-to-xml';

// Tab, LF, CR and the legal ranges of XML 1.0; lone surrogates fall outside.
// eslint-disable-next-line no-control-regex
const invalid = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drop characters XML 1.0 does not allow (controls, lone surrogates, U+FFFE/FFFF). */
export function xmlSafeText(value: string): string {
  return value.replace(invalid, '');
}

/**
 * Character data serialized once, as a `raw` node to put in an xast tree
 * given to `serializeXml`: feeds repeat the same post bodies in many
 * documents, and escaping them is most of a feed's cost.
 */
export function xmlText(value: string): Raw {
  // xast-util-to-xml escapes `<` and `&` but leaves `>`: a `]]>` in text stays one, and is illegal.
  return { type: 'raw', value: toXml({ type: 'text', value: xmlSafeText(value) }).replaceAll(']]>', ']]&gt;') };
}

/**
 * A `raw` node whose character data is already UTF-8 (`data.bytes`, made by
 * `xmlTextMemo`): `serializeXmlBytes` copies the bytes into the document
 * instead of joining a large string into it and encoding it again.
 */
export interface RawBytes extends Raw {
  data: { bytes: Uint8Array };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isRawBytes(node: Nodes): node is RawBytes {
  return node.type === 'raw' && (node.data as RawBytes['data'] | undefined)?.bytes instanceof Uint8Array;
}

/**
 * `xmlText` as UTF-8 bytes, remembering its most recently used results, up to
 * `budget` bytes in all (memory stays flat on sites with thousands of posts).
 */
export function xmlTextMemo(budget: number): (value: string) => RawBytes {
  const recent = new Map<string, RawBytes>();
  let size = 0;
  return (value) => {
    let node = recent.get(value);
    if (node) recent.delete(value);
    else {
      node = { type: 'raw', value: '', data: { bytes: encoder.encode(xmlText(value).value) } };
      size += node.data.bytes.length;
      for (const [key, old] of recent) {
        if (size <= budget) break;
        recent.delete(key);
        size -= old.data.bytes.length;
      }
    }
    recent.set(value, node);
    return node;
  };
}

/**
 * Serialize an xast tree: text and attribute values are made safe node by
 * node (`raw` nodes must come from `xmlText`), so large bodies already
 * serialized are not scanned again. We emit no CDATA, so `]]>` in a value is
 * content and is escaped.
 */
export function serializeXml(tree: Root): string {
  const state: SafeState = { cdataEnd: false };
  const xml = toXml(safe(tree, state) as Root, { allowDangerousXml: true });
  // `]]>` in an attribute cannot be escaped node by node: only then is the whole output scanned.
  return state.cdataEnd ? xml.replaceAll(']]>', ']]&gt;') : xml;
}

/**
 * `serializeXml` as UTF-8 bytes: the document around the `RawBytes` nodes is
 * serialized with a marker in their place (`\0index\0`: NUL cannot appear
 * anywhere else, as it is dropped from all text and attributes), and their
 * bytes are copied in between the encoded parts.
 */
export function serializeXmlBytes(tree: Root): Uint8Array {
  const state: SafeState = { cdataEnd: false, bytes: [] };
  let xml = toXml(safe(tree, state) as Root, { allowDangerousXml: true });
  if (state.cdataEnd) xml = xml.replaceAll(']]>', ']]&gt;');
  const parts = xml.split(/\0(\d+)\0/);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < parts.length; i++) chunks.push(i % 2 === 0 ? encoder.encode(parts[i]!) : state.bytes![Number(parts[i])]!);
  return Buffer.concat(chunks);
}

interface SafeState {
  cdataEnd: boolean;
  /** Set when serializing to bytes: the `RawBytes` data in marker order. */
  bytes?: Uint8Array[];
}

function safe(node: Nodes, state: SafeState): Nodes {
  switch (node.type) {
    case 'root':
      return { ...node, children: node.children.map((child) => safe(child, state)) as Root['children'] };
    case 'element': {
      const attributes: Record<string, string> = {};
      for (const [key, value] of Object.entries(node.attributes ?? {})) {
        if (value === null || value === undefined) continue;
        attributes[key] = xmlSafeText(String(value));
        if (attributes[key].includes(']]>')) state.cdataEnd = true;
      }
      return { ...node, attributes, children: node.children.map((child) => safe(child, state)) as typeof node.children };
    }
    case 'text': {
      const value = xmlSafeText(node.value);
      return value.includes(']]>') ? xmlText(value) : { ...node, value };
    }
    case 'raw':
      if (!isRawBytes(node)) return node;
      if (!state.bytes) return { type: 'raw', value: decoder.decode(node.data.bytes) };
      state.bytes.push(node.data.bytes);
      return { type: 'raw', value: `\0${state.bytes.length - 1}\0` };
    case 'doctype':
      return node;
    default:
      return { ...node, value: xmlSafeText(node.value) };
  }
}
