'use client';

import { useTranslations } from 'next-intl';
import { useRef } from 'react';
import type { UsernameRefusal } from '@/lib/accounts/account';
import { USERNAME_LENGTH } from '@/lib/usernames/lengths';
import type { MessageRef } from '@/lib/usernames/types';
import type { Verdict } from './use-username-check';
import { UsernameVerdict } from './username-verdict';
import styles from './username-field.module.css';

/** The global username rules in one line, shown above the field. */
export function useUsernameHint(): string {
  const t = useTranslations('Verdict');
  return t('hint', { min: USERNAME_LENGTH.global.min, max: USERNAME_LENGTH.global.max });
}

interface Props {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  verdict: Verdict;
  hint?: string;
}

/**
 * A username input with its live verdict under it. The verdict is a polite status region the input
 * points at (aria-describedby); the input is aria-invalid when the name cannot be used. Picking a
 * suggestion fills the field and puts the focus back in it (the suggestion buttons go away).
 */
export function UsernameField({ id, name, label, value, onChange, verdict, hint }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const verdictId = `${id}-verdict`;
  const hintId = `${id}-hint`;
  return (
    <div className={`field ${styles.field}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        ref={inputRef}
        id={id}
        name={name}
        type="text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint ? `${verdictId} ${hintId}` : verdictId}
        aria-invalid={verdict.usable === false ? true : undefined}
        autoComplete="username"
        dir="auto"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
      />
      <UsernameVerdict
        id={verdictId}
        verdict={verdict}
        onPick={(suggestion) => {
          onChange(suggestion);
          inputRef.current?.focus();
        }}
      />
    </div>
  );
}

/** The server's refusal of a submitted name, shown as the verdict while the field still holds that name. */
export function refusalVerdict(refusal: UsernameRefusal, text: (ref: MessageRef) => string): Verdict {
  return {
    state: refusal.reason,
    message: text(refusal.message),
    suggestions: refusal.suggestions,
    usable: refusal.reason === 'available' || refusal.reason === 'own_username',
  };
}
