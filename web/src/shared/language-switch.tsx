import { useTranslation } from 'react-i18next';
import { currentLanguage, switchLanguage } from '../i18n/index.ts';

/** Names the other language in that language, so a reader of either finds it. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const other = currentLanguage() === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="language-switch" lang={other} title={t('language.switchToName')} onClick={() => void switchLanguage(other)}>
      {t('language.switchTo')}
    </button>
  );
}
