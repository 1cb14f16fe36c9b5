import { useTranslation } from 'react-i18next';

export function CasePage({ id, readOnly = false }: { id: string; readOnly?: boolean }) {
  const { t } = useTranslation('desk');
  return (
    <h1>
      {t('case.complaint')} {id} {readOnly ? t('case.readOnly') : ''}
    </h1>
  );
}
