import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { capConnectionsPerIp } from '@/lib/server/connection-cap';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function capped(max: number): Promise<number> {
  const server = createServer((_req, res) => res.end('ok'));
  capConnectionsPerIp(server, max);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Opens a connection from `from`; resolves with 'open' if it is still open after a moment, 'closed' if the server closed it. */
function open(port: number, from: string): Promise<'open' | 'closed'> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from });
    sockets.push(socket);
    socket.on('error', () => resolve('closed'));
    socket.on('close', () => resolve('closed'));
    socket.on('connect', () => setTimeout(() => resolve('open'), 100));
  });
}

describe('capConnectionsPerIp', () => {
  it('closes connections beyond the cap from one IP, and only from that IP', async () => {
    const port = await capped(3);
    const first = await Promise.all([open(port, '127.0.0.2'), open(port, '127.0.0.2'), open(port, '127.0.0.2')]);
    expect(first).toEqual(['open', 'open', 'open']);
    expect(await open(port, '127.0.0.2')).toBe('closed');
    expect(await open(port, '127.0.0.3')).toBe('open');
    // A connection that ends makes room.
    sockets[0]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await open(port, '127.0.0.2')).toBe('open');
  });

  it('does nothing with a cap of 0', async () => {
    const port = await capped(0);
    const all = await Promise.all(Array.from({ length: 20 }, () => open(port, '127.0.0.2')));
    expect(all.every((state) => state === 'open')).toBe(true);
  });
});
