/**
 * Hugo's `params.mainSections` (set by Stack's and PaperMod's sites): the
 * sections the home page, its feeds and the archive show. Shared by the
 * routes check (which pages the home list makes) and the lists it checks.
 */

/**
 * The sections named by `params.mainSections` (key in any case, a string or a
 * list), so a `page/` section of about and search pages stays off the home
 * page; undefined (every section) when unset.
 */
export function mainSections(params: Readonly<Record<string, unknown>>): Set<string> | undefined {
  const key = Object.keys(params).find((name) => name.toLowerCase() === 'mainsections');
  const value = key === undefined ? undefined : params[key];
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
  return names.length > 0 ? new Set(names) : undefined;
}
