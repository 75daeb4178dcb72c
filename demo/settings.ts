/**
 * Theme and language switcher. Language goes on a container's `lang` (the elements inherit
 * it, and re-render when it changes); theme goes on `<html data-theme>`, which sets the page's
 * CSS `color-scheme` — the elements follow it through `light-dark()`, as they would on any host
 * page. Both are remembered in localStorage.
 */
import { isLang, type Lang } from './strings.js';

export type Theme = 'auto' | 'light' | 'dark';
export interface Settings {
  lang: Lang;
  theme: Theme;
}

const KEY = 'fieldline-demo:settings';
const isTheme = (v: unknown): v is Theme => v === 'auto' || v === 'light' || v === 'dark';

function load(): Settings {
  const fallback: Settings = { lang: 'en', theme: 'auto' };
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
    return {
      lang: isLang(saved.lang) ? saved.lang : fallback.lang,
      theme: isTheme(saved.theme) ? saved.theme : fallback.theme,
    };
  } catch {
    return fallback;
  }
}

function save(settings: Settings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Private mode: the switch still works for this page.
  }
}

/** Applies the theme to the page; the elements inherit its `color-scheme`. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function initSettings(options: {
  container: HTMLElement;
  langSelect: HTMLSelectElement;
  themeSelect: HTMLSelectElement;
  onChange: (settings: Settings) => void;
}): Settings {
  const { container, langSelect, themeSelect, onChange } = options;
  const settings = load();
  const apply = (): void => {
    container.lang = settings.lang;
    applyTheme(settings.theme);
    langSelect.value = settings.lang;
    themeSelect.value = settings.theme;
    onChange({ ...settings });
  };
  langSelect.addEventListener('change', () => {
    if (isLang(langSelect.value)) settings.lang = langSelect.value;
    save(settings);
    apply();
  });
  themeSelect.addEventListener('change', () => {
    if (isTheme(themeSelect.value)) settings.theme = themeSelect.value;
    save(settings);
    apply();
  });
  apply();
  return settings;
}
