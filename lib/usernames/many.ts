// The verdicts on many names at once (the bulk company check): for each input exactly what
// `checkAvailability` answers for it alone, and `duplicate_in_request` for an input whose canonical
// form repeats an earlier one's, with a fixed number of store queries whatever the number of names.
//
// `checkAvailability` stays the one place where a verdict is decided. It runs against a store that
// answers from what has been asked so far; every question it asks that has no answer yet is
// recorded (and answered provisionally: in use for none), and the recorded questions of all names
// are then asked in one `inUse` query. The names whose check asked something new run again. A check
// asks at most four rounds of questions, each depending on the one before: the name itself, then
// suggestion variants 1–3 when it is taken, 4–6 if fewer than three of those were free, the random
// group if none was. The first two are asked before any check runs (every valid name, then variants
// 1–3 of those in use), so that most checks run once. So a request costs at most four queries, one
// for all names per round, and usually one (no name taken) or two. Only the last run of each name
// is kept, and in it every answer came from the store: the verdicts are those of the one-name check.

import { checkAvailability } from './availability';
import type { CompanyUsernameRules } from './company-rules';
import { canonicalUsername } from './canonical';
import { validateFormat } from './rules';
import { similarityKey } from './similarity';
import { firstCandidateForms } from './suggestions';
import type { Availability, Hold, ManyAvailability, NameSetStore, NameStore, Profile, ReservedRule, StoredForms } from './types';

/** How many rounds of questions one check can ask: the name, then three groups of suggestions. */
export const MAX_QUESTION_ROUNDS = 4;

/** The answers known so far, and the questions that are not answered yet. */
class Answers {
  private readonly askedCanonicals = new Set<string>();
  private readonly askedKeys = new Set<string>();
  private readonly canonicalsInUse = new Set<string>();
  private readonly keysInUse = new Set<string>();
  private readonly holds = new Map<string, Hold>();
  /** questions of the current round, by canonical form (and key) */
  private pending = new Map<string, StoredForms>();

  private known(forms: StoredForms): boolean {
    return this.askedCanonicals.has(forms.canonical) && (forms.key === null || this.askedKeys.has(forms.key));
  }

  /** Records an unanswered question; true when `forms` has an answer. */
  private ask(forms: StoredForms): boolean {
    if (this.known(forms)) return true;
    this.expect(forms);
    return false;
  }

  /** Whether `forms` was asked and its name or a look-alike is in use, not held (its check will suggest others). */
  inUse(forms: StoredForms): boolean {
    if (!this.known(forms)) return false;
    return (this.canonicalsInUse.has(forms.canonical) && !this.holds.has(forms.canonical)) || (forms.key !== null && this.keysInUse.has(forms.key));
  }

  /** A question to put to the store with the next `askStore`, unless it has its answer. */
  expectUnknown(forms: StoredForms): void {
    if (!this.known(forms)) this.expect(forms);
  }

  /** A question to put to the store with the next `askStore`. */
  expect(forms: StoredForms): void {
    this.pending.set(forms.key === null ? forms.canonical : `${forms.canonical}\u0000${forms.key}`, forms);
  }

  /** A NameStore over these answers; `onQuestion` is told when a check asks something new. */
  store(reservedRules: () => Promise<readonly ReservedRule[]>, onQuestion: () => void): NameStore {
    return {
      find: (forms) => {
        if (!this.ask(forms)) {
          onQuestion();
          return { canonicalTaken: false, similarTaken: false };
        }
        return {
          canonicalTaken: this.canonicalsInUse.has(forms.canonical),
          similarTaken: forms.key !== null && this.keysInUse.has(forms.key),
          hold: this.holds.get(forms.canonical) ?? null,
        };
      },
      free: (candidates) => {
        const free = new Set<string>();
        for (const forms of candidates) {
          if (!this.ask(forms)) {
            onQuestion();
            free.add(forms.canonical);
          } else if (!this.canonicalsInUse.has(forms.canonical) && (forms.key === null || !this.keysInUse.has(forms.key))) {
            free.add(forms.canonical);
          }
        }
        return free;
      },
      reservedRules,
    };
  }

  /** Asks the store every recorded question at once; false when there was none. */
  async askStore(store: NameSetStore): Promise<boolean> {
    if (this.pending.size === 0) return false;
    const forms = [...this.pending.values()];
    this.pending = new Map();
    const { canonicals, keys, holds } = await store.inUse(forms);
    for (const { canonical, key } of forms) {
      this.askedCanonicals.add(canonical);
      if (canonicals.has(canonical)) this.canonicalsInUse.add(canonical);
      const hold = holds?.get(canonical);
      if (hold) this.holds.set(canonical, hold);
      if (key !== null) {
        this.askedKeys.add(key);
        if (keys.has(key)) this.keysInUse.add(key);
      }
    }
    return true;
  }
}

/**
 * The same random draws on every run of one name's check, so that its questions repeat: `run(index)`
 * gives a run of the check of input `index` the draws of its earlier runs, in order, then new ones.
 */
function replayable(random: () => number): (index: number) => () => number {
  const draws = new Map<number, number[]>();
  return (index) => {
    let next = 0;
    return () => {
      let drawn = draws.get(index);
      if (!drawn) draws.set(index, (drawn = []));
      if (next === drawn.length) drawn.push(random());
      return drawn[next++]!;
    };
  };
}

function repeatOf(earlier: string): ManyAvailability {
  return {
    available: false,
    reason: 'duplicate_in_request',
    message: { key: 'username.verdict.duplicate_in_request', params: { earlier } },
    suggestions: [],
    repeats: earlier,
  };
}

/**
 * The verdict on each of `inputs`, in order. An input whose canonical form equals an earlier
 * input's is `duplicate_in_request` (whatever else it is); every other gets what
 * `checkAvailability` gives it alone. At most MAX_QUESTION_ROUNDS `store.inUse` queries, plus one
 * `store.reservedRules()` for global names.
 */
export async function checkAvailabilityOfMany(
  store: NameSetStore,
  inputs: readonly string[],
  profile: Profile,
  options: { random?: () => number; companyRules?: CompanyUsernameRules } = {},
): Promise<ManyAvailability[]> {
  const verdicts: ManyAvailability[] = new Array(inputs.length);
  const firstByCanonical = new Map<string, number>();
  const answers = new Answers();
  let pending: number[] = [];
  /** the stored forms of each valid name, by index */
  const valid = new Map<number, StoredForms>();
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index]!;
    const canonical = canonicalUsername(input, profile);
    const earlier = firstByCanonical.get(canonical);
    if (earlier !== undefined) {
      verdicts[index] = repeatOf(inputs[earlier]!);
      continue;
    }
    firstByCanonical.set(canonical, index);
    pending.push(index);
    // The first question of every valid name's check is known before it runs: asked up front, so
    // that the first run of each check already has its answer (a free name runs once).
    if (validateFormat(input, canonical, profile).ok) {
      const forms = { canonical, key: profile === 'global' ? similarityKey(canonical) : null };
      valid.set(index, forms);
      answers.expect(forms);
    }
  }
  await answers.askStore(store);
  // So is the next question of a name in use: its first three suggestions (a taken name then runs
  // once too, unless fewer than three of them are free). A guess: asking more than the check will
  // changes no verdict, and a question it did not foresee is asked in the rounds below.
  for (const [index, forms] of valid) {
    if (answers.inUse(forms)) {
      for (const candidate of firstCandidateForms({ input: inputs[index]!, ...forms }, profile, options.companyRules, 1)) answers.expectUnknown(candidate);
    }
  }
  await answers.askStore(store);

  let rules: Promise<readonly ReservedRule[]> | undefined;
  const reservedRules = () => (rules ??= Promise.resolve(store.reservedRules()));
  const randomOf = replayable(options.random ?? Math.random);
  let asked = false;
  const lookup = answers.store(reservedRules, () => (asked = true));
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_QUESTION_ROUNDS) throw new Error('checkAvailabilityOfMany: a check asked more rounds of questions than a check can');
    const again: number[] = [];
    for (const index of pending) {
      asked = false;
      const verdict: Availability = await checkAvailability(lookup, inputs[index]!, profile, undefined, {
        random: randomOf(index),
        companyRules: options.companyRules,
      });
      if (asked) again.push(index);
      else verdicts[index] = verdict;
    }
    await answers.askStore(store);
    pending = again;
  }
  return verdicts;
}
