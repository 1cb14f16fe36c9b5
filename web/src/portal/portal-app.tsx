import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shared/language-switch.tsx';
import { Link, usePathname } from '../shared/router.tsx';
import { trackedComplaintId } from './access-token.ts';
import { FilePage } from './file-page.tsx';
import { TrackPage } from './track-page.tsx';

export function PortalApp() {
  const { t } = useTranslation('portal');
  const pathname = usePathname();
  const tracked = trackedComplaintId(pathname);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top-bar">
        <Link to="/portal/" className="brand">
          {t('title')}
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1} className="portal">
        {tracked ? <TrackPage key={tracked} complaintId={tracked} /> : <FilePage />}
      </main>
    </>
  );
}
