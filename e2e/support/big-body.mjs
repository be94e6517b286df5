// A client that sends one large body as fast as the server takes it, reading the answer as soon as
// it comes (as a browser does), and says when it came: the big-body specs run it in its own process,
// so that the server's memory and the client's are not one.
// usage: node big-body.mjs BASE_URL PATH MIB length|chunked [CONTENT_TYPE]
// prints: {"status":413,"ms":12,"sentMiB":1.5,"closed":true,"body":"…"}
import { connect } from 'node:net';

const [base, path, mib, framing, contentType = 'application/x-www-form-urlencoded'] = process.argv.slice(2);
const url = new URL(base);
const total = Number(mib) * 1024 * 1024;
const chunk = Buffer.alloc(256 * 1024, 'a');
const started = performance.now();
let sent = 0;
let answer = '';
let answeredAt = 0;
let done = false;

const socket = connect(Number(url.port), url.hostname);
const head =
  `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: ${contentType}\r\nAccept: text/html\r\n` +
  (framing === 'chunked' ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${total}\r\n`) +
  '\r\n';

function finish(closed) {
  if (done) return;
  done = true;
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  const body = answer.split('\r\n\r\n').slice(1).join('\r\n\r\n').slice(0, 300);
  process.stdout.write(JSON.stringify({ status, ms: Math.round((answeredAt || performance.now()) - started), sentMiB: +(sent / 1048576).toFixed(1), closed, body }) + '\n');
  socket.destroy();
  process.exit(0);
}

function pump() {
  while (sent < total && !answeredAt) {
    const piece = framing === 'chunked' ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
    sent += chunk.length;
    if (!socket.write(piece)) return void socket.once('drain', pump);
  }
  if (sent >= total && framing === 'chunked') socket.write('0\r\n\r\n');
}

socket.on('connect', () => {
  socket.write(head);
  pump();
});
socket.setEncoding('latin1');
socket.on('data', (text) => {
  if (!answeredAt) answeredAt = performance.now();
  answer += text;
  // The whole answer is in once its body is: the server closes, or sends its length's worth.
  const [headers, ...rest] = answer.split('\r\n\r\n');
  const length = Number(/content-length: (\d+)/i.exec(headers ?? '')?.[1] ?? NaN);
  if (rest.length > 0 && rest.join('\r\n\r\n').length >= length) setTimeout(() => finish(socket.destroyed), 50);
});
socket.on('close', () => finish(true));
socket.on('error', () => finish(true));
setTimeout(() => finish(false), 30_000);
