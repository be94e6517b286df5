// The length bounds of both profiles, in a module of their own: a page can show them (the signup
// field's hint) without bundling the format rules, which /signup loads on the first keystroke
// (docs/decisions/004). rules.ts applies them.

import type { Profile } from './types';

/** Lengths in code points of the canonical form (what is stored and compared). */
export const USERNAME_LENGTH: Readonly<Record<Profile, { min: number; max: number }>> = {
  global: { min: 3, max: 30 },
  company: { min: 1, max: 64 },
};
