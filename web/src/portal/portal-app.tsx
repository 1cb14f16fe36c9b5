import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shared/language-switch.tsx';

export function PortalApp() {
  const { t } = useTranslation('portal');
  return (
    <>
      <header className="top-bar">
        <span className="brand">{t('title')}</span>
        <LanguageSwitch />
      </header>
      <main id="main">
        <h1>{t('title')}</h1>
      </main>
    </>
  );
}
