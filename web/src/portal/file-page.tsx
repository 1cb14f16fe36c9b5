import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type Schemas, answerOf } from '../api/client.ts';
import { currentLanguage } from '../i18n/index.ts';
import { Link } from '../shared/router.tsx';
import { Field, ProblemMessage } from '../shared/ui.tsx';
import { publicApi, tabStorage } from './api.ts';
import { rememberToken, trackUrl } from './access-token.ts';
import { Deadlines } from './deadlines.tsx';
import { type FormField, type FormValues, categoryValues, emptyForm, filingBody, splitFieldErrors } from './filing.ts';

type Filed = Schemas['FiledComplaint'];

const requiredFields: readonly FormField[] = ['name', 'email', 'subject', 'description'];

export function FilePage() {
  const [filed, setFiled] = useState<Filed | undefined>();
  // A new form (and so a new Idempotency-Key) after "File another complaint".
  const [formKey, setFormKey] = useState(0);
  if (filed) {
    return (
      <FiledView
        filed={filed}
        onAnother={() => {
          setFiled(undefined);
          setFormKey((n) => n + 1);
        }}
      />
    );
  }
  return <FilingForm key={formKey} onFiled={setFiled} />;
}

function FilingForm({ onFiled }: { onFiled: (filed: Filed) => void }) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation();
  // One key for the form's life: a double submit or a retry after a lost answer files one complaint.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [values, setValues] = useState<FormValues>(emptyForm);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FormField, string>>>({});
  const [failure, setFailure] = useState<{ error: unknown; other: { field: string; problem: string }[] } | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    document.title = `${t('file.title')} · ${t('title')}`;
  }, [t]);

  const set = (field: FormField) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));

  const focusFirstInvalid = () => {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    const missing: Partial<Record<FormField, string>> = {};
    for (const field of requiredFields) if (!values[field].trim()) missing[field] = t('file.required');
    if (Object.keys(missing).length > 0) {
      setFieldErrors(missing);
      setFailure({ error: undefined, other: [] });
      focusFirstInvalid();
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    setFailure(undefined);
    setFieldErrors({});
    try {
      const answer = answerOf(
        await publicApi.POST('/complaints', {
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          body: filingBody(values, currentLanguage()),
        }),
      );
      rememberToken(tabStorage(), answer.id, answer.accessToken);
      onFiled(answer);
    } catch (error) {
      const { byField, other } = splitFieldErrors(error instanceof ApiProblem ? (error.problem.errors ?? []) : []);
      setFieldErrors(byField);
      setFailure({ error, other });
      if (Object.keys(byField).length > 0) focusFirstInvalid();
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  return (
    <>
      <h1>{t('file.title')}</h1>
      <p>{t('file.intro')}</p>
      {failure &&
        (hasFieldErrors ? (
          <div role="alert" className="problem">
            <p>{t('file.fixFields')}</p>
            {failure.other.length > 0 && (
              <ul>
                {failure.other.map((e) => (
                  <li key={`${e.field}:${e.problem}`}>{e.problem}</li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          <ProblemMessage error={failure.error} />
        ))}
      <form ref={formRef} className="filing-form" noValidate onSubmit={(e) => void submit(e)} aria-busy={submitting}>
        <Field label={t('file.name')} error={fieldErrors.name}>
          {(p) => <input {...p} name="name" autoComplete="name" required maxLength={200} value={values.name} onChange={set('name')} />}
        </Field>
        <Field label={t('file.email')} error={fieldErrors.email} hint={t('file.emailHint')}>
          {(p) => <input {...p} name="email" type="email" autoComplete="email" required maxLength={254} value={values.email} onChange={set('email')} />}
        </Field>
        <Field label={t('file.phone')} error={fieldErrors.phone} hint={t('file.optional')}>
          {(p) => <input {...p} name="phone" type="tel" autoComplete="tel" maxLength={25} value={values.phone} onChange={set('phone')} />}
        </Field>
        <Field label={t('file.category')} error={fieldErrors.category} hint={t('file.optional')}>
          {(p) => (
            <select {...p} name="category" value={values.category} onChange={set('category')}>
              <option value="">{t('file.categoryAuto')}</option>
              {categoryValues.map((c) => (
                <option key={c} value={c}>
                  {tc(`category.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('file.subject')} error={fieldErrors.subject}>
          {(p) => <input {...p} name="subject" required maxLength={200} value={values.subject} onChange={set('subject')} />}
        </Field>
        <Field label={t('file.description')} error={fieldErrors.description} hint={t('file.descriptionHint')}>
          {(p) => <textarea {...p} name="description" required maxLength={5000} rows={8} value={values.description} onChange={set('description')} />}
        </Field>
        <Field label={t('file.orderRef')} error={fieldErrors.orderRef} hint={t('file.optional')}>
          {(p) => <input {...p} name="orderRef" maxLength={64} value={values.orderRef} onChange={set('orderRef')} />}
        </Field>
        <button type="submit" disabled={submitting}>
          {t('file.submit')}
        </button>
        {submitting && (
          <span className="muted submitting" aria-live="polite">
            {' '}
            {t('file.submitting')}
          </span>
        )}
      </form>
    </>
  );
}

function FiledView({ filed, onAnother }: { filed: Filed; onAnother: () => void }) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${t('file.filedTitle')} · ${t('title')}`;
  }, [t]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('file.filedTitle')}
      </h1>
      <div className="notice" role="status">
        <dl className="facts">
          <dt>{t('file.caseNumber')}</dt>
          <dd className="case-number">{filed.caseNumber}</dd>
          <dt>{t('track.phase')}</dt>
          <dd>{tc(`phase.${filed.phase}`)}</dd>
        </dl>
      </div>
      <Deadlines responseDueAt={filed.responseDueAt} resolutionDueAt={filed.resolutionDueAt} provisional={filed.deadlinesProvisional} />
      <p>{t('file.filedIntro')}</p>
      <p>
        <Link to={trackUrl(filed.id, filed.accessToken)} className="button">
          {t('file.track')}
        </Link>
      </p>
      <p>
        <button type="button" className="secondary" onClick={onAnother}>
          {t('file.another')}
        </button>
      </p>
    </>
  );
}
