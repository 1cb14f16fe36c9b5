import { useTranslation } from 'react-i18next';

export function CalendarPage() {
  const { t } = useTranslation('desk');
  return <h1>{t('title')}</h1>;
}
