// The import's answers in the browser's words.
import { describe, expect, it } from 'vitest';
import { describeImportResult } from '@/lib/companies/import/format';

describe('describing an applied import', () => {
  it('counts invitations; entries of imports from before invitations still read', () => {
    expect(describeImportResult({ created: 1, invited: 2, updated: 3, unchanged: 0, skipped: 4 })).toBe(
      '1 new account, 2 invited, 3 updated, 0 unchanged, 4 rows skipped',
    );
    expect(describeImportResult({ created: 0, invited: 0, added: 1, updated: 0, skipped: 0 })).toBe('0 new accounts, 1 member added, 0 invited, 0 updated, 0 rows skipped');
  });
});
