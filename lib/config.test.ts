import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe('MAX_CONNECTIONS_PER_IP', () => {
  it('is 256 unless set; 0 turns the cap off', () => {
    expect(parseConfig(env({})).maxConnectionsPerIp).toBe(256);
    expect(parseConfig(env({ MAX_CONNECTIONS_PER_IP: '10' })).maxConnectionsPerIp).toBe(10);
    expect(parseConfig(env({ MAX_CONNECTIONS_PER_IP: '0' })).maxConnectionsPerIp).toBe(0);
  });

  it('does not apply behind a trusted proxy, whose connections carry every client', () => {
    expect(parseConfig(env({ TRUST_PROXY: '1', MAX_CONNECTIONS_PER_IP: '10' })).maxConnectionsPerIp).toBe(0);
  });

  it('refuses a value that is not a count', () => {
    expect(() => parseConfig(env({ MAX_CONNECTIONS_PER_IP: '-1' }))).toThrow(/MAX_CONNECTIONS_PER_IP/);
    expect(() => parseConfig(env({ MAX_CONNECTIONS_PER_IP: 'lots' }))).toThrow(/MAX_CONNECTIONS_PER_IP/);
  });
});
