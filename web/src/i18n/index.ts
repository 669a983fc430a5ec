import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { id } from './id';

const STORAGE_KEY = 'prakerja.language';

/** Bahasa Indonesia first; English when the person switched (remembered on this device). */
export function setUpI18n() {
  const language = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  document.documentElement.lang = language;
  return i18next.use(initReactI18next).init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: language,
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
  });
}

export async function switchLanguage(): Promise<void> {
  const next = i18next.language === 'en' ? 'id' : 'en';
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  await i18next.changeLanguage(next);
}
