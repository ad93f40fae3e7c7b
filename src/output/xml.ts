/**
 * XML text that is well-formed whatever the content: characters XML 1.0
 * cannot hold are dropped and `]]>` never appears in character data.
 */
import type { Root } from 'xast';
import { toXml } from 'xast-util-to-xml';

// Tab, LF, CR and the legal ranges of XML 1.0; lone surrogates fall outside.
// eslint-disable-next-line no-control-regex
const invalid = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drop characters XML 1.0 does not allow (controls, lone surrogates, U+FFFE/FFFF). */
export function xmlSafeText(value: string): string {
  return value.replace(invalid, '');
}

/**
 * Serialize an xast tree with an XML declaration. xast-util-to-xml escapes
 * `<` and `&` but leaves `]]>` alone, which is illegal in text; we emit no
 * CDATA, so every `]]>` in the output is content and can be escaped.
 */
export function serializeXml(tree: Root): string {
  return xmlSafeText(toXml(tree)).replaceAll(']]>', ']]&gt;');
}
