import type { Server } from 'node:net';

/**
 * At most `max` open connections per client IP (the socket's address): one more is closed as it is
 * accepted, before any byte of it is read. Counted on 'connection' and 'close', so a request costs
 * nothing here. `max` 0: no cap.
 */
export function capConnectionsPerIp(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const ip = socket.remoteAddress ?? '';
    const count = open.get(ip) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(ip, count + 1);
    socket.once('close', () => {
      const left = open.get(ip)! - 1;
      if (left === 0) open.delete(ip);
      else open.set(ip, left);
    });
  });
}
