// Clients that hold connections open without finishing their requests, in a process of their own.
// usage: node slow-clients.mjs BASE_URL KIND COUNT FROM_ADDRESS[,FROM_ADDRESS…]
//   KIND upload: POST /login with a 100000-byte body declared, 10 bytes sent, then nothing
//   KIND idle:   a connection that sends nothing
//   KIND headers: a request line and one header, never the end of the headers
// Prints {"open":N,"closed":M} once every connection is open or closed (after a short settle), then
// again whenever asked by a line on stdin; exits when stdin closes.
import { connect } from 'node:net';

const [base, kind, count, from] = process.argv.slice(2);
const url = new URL(base);
const addresses = from.split(',');
let open = 0;
let closed = 0;
const sockets = [];

function report() {
  process.stdout.write(JSON.stringify({ open, closed }) + '\n');
}

let settled = 0;
for (let i = 0; i < Number(count); i++) {
  const socket = connect({ port: Number(url.port), host: url.hostname, localAddress: addresses[i % addresses.length] });
  sockets.push(socket);
  let wasOpen = false;
  socket.on('connect', () => {
    wasOpen = true;
    open++;
    if (kind === 'upload') socket.write(`POST /login HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nusername=a`);
    if (kind === 'headers') socket.write(`GET /signup HTTP/1.1\r\nHost: ${url.host}\r\n`);
    if (++settled === Number(count)) setTimeout(report, 300);
  });
  socket.on('close', () => {
    if (wasOpen) open--;
    closed++;
    if (!wasOpen && ++settled === Number(count)) setTimeout(report, 300);
  });
  socket.on('error', () => {});
  socket.resume();
}

process.stdin.on('data', report);
process.stdin.on('end', () => {
  for (const socket of sockets) socket.destroy();
  process.exit(0);
});
