import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with argon2id m=19 MiB, t=2, p=1 as a PHC string', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
  });

  it('never truncates: a difference at character 200 matters', async () => {
    const long = 'a'.repeat(199) + 'b' + 'c'.repeat(50);
    const hash = await hashPassword(long);
    expect(await verifyPassword(hash, 'a'.repeat(199) + 'X' + 'c'.repeat(50))).toBe(false);
    expect(await verifyPassword(hash, long)).toBe(true);
  });

  it('asks for 8 to 256 characters and refuses over 1 KiB before hashing', async () => {
    expect(passwordProblems('short')).toEqual(['Use at least 8 characters.']);
    expect(passwordProblems('x'.repeat(256))).toEqual([]);
    expect(passwordProblems('x'.repeat(257))).toEqual(['Use 256 characters or fewer.']);
    expect(passwordProblems('€'.repeat(400))).toEqual(['Use 256 characters or fewer.']);
    await expect(hashPassword('x'.repeat(2000))).rejects.toThrow();
    expect(await verifyPassword('$argon2id$whatever', 'x'.repeat(2000))).toBe(false);
  });

  it('an account without a hash never verifies, yet still costs a hash', async () => {
    const started = performance.now();
    expect(await verifyPassword(null, 'anything-at-all')).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(1);
  });
});
