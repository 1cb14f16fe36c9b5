import { useTranslation } from 'react-i18next';

export default function ReportsPage() {
  const { t } = useTranslation('desk');
  return <h1>{t('nav.reports')}</h1>;
}
