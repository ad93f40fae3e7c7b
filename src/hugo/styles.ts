/**
 * Hugo's highlight styles (Chroma names) and the Shiki themes that look the
 * same, for `markup.highlight.style`.
 */
const twins: Record<string, string> = {
  github: 'github-light',
  'github-dark': 'github-dark',
  monokai: 'monokai',
  monokailight: 'github-light',
  dracula: 'dracula',
  nord: 'nord',
  'solarized-light': 'solarized-light',
  'solarized-dark': 'solarized-dark',
  'solarized-dark256': 'solarized-dark',
  'gruvbox-light': 'gruvbox-light-medium',
  gruvbox: 'gruvbox-dark-medium',
  'catppuccin-latte': 'catppuccin-latte',
  'catppuccin-mocha': 'catppuccin-mocha',
  'catppuccin-frappe': 'catppuccin-frappe',
  'catppuccin-macchiato': 'catppuccin-macchiato',
  'rose-pine': 'rose-pine',
  'rose-pine-dawn': 'rose-pine-dawn',
  'rose-pine-moon': 'rose-pine-moon',
  onedark: 'one-dark-pro',
  vs: 'light-plus',
  vim: 'vitesse-dark',
};

/** The Shiki theme for a Chroma style name, or `undefined` when there is none. */
export function highlightTheme(style: string): string | undefined {
  return twins[style.toLowerCase()];
}
