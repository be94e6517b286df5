'use client';

import { useState } from 'react';
import type { AdminActionState } from '@/app/admin/actions';

/**
 * A controlled field's value (so a refused submission keeps what was typed: React resets only
 * uncontrolled fields) that starts over after each successful submission.
 */
export function useClearedOnSuccess(state: AdminActionState, initial = ''): [string, (value: string) => void] {
  const [value, setValue] = useState(initial);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === 'success') setValue(initial);
  }
  return [value, setValue];
}
