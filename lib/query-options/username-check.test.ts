import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { slugCheck, slugCheckKeys } from './slug-check';
import { companyUsernameCheck, globalUsernameCheck, usernameCheckKeys, type RemoteVerdict } from './username-check';

const answer: RemoteVerdict = { kind: 'verdict', available: true, reason: 'available', message: 'Available', messageKey: 'username.verdict.available', suggestions: [] };

describe('the live checks’ query keys', () => {
  it('are the keys the query options use', () => {
    expect(globalUsernameCheck('jane', 'en').queryKey).toEqual(usernameCheckKeys.globalName('jane', 'en'));
    expect(companyUsernameCheck(7, 'FB1', 'de').queryKey).toEqual(usernameCheckKeys.companyName(7, 'FB1', 'de'));
    expect(slugCheck('acme').queryKey).toEqual(slugCheckKeys.slug('acme'));
  });

  it("invalidate by prefix: one company's answers, or the global ones, and nothing else", async () => {
    const client = new QueryClient();
    const keys = {
      jane: globalUsernameCheck('jane', 'en').queryKey,
      company7: companyUsernameCheck(7, 'FB1', 'de').queryKey,
      company8: companyUsernameCheck(8, 'FB1', 'de').queryKey,
      company70: companyUsernameCheck(70, 'FB1', 'de').queryKey,
    };
    for (const key of Object.values(keys)) client.setQueryData(key, answer);
    const invalidated = () =>
      Object.entries(keys)
        .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
        .map(([name]) => name);

    await client.invalidateQueries({ queryKey: usernameCheckKeys.company(7) });
    expect(invalidated()).toEqual(['company7']);
    await client.invalidateQueries({ queryKey: usernameCheckKeys.global() });
    expect(invalidated()).toEqual(['jane', 'company7']);
    await client.invalidateQueries({ queryKey: usernameCheckKeys.all });
    expect(invalidated()).toEqual(['jane', 'company7', 'company8', 'company70']);
  });
});
