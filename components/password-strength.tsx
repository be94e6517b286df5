'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { MessageRef } from '@/lib/usernames/types';
import { useMessageText } from './use-message-text';
import { PASSWORD_MAX, PASSWORD_MIN, passwordLength, passwordLengthProblem } from '@/lib/auth/password-policy';
import styles from './password-strength.module.css';

// Feedback on a new password as it's typed: the length rule the server enforces, and a check
// against common-password lists (zxcvbn-ts), which only advises. The lists weigh several hundred
// kilobytes, so they are fetched on the first keystroke in the field, never with the page.

interface Estimate {
  /** the whole password is (a variant of) a listed common password */
  common: boolean;
  /** the whole password is (a variant of) the username */
  isUsername: boolean;
  /** zxcvbn's 0 (guessable in a moment) to 4 (strong) */
  score: number;
}

type Estimator = (password: string, userInputs: string[]) => Estimate;

let estimator: Promise<Estimator> | undefined;

function loadEstimator(): Promise<Estimator> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, lists]) => {
      const zxcvbn = new core.ZxcvbnFactory({ dictionary: { ...lists.dictionary }, graphs: lists.adjacencyGraphs });
      return (password, userInputs) => {
        const result = zxcvbn.check(password, userInputs);
        const whole = (name: string) =>
          result.sequence.some(
            (m) => m.pattern === 'dictionary' && m.dictionaryName === name && m.i === 0 && m.j === password.length - 1,
          );
        return { common: whole('passwords-common'), isUsername: whole('userInputs'), score: result.score };
      };
    },
  );
  return estimator;
}

type Tone = 'neutral' | 'ok' | 'warn' | 'bad';

type Feedback = { text: string; tone: Tone; level: number };

function feedback(password: string, estimate: Estimate | null, t: ReturnType<typeof useTranslations<'PasswordField'>>, text: (ref: MessageRef) => string): Feedback {
  if (password.length === 0) {
    return { text: t('rule', { min: PASSWORD_MIN, max: PASSWORD_MAX }), tone: 'neutral', level: 0 };
  }
  const problem = passwordLengthProblem(password);
  const lengthProblem = problem ? text(problem) : null;
  if (lengthProblem) {
    // Too short is where everyone starts typing: not an error yet. (No running count either: the
    // feedback is a live region, and it should speak when the verdict changes, not per keystroke.)
    return passwordLength(password) < PASSWORD_MIN
      ? { text: lengthProblem, tone: 'neutral', level: 1 }
      : { text: lengthProblem, tone: 'bad', level: 0 };
  }
  if (!estimate) return { text: t('longEnough'), tone: 'ok', level: 2 };
  if (estimate.isUsername) return { text: t('isUsername'), tone: 'warn', level: 1 };
  if (estimate.common) {
    return { text: t('common'), tone: 'warn', level: 1 };
  }
  if (estimate.score <= 2) return { text: t('easyToGuess'), tone: 'warn', level: 2 };
  if (estimate.score === 3) return { text: t('good'), tone: 'ok', level: 3 };
  return { text: t('strong'), tone: 'ok', level: 4 };
}

interface Props {
  id: string;
  name: string;
  /** the field's label: `Password` on the signup, `New password` where one is replaced */
  label?: string;
  value: string;
  onChange: (value: string) => void;
  /** the username being registered: a password equal to it is called out */
  username: string;
  /** the server's messages for this field after a submit */
  errors?: string[];
}

/** A new-password field (labelled `Password` unless told) with its live strength feedback. */
export function PasswordField({ id, name, label, value, onChange, username, errors }: Props) {
  const t = useTranslations('PasswordField');
  const messageText = useMessageText();
  const [estimate, setEstimate] = useState<{ password: string; username: string; result: Estimate } | null>(null);
  const current = estimate && estimate.password === value && estimate.username === username ? estimate.result : null;
  const { text, tone, level } = feedback(value, current, t, messageText);
  const feedbackId = `${id}-feedback`;
  const errorId = `${id}-error`;

  useEffect(() => {
    // Nothing is fetched until the person types a password (then the lists load once, in the background).
    if (value.length === 0) return;
    let live = true;
    loadEstimator()
      .then((estimateStrength) => {
        if (!live || passwordLengthProblem(value)) return;
        setEstimate({ password: value, username, result: estimateStrength(value, username ? [username] : []) });
      })
      .catch(() => {
        // Without the lists the length rule still shows (the server never needed them); retry later.
        estimator = undefined;
      });
    return () => {
      live = false;
    };
  }, [value, username]);

  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t('label')}</label>
      <input
        id={id}
        name={name}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={errors?.length ? `${errorId} ${feedbackId}` : feedbackId}
        aria-invalid={errors?.length ? true : undefined}
      />
      <div className={styles.meter} data-level={level} data-tone={tone} aria-hidden="true">
        <span />
        <span />
        <span />
        <span />
      </div>
      <p id={feedbackId} className={styles.feedback} data-tone={tone} aria-live="polite">
        {text}
      </p>
      {errors?.length ? (
        <p id={errorId} className="field-error">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
