import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../shared/format.ts';
import { Link } from '../shared/router.tsx';
import { type CalendarStatus, calendarOnce, missingYearOf, onCalendarChanged } from './calendar-status.ts';
import { useDesk } from './desk-context.tsx';

/** Says loudly when next year's statutory calendar is missing; shows nothing while loading or on error, never blocking the desk. */
export function CalendarBanner() {
  const desk = useDesk();
  const { t, i18n } = useTranslation('desk');
  const [status, setStatus] = useState<CalendarStatus | undefined>(undefined);

  useEffect(() => {
    let current = true;
    const read = () =>
      calendarOnce(desk).then(
        (answer) => current && setStatus(answer),
        () => current && setStatus(undefined),
      );
    void read();
    const stop = onCalendarChanged(() => void read());
    return () => {
      current = false;
      stop();
    };
  }, [desk]);

  const missing = status ? missingYearOf(status) : undefined;
  if (!missing) return null;
  return (
    <div className="banner" role="status">
      {t('calendarBanner', { year: missing.year, lastDate: formatDate(missing.lastDate, i18n.language) })}
      {desk.user.role === 'supervisor' && (
        <>
          {' '}
          <Link to="/desk/calendar">{t('calendarBannerLink')}</Link>
        </>
      )}
    </div>
  );
}
