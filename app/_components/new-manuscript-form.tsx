'use client';

import { useActionState } from 'react';
import { createManuscriptAction, type CreateManuscriptState } from '../actions';

export function NewManuscriptForm() {
  const [state, action, pending] = useActionState<CreateManuscriptState, FormData>(createManuscriptAction, {});
  return (
    <form action={action} className="inline-form">
      <label htmlFor="title" className="visually-hidden">
        Title
      </label>
      <input id="title" name="title" placeholder="Title, e.g. The Salt Road" required maxLength={200} autoComplete="off" />
      <button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create'}
      </button>
      {state.error ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
