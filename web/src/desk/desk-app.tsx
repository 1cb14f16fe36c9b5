import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createApiClient } from '../api/client.ts';
import { type DeskSession, cognitoSession, localSession } from '../auth/desk-session.ts';
import { loadWebConfig } from '../auth/web-config.ts';
import { currentLanguage } from '../i18n/index.ts';
import { ServerClock } from '../shared/countdown.ts';
import { LanguageSwitch } from '../shared/language-switch.tsx';
import { Link, navigate, usePathname } from '../shared/router.tsx';
import { ProblemMessage } from '../shared/ui.tsx';
import { CalendarBanner } from './calendar-banner.tsx';
import { type Desk, DeskContext } from './desk-context.tsx';
import { CalendarPage } from './pages/calendar-page.tsx';
import { CasePage } from './pages/case-page.tsx';
import { EscalationsPage } from './pages/escalations-page.tsx';
import { LibraryPage } from './pages/library-page.tsx';
import { QueuePage } from './pages/queue-page.tsx';

// ECharts is large: only a supervisor opening the reports downloads it.
const ReportsPage = lazy(() => import('./pages/reports-page.tsx'));

type Boot = { state: 'starting' } | { state: 'failed'; error: unknown } | { state: 'ready'; session: DeskSession };

export function DeskApp() {
  const { t } = useTranslation('desk');
  const [boot, setBoot] = useState<Boot>({ state: 'starting' });

  useEffect(() => {
    void (async () => {
      try {
        const config = await loadWebConfig();
        const session = config.auth.kind === 'cognito' ? await cognitoSession(config.auth) : localSession();
        const returnTo = await session.complete();
        if (returnTo) navigate(returnTo, { replace: true });
        setBoot({ state: 'ready', session });
      } catch (error) {
        setBoot({ state: 'failed', error });
      }
    })();
  }, []);

  if (boot.state === 'starting') return <p aria-live="polite">{t('session.signingIn')}</p>;
  if (boot.state === 'failed') return <ProblemMessage error={boot.error} />;
  const user = boot.session.user();
  if (!user) return <SignIn session={boot.session} />;
  return <SignedIn session={boot.session} />;
}

function SignIn({ session }: { session: DeskSession }) {
  const { t } = useTranslation('desk');
  const isLocal = session.kind === 'local';
  return (
    <main id="main" className="sign-in">
      <header className="top-bar">
        <span className="brand">{t('title')}</span>
        <LanguageSwitch />
      </header>
      <h1>{t('session.signInTitle')}</h1>
      <p>{isLocal ? t('session.signInLocal') : t('session.signInCognito')}</p>
      {!isLocal && (
        <button type="button" onClick={() => void session.signIn(location.pathname)}>
          {t('session.signIn')}
        </button>
      )}
    </main>
  );
}

function SignedIn({ session }: { session: DeskSession }) {
  const { t } = useTranslation('desk');
  const pathname = usePathname();
  const user = session.user()!;
  const desk = useMemo<Desk>(
    () => ({ session, user, serverClock: new ServerClock(), api: createApiClient({ token: () => session.token(), language: currentLanguage }) }),
    [session, user.id, user.role],
  );
  const supervisor = user.role === 'supervisor';
  const nav: { to: string; label: string; show: boolean }[] = [
    { to: '/desk/', label: t('nav.queue'), show: true },
    { to: '/desk/escalations', label: t('nav.escalations'), show: supervisor },
    { to: '/desk/library', label: t('nav.library'), show: true },
    { to: '/desk/reports', label: t('nav.reports'), show: supervisor },
    { to: '/desk/calendar', label: t('nav.calendar'), show: supervisor },
  ];
  const current = (to: string) => (to === '/desk/' ? pathname === '/desk/' || pathname === '/desk' : pathname.startsWith(to));
  return (
    <DeskContext.Provider value={desk}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand">{t('title')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav
              .filter((item) => item.show)
              .map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={current(item.to) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <span className="who">{t('session.signedInAs', { name: user.id, role: t(`session.${user.role}`) })}</span>
        <button
          type="button"
          onClick={() =>
            void session.signOut().then(() => {
              location.assign('/desk/');
            })
          }
        >
          {t('session.signOut')}
        </button>
        <LanguageSwitch />
      </header>
      <CalendarBanner />
      <main id="main" tabIndex={-1}>
        <DeskRoute pathname={pathname} />
      </main>
    </DeskContext.Provider>
  );
}

function DeskRoute({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const caseMatch = /^\/desk\/cases\/([^/]+)\/?$/.exec(pathname);
  if (caseMatch) return <CasePage id={decodeURIComponent(caseMatch[1]!)} />;
  const libraryCase = /^\/desk\/library\/([^/]+)\/?$/.exec(pathname);
  if (libraryCase) return <CasePage id={decodeURIComponent(libraryCase[1]!)} readOnly />;
  if (pathname.startsWith('/desk/escalations')) return <EscalationsPage />;
  if (pathname.startsWith('/desk/library')) return <LibraryPage />;
  if (pathname.startsWith('/desk/calendar')) return <CalendarPage />;
  if (pathname.startsWith('/desk/reports')) {
    return (
      <Suspense fallback={<p aria-live="polite">{t('loading')}</p>}>
        <ReportsPage />
      </Suspense>
    );
  }
  return <QueuePage />;
}
