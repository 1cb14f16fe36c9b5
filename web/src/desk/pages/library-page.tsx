import { useTranslation } from 'react-i18next';

export function LibraryPage() {
  const { t } = useTranslation('desk');
  return <h1>{t('title')}</h1>;
}
