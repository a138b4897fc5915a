'use client';

import { useActionState, type ReactNode } from 'react';
import { FormError } from './form-error';

export type FormActionState = { error?: string; ok?: string; secret?: string; values?: Record<string, string> };
type FormAction = (state: FormActionState, form: FormData) => Promise<FormActionState>;

interface ActionFormProps {
  action: FormAction;
  submitLabel: string;
  pendingLabel?: string;
  hidden?: Record<string, string>;
  className?: string;
  /** Secondary buttons look quieter than a form's main action. */
  quiet?: boolean;
  children?: ReactNode;
  label?: string;
}

/** A form bound to a server action, showing its error, its confirmation, and a once-only secret. */
export function ActionForm({ action, submitLabel, pendingLabel, hidden, className, quiet, children, label }: ActionFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={className} aria-label={label}>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button type="submit" disabled={pending} className={quiet ? 'quiet' : undefined}>
        {pending ? (pendingLabel ?? `${submitLabel}…`) : submitLabel}
      </button>
      <FormError message={state.error} />
      {state.ok ? (
        <p aria-live="polite" className="form-message ok">
          {state.ok}
        </p>
      ) : null}
      {state.secret ? (
        <p className="form-message">
          <code className="secret" data-testid="secret">
            {state.secret.startsWith('/') && typeof window !== 'undefined' ? window.location.origin + state.secret : state.secret}
          </code>
        </p>
      ) : null}
    </form>
  );
}
