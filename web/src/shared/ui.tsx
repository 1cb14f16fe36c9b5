import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client.ts';

/** A refusal beside the control that caused it, in the UI language (the API answered it so). */
export function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiProblem) {
    const fieldErrors = error.problem.errors ?? [];
    return (
      <div role="alert" className="problem">
        <strong>{error.problem.title}</strong>
        <p>{error.problem.detail}</p>
        {fieldErrors.length > 0 && (
          <ul>
            {fieldErrors.map((e) => (
              <li key={`${e.field}:${e.problem}`}>
                <code>{e.field}</code>: {e.problem}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div role="alert" className="problem">
      <p>{t('unavailable')}</p>
    </div>
  );
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A labelled control with its own error below it, tied together for screen readers. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children({ id, ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; value: T };

/** Loads on mount and whenever `key` changes; `reload` fetches again without clearing what is shown. */
export function useLoaded<T>(load: () => Promise<T>, key: string): { loaded: Loaded<T>; reload: () => Promise<void> } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const value = await loadRef.current();
      if (mine === generation.current) setLoaded({ state: 'ready', value });
    } catch (error) {
      if (mine === generation.current) setLoaded({ state: 'failed', error });
    }
  }, []);
  useEffect(() => {
    setLoaded({ state: 'loading' });
    void reload();
  }, [key, reload]);
  return { loaded, reload };
}

export function LoadedView<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ReactNode }) {
  const { t } = useTranslation();
  if (loaded.state === 'loading') return <p aria-live="polite">{t('loading')}</p>;
  if (loaded.state === 'failed') return <ProblemMessage error={loaded.error} />;
  return <>{children(loaded.value)}</>;
}

/** Re-renders every `ms`, for live figures such as countdowns. */
export function useTick(ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return tick;
}
