import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf } from '../../api/client.ts';
import { formatDate } from '../../shared/format.ts';
import { Field, LoadedView, ProblemMessage, useLoaded } from '../../shared/ui.tsx';
import { type CalendarDay, type CalendarYear, calendarChanged, calendarOnce, dayName, missingYearOf, safeFileName, scheduleKind } from '../calendar-status.ts';
import { useDesk } from '../desk-context.tsx';

interface LoadAnswer {
  coveredYears: number[];
  entries: number;
  recomputed: number;
  stillProvisional: number;
}

export function CalendarPage() {
  const desk = useDesk();
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  // The banner reads the same answer: one request per page load, again after a load.
  const { loaded, reload } = useLoaded(() => calendarOnce(desk), 'calendar');

  return (
    <>
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.intro')}</p>
      <LoadedView loaded={loaded}>
        {(status) => {
          const missing = missingYearOf(status);
          return (
            <>
              <ul>
                <li>{t('calendar.timeZone', { timeZone: status.timeZone })}</li>
                <li>{t('calendar.covered', { years: status.coveredYears.join(', ') })}</li>
                {status.provisionalFrom && <li>{t('calendar.provisional', { date: formatDate(status.provisionalFrom, language) })}</li>}
                {typeof status.provisionalComplaints === 'number' && <li>{t('calendar.provisionalComplaints', { count: status.provisionalComplaints })}</li>}
              </ul>
              {missing && <p className="calendar-missing">{t('calendar.missing', { year: missing.year })}</p>}
              <div className="calendar-years">
                {status.years.map((year) => (
                  <YearPanel key={year.year} year={year} />
                ))}
              </div>
            </>
          );
        }}
      </LoadedView>
      <Upload
        onLoaded={() => {
          calendarChanged();
          void reload();
        }}
      />
    </>
  );
}

function YearPanel({ year }: { year: CalendarYear }) {
  const { t } = useTranslation('reports');
  return (
    <section className="panel" aria-labelledby={`year-${year.year}`}>
      <h2 id={`year-${year.year}`}>
        {t('calendar.year', { year: year.year })} <span className="muted">({t(`calendar.source.${year.source}`)})</span>
      </h2>
      <DayTable caption={t('calendar.holidays', { year: year.year })} days={year.holidays} empty={t('calendar.noHolidays')} />
      <DayTable caption={t('calendar.makeUp', { year: year.year })} days={year.makeUpWorkingDays} empty={t('calendar.noMakeUp')} />
    </section>
  );
}

function DayTable({ caption, days, empty }: { caption: string; days: CalendarDay[]; empty: string }) {
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  if (days.length === 0) {
    return (
      <>
        <h3>{caption}</h3>
        <p>{empty}</p>
      </>
    );
  }
  return (
    <details>
      <summary>
        {caption} ({days.length})
      </summary>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calendar.date')}</th>
            <th scope="col">{t('calendar.name')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row">
                <time dateTime={day.date}>{formatDate(day.date, language)}</time>
              </th>
              <td>{dayName(day, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Upload({ onLoaded }: { onLoaded: () => void }) {
  const desk = useDesk();
  const { t } = useTranslation('reports');
  const [file, setFile] = useState<File | undefined>(undefined);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ answer: LoadAnswer } | { error: unknown } | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(undefined);
    if (!file) return setFileError(t('calendar.chooseFile'));
    const kind = scheduleKind(file);
    if (!kind) return setFileError(t('calendar.wrongType'));
    setFileError(undefined);
    setBusy(true);
    try {
      const text = await file.text();
      const result =
        kind === 'ics'
          ? await desk.api.PUT('/staff/calendar', {
              body: text,
              headers: { 'content-type': 'text/calendar' },
              bodySerializer: (body) => (typeof body === 'string' ? body : JSON.stringify(body)),
            })
          : await desk.api.PUT('/staff/calendar', { body: { fileName: safeFileName(file.name), content: text } });
      setOutcome({ answer: answerOf(result) });
      onLoaded();
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="calendar-upload">
      <h2 id="calendar-upload">{t('calendar.upload')}</h2>
      <p>{t('calendar.uploadIntro')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <Field label={t('calendar.file')} error={fileError}>
          {(props) => (
            <input
              {...props}
              type="file"
              accept=".ics,.json,text/calendar,application/json"
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                setFileError(undefined);
              }}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? t('calendar.sending') : t('calendar.send')}
        </button>
      </form>
      <div aria-live="polite">
        {outcome && 'answer' in outcome && (
          <p className="notice">
            {t('calendar.loaded', {
              entries: outcome.answer.entries,
              years: outcome.answer.coveredYears.join(', ') || t('kpi.none'),
              recomputed: outcome.answer.recomputed,
              stillProvisional: outcome.answer.stillProvisional,
            })}
          </p>
        )}
      </div>
      {outcome && 'error' in outcome && <ProblemMessage error={outcome.error} />}
    </section>
  );
}
