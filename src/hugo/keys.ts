/**
 * Hugo root settings (lower-cased) onair maps elsewhere or can safely
 * ignore, and the ones it does not reproduce, with why.
 */

/** Settings read by the mapping, or harmless to drop (onair already behaves that way). */
export const ignoredKeys = new Set([
  'baseurl', 'title', 'languagecode', 'defaultcontentlanguage', 'contentdir', 'publishdir', 'staticdir', 'params',
  'permalinks', 'taxonomies', 'pagination', 'paginate', 'paginatepath', 'summarylength', 'hascjklanguage', 'markup',
  'menus', 'menu', 'outputs', 'services', 'rsslimit', 'author', 'description', 'enablerobotstxt', 'copyright',
  'enableemoji', 'buildfuture', 'builddrafts', 'buildexpired', 'disablekinds', 'theme', 'themesdir', 'layoutdir',
  'enablegitinfo', 'googleanalytics', 'disqusshortname', 'sitemap', 'minify', 'security', 'build', 'caches',
]);

/** Settings onair does not reproduce, with what happens instead. */
export const unsupportedKeys = new Map<string, string>([
  ['languages', 'onair builds one language; the other languages\' content and menus are not built'],
  ['defaultcontentlanguageinsubdir', 'onair serves the site from its base URL, not a language folder'],
  ['uglyurls', 'onair writes `/post/name/index.html`, not `/post/name.html`; URLs would change'],
  ['disablepathtolower', 'onair lower-cases URLs built from titles and file names as Hugo does by default'],
  ['removepathaccents', 'onair keeps accents in URLs'],
  ['canonifyurls', 'onair writes root-relative links with the base path'],
  ['relativeurls', 'onair writes root-relative links with the base path'],
  ['timezone', 'onair reads dates without a zone as UTC; permalinks with `:day` may differ near midnight'],
  ['outputformats', 'onair writes HTML, RSS and Atom only'],
  ['mediatypes', 'onair writes HTML, RSS and Atom only'],
  ['module', 'Hugo modules are not read; copy the theme\'s files into the site'],
  ['imaging', 'onair does not resize images'],
  ['related', 'onair has no related-content index'],
  ['i18n', 'translation tables are not read'],
  ['frontmatter', 'onair reads `date`, `lastmod`, `publishDate` and `expiryDate` from their own keys only'],
  ['pluralizelisttitles', 'onair titles lists by the section or term name'],
  ['sectionpagesmenu', 'menus are not generated from sections'],
  ['cascade', 'front matter is not cascaded from the config'],
]);
