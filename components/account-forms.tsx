'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState } from 'react';
import { changePasswordAction, deleteAccountAction, setEmailAction, type AccountFormState } from '@/app/account/actions';
import { FormAlert } from '@/components/form-alert';
import { PasswordField } from '@/components/password-strength';

// The /account forms beside the username: email, password, deleting the account. Each shows the
// server's answer in a live region and its field errors tied to the field by aria-describedby.

const initial: AccountFormState = { status: 'idle', message: null, fieldErrors: {} };

interface InputFieldProps {
  id: string;
  name: string;
  label: string;
  type: 'password' | 'email';
  autoComplete: string;
  errors?: string[];
  hint?: string;
  value?: string;
  onChange?: (value: string) => void;
  inputRef?: React.Ref<HTMLInputElement>;
}

/** A labelled input with its hint and its errors, both tied to it by aria-describedby. */
function InputField({ id, name, label, type, autoComplete, errors, hint, value, onChange, inputRef }: InputFieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [errors?.length ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        {...(onChange ? { value: value ?? '', onChange: (event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value) } : {})}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {errors?.length ? (
        <p id={errorId} className="field-error">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** The saved message, in a status region that is always there (so it is announced when it changes). */
function Saved({ state }: { state: AccountFormState }) {
  return (
    <p role="status" className="saved-message">
      {state.status === 'saved' ? state.message : ''}
    </p>
  );
}

/** Current password and a new one; every other session ends (app/account/actions.ts). */
export function ChangePasswordForm({ username }: { username: string }) {
  const t = useTranslations('AccountForms');
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  const [newPassword, setNewPassword] = useState('');
  const [answered, setAnswered] = useState(state);
  const currentRef = useRef<HTMLInputElement>(null);
  // A saved change clears the new password (adjusted while rendering, React's pattern for state
  // that follows another: no extra render with the old value).
  if (answered !== state) {
    setAnswered(state);
    if (state.status === 'saved') setNewPassword('');
  }

  useEffect(() => {
    if (state.status === 'error') {
      if (state.fieldErrors.newPassword) document.getElementById('new-password')?.focus();
      else currentRef.current?.focus();
    }
  }, [state]);

  return (
    <form action={action} noValidate>
      <FormAlert message={state.status === 'error' ? state.message : null} />
      <InputField
        id="current-password"
        name="currentPassword"
        label={t('currentPassword')}
        type="password"
        autoComplete="current-password"
        errors={state.fieldErrors.currentPassword}
        inputRef={currentRef}
      />
      <PasswordField id="new-password" name="newPassword" label={t('newPassword')} value={newPassword} onChange={setNewPassword} username={username} errors={state.fieldErrors.newPassword} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {t('changePassword')}
        </button>
        <Saved state={state} />
      </div>
    </form>
  );
}

/** The optional address: set, change or remove it; a new one gets a confirmation link. */
export function EmailForm({ email, verified }: { email: string | null; verified: boolean }) {
  const t = useTranslations('AccountForms');
  const [state, action, pending] = useActionState(setEmailAction, initial);
  const [value, setValue] = useState(email ?? '');

  useEffect(() => {
    if (state.status === 'error') document.getElementById('email')?.focus();
  }, [state]);

  const hint = email === null ? t('emailHintNone') : verified ? t('emailHintConfirmed', { email }) : t('emailHintUnconfirmed', { email });
  return (
    <form action={action} noValidate>
      <FormAlert message={state.status === 'error' ? state.message : null} />
      <InputField id="email" name="email" label={t('email')} type="email" autoComplete="email" value={value} onChange={setValue} errors={state.fieldErrors.email} hint={hint} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {t('saveEmail')}
        </button>
        <Saved state={state} />
      </div>
    </form>
  );
}

/** The account goes, given its password. */
export function DeleteAccountForm() {
  const t = useTranslations('AccountForms');
  const [state, action, pending] = useActionState(deleteAccountAction, initial);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.status === 'error') passwordRef.current?.focus();
  }, [state]);

  return (
    <form action={action} noValidate>
      <FormAlert message={state.status === 'error' ? state.message : null} />
      <InputField
        id="delete-password"
        name="password"
        label={t('password')}
        type="password"
        autoComplete="current-password"
        errors={state.fieldErrors.password}
        hint={t('passwordToConfirm')}
        inputRef={passwordRef}
      />
      <button type="submit" className="button danger" disabled={pending}>
        {t('deleteAccount')}
      </button>
    </form>
  );
}
