import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Schemas, answerOf } from '../../api/client.ts';
import { caseCategories } from '../../shared/categories.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../shared/format.ts';
import { Link } from '../../shared/router.tsx';
import { Field, ProblemMessage } from '../../shared/ui.tsx';
import { useDesk } from '../desk-context.tsx';


interface Search {
  q: string;
  category: string;
  from: string;
  to: string;
}

function searchFromUrl(): Search {
  const params = new URLSearchParams(location.search);
  return { q: params.get('q') ?? '', category: params.get('category') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
}

export function LibraryPage() {
  const { t } = useTranslation(['desk', 'common']);
  const desk = useDesk();
  const [form, setForm] = useState<Search>(searchFromUrl);
  const [results, setResults] = useState<Schemas['CaseLibraryResult'][] | undefined>();
  const [error, setError] = useState<unknown>();

  const run = async (search: Search) => {
    try {
      const query = Object.fromEntries(Object.entries(search).filter(([, value]) => value !== '')) as Partial<Search>;
      const answer = answerOf(
        await desk.api.GET('/staff/cases', {
          params: { query: { ...query, limit: '50' } as never },
        }),
      );
      setResults(answer.results);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };

  useEffect(() => {
    void run(searchFromUrl());
    // Runs once for the address the page opened at; later searches are submitted.
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const search = new URLSearchParams(Object.entries(form).filter(([, value]) => value !== ''));
    history.replaceState(null, '', `${location.pathname}?${search.toString()}`);
    void run(form);
  };

  return (
    <>
      <h1>{t('library.title')}</h1>
      <form role="search" className="filters" onSubmit={submit}>
        <Field label={t('library.searchLabel')}>
          {(props) => <input {...props} type="search" maxLength={500} value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />}
        </Field>
        <Field label={t('queue.category')}>
          {(props) => (
            <select {...props} value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>
              <option value="">{t('queue.anyCategory')}</option>
              {caseCategories.map((category) => (
                <option key={category} value={category}>
                  {t(`common:category.${category}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('library.from')}>
          {(props) => <input {...props} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />}
        </Field>
        <Field label={t('library.to')}>
          {(props) => <input {...props} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />}
        </Field>
        <div className="field">
          <button type="submit">{t('library.search')}</button>
        </div>
      </form>
      <ProblemMessage error={error} />
      {results && results.length === 0 && <p>{t('library.empty')}</p>}
      {results && results.length > 0 && (
        <table>
          <caption aria-live="polite">{t('library.results', { count: results.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.columns.caseNumber')}</th>
              <th scope="col">{t('queue.columns.subject')}</th>
              <th scope="col">{t('queue.columns.category')}</th>
              <th scope="col">{t('case.rootCause')}</th>
              <th scope="col">{t('case.resolution')}</th>
              <th scope="col">{t('library.closedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((result) => (
              <tr key={result.complaintId}>
                <td>
                  <Link to={`/desk/library/${encodeURIComponent(result.complaintId)}`}>{result.caseNumber}</Link>
                </td>
                <td className="customer-text">{result.subject}</td>
                <td>
                  {caseCategories.includes(result.category as never) ? t(`common:category.${result.category as (typeof caseCategories)[number]}`) : result.category}
                </td>
                <td className="customer-text">{result.rootCause}</td>
                <td className="customer-text">{result.resolution}</td>
                <td>{formatInstant(result.closedAt, currentLanguage())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
