// The verdicts on many names at once (the bulk company check): for each input exactly what
// `checkAvailability` answers for it alone, and `duplicate_in_request` for an input whose canonical
// form repeats an earlier one's, with a fixed number of store queries whatever the number of names.
//
// `checkAvailability` stays the one place where a verdict is decided. It runs against a store that
// answers from what has been asked so far; every question it asks that has no answer yet is
// recorded (and answered provisionally: in use for none), and the recorded questions of all names
// are then asked in one `inUse` query. The names whose check asked something new run again. A check
// asks at most four rounds of questions, each depending on the one before: the name itself (asked
// for every valid name before any check runs), then suggestion variants 1–3 when it is taken, 4–6
// if fewer than three of those were free, the random group if none was. So a request costs at most
// four queries, one for all names per round, and usually one (no name taken) or two. Only the last
// run of each name is kept, and in it every answer came from the store: the verdicts are those of
// the one-name check.

import { checkAvailability } from './availability';
import type { CompanyUsernameRules } from './company-rules';
import { canonicalUsername } from './canonical';
import { validateFormat } from './rules';
import { similarityKey } from './similarity';
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

/** The same random draws on every run of one name's check, so that its questions repeat. */
function replayable(random: () => number): () => () => number {
  const draws: number[] = [];
  return () => {
    let next = 0;
    return () => {
      if (next === draws.length) draws.push(random());
      return draws[next++]!;
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
    if (validateFormat(input, canonical, profile).ok) answers.expect({ canonical, key: profile === 'global' ? similarityKey(canonical) : null });
  }
  await answers.askStore(store);

  let rules: Promise<readonly ReservedRule[]> | undefined;
  const reservedRules = () => (rules ??= Promise.resolve(store.reservedRules()));
  const randoms = new Map<number, () => () => number>();
  let asked = false;
  const lookup = answers.store(reservedRules, () => (asked = true));
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_QUESTION_ROUNDS) throw new Error('checkAvailabilityOfMany: a check asked more rounds of questions than a check can');
    const again: number[] = [];
    for (const index of pending) {
      let random = randoms.get(index);
      if (!random) randoms.set(index, (random = replayable(options.random ?? Math.random)));
      asked = false;
      const verdict: Availability = await checkAvailability(lookup, inputs[index]!, profile, undefined, {
        random: random(),
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
