import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client.ts';
import { Field, ProblemMessage } from '../shared/ui.tsx';

export interface ActionField {
  /** The request body's field name: the API's field errors name it. */
  name: string;
  label: string;
  kind: 'textarea' | 'text' | 'select';
  options?: { value: string; label: string }[];
  /** A select's first, empty choice ("Choose…"): with `required`, the browser asks for a real one. */
  placeholder?: string;
  hint?: string;
  required?: boolean;
  maxLength?: number;
}

interface ActionFormProps {
  title: string;
  button: string;
  fields?: ActionField[];
  initial?: Record<string, string>;
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
}

/** One action on a case: its own fields, its own refusal shown beside it, and a confirmation once done. */
export function ActionForm({ title, button, fields = [], initial = {}, onSubmit }: ActionFormProps) {
  const { t } = useTranslation('desk');
  const headingId = useId();
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const fieldErrors = error instanceof ApiProblem ? error.fieldErrors() : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(false);
    try {
      const body = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
      await onSubmit(body);
      setError(undefined);
      setDone(true);
      setValues(initial);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
      <h3 id={headingId}>{title}</h3>
      {fields.map((field) => (
        <Field key={field.name} label={field.label} error={fieldErrors[field.name]} {...(field.hint ? { hint: field.hint } : {})}>
          {(props) =>
            field.kind === 'textarea' ? (
              <textarea
                {...props}
                name={field.name}
                required={field.required}
                maxLength={field.maxLength}
                value={values[field.name] ?? ''}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              />
            ) : field.kind === 'select' ? (
              <select
                {...props}
                name={field.name}
                required={field.required}
                value={values[field.name] ?? ''}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              >
                {field.placeholder !== undefined && (
                  <option value="" disabled>
                    {field.placeholder}
                  </option>
                )}
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...props}
                name={field.name}
                required={field.required}
                maxLength={field.maxLength}
                value={values[field.name] ?? ''}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              />
            )
          }
        </Field>
      ))}
      <button type="submit" disabled={busy}>
        {button}
      </button>
      <ProblemMessage error={error} />
      {done && (
        <p role="status" className="notice">
          {t('case.done_')}
        </p>
      )}
    </form>
  );
}
