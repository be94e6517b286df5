// A client that registers names in a loop (several at a time) and records every acknowledged 201,
// one name per line, before it counts as acknowledged. It stops when the server goes away.
// usage: node register-loop.mjs BASE_URL ACK_FILE PREFIX [PARALLEL]
import { appendFileSync } from 'node:fs';

const [base, ackFile, prefix, parallel = '4'] = process.argv.slice(2);
let next = 0;
let stop = false;

async function worker() {
  while (!stop) {
    const username = `${prefix}${next++}`;
    try {
      const res = await fetch(`${base}/api/v1/iam/register/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'crash test password' }),
      });
      if (res.status === 201) appendFileSync(ackFile, `${username}\n`);
      else await res.arrayBuffer();
    } catch {
      stop = true;
    }
  }
}

await Promise.all(Array.from({ length: Number(parallel) }, worker));
