/**
 * What a page's language (a BCP 47 tag) means for the words onair and its
 * theme print: Chinese in Simplified or Traditional characters, or English.
 */

const traditionalRegions = new Set(['tw', 'hk', 'mo']);

/**
 * The Chinese script a language tag asks for: `hant` for `zh-Hant…` and for
 * Taiwan, Hong Kong and Macau (`zh-TW`), `hans` for any other `zh` tag,
 * `undefined` for other languages. A script subtag wins over the region;
 * case and `_` for `-` do not matter.
 */
export function chineseScript(language: string | undefined): 'hans' | 'hant' | undefined {
  const subtags = (language ?? '').trim().toLowerCase().split(/[-_]/);
  if (subtags[0] !== 'zh') return undefined;
  if (subtags.includes('hant')) return 'hant';
  if (subtags.includes('hans')) return 'hans';
  return subtags.some((subtag) => traditionalRegions.has(subtag)) ? 'hant' : 'hans';
}
