import { describe, expect, it } from 'vitest';
import { HttpError } from './problem';
import { companyIdFromPath, MAX_ID, parseId } from './params';

describe('parseId: an integer from 1 to 2^53−1 in plain decimal', () => {
  it('takes plain decimal integers up to 2^53−1', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId('42')).toBe(42);
    expect(parseId('9007199254740991')).toBe(9007199254740991);
    expect(MAX_ID).toBe(2 ** 53 - 1);
  });

  it('refuses everything else', () => {
    for (const raw of ['0', '01', '+1', '-1', '1e3', '1.0', '1.', '0x1', ' 1', '1 ', '', '١', '１', '9007199254740992', '9999999999999999', '9'.repeat(40)]) {
      expect(parseId(raw), JSON.stringify(raw)).toBeNull();
    }
  });
});

describe('companyIdFromPath: the v2 400 from the same rule', () => {
  it('gives the id, or a 400 validation problem naming the rule and the field', () => {
    expect(companyIdFromPath('7')).toBe(7);
    for (const raw of ['0', '01', '+1', '1e3', '9007199254740992', ' 1']) {
      let thrown: unknown;
      try {
        companyIdFromPath(raw);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, raw).toBeInstanceOf(HttpError);
      const problem = (thrown as HttpError).toBody();
      expect(problem).toMatchObject({ status: 400, type: '/docs#problem-validation-error' });
      expect(problem.detail).toBe('companyId must be an integer from 1 to 9007199254740991 in plain decimal.');
      expect(problem.errors).toEqual({ companyId: ['Use an integer from 1 to 9007199254740991.'] });
    }
  });
});
