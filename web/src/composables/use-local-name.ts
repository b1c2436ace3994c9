import { useI18n } from 'vue-i18n';

/** Anything the API names in both languages: a theme, a metric. */
export interface BilingualName {
  name: string;
  nameEn: string;
}

/**
 * The name to show in the reader's language: `nameEn` when the app is in English, the Chinese
 * `name` otherwise. It reads the locale on every call, so templates and computeds that use it
 * follow a change of language.
 */
export function useLocalName(): (named: BilingualName) => string {
  const { locale } = useI18n();
  return (named) => (locale.value === 'en' ? named.nameEn : named.name);
}
