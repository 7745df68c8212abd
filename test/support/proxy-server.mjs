// A real HTTP proxy (the `proxy` package) in a process of its own, for tests. Plain ESM
// JavaScript because Node 20 cannot run TypeScript. Steered over stdio JSON lines: it prints
// {"port"} once listening, then answers {"cmd":"requests"} with what passed through it; it
// forgets on {"cmd":"clear"} (no answer) and exits on {"cmd":"stop"} or when stdin ends,
// which is also what happens when the parent dies.
import { createInterface } from 'node:readline';
import { createProxy } from 'proxy';

const options = JSON.parse(process.argv[2] ?? '{}');
const required =
  options.username === undefined ? undefined : `${options.username}:${options.password ?? ''}`;

/** Whether the request carries the Basic credentials this proxy wants (or wants none). */
function authorized(req) {
  if (required === undefined) return true;
  const match = /^basic\s+(\S+)$/i.exec(req.headers['proxy-authorization'] ?? '');
  return match !== null && Buffer.from(match[1], 'base64').toString('utf8') === required;
}

const seen = [];
const server = createProxy();
if (required !== undefined) server.authenticate = authorized;
// Prepended so each request is recorded before the proxy answers it: once the client has its
// answer, a following {"cmd":"requests"} is sure to include it.
server.prependListener('request', (req) => {
  seen.push({ method: req.method, target: req.url, authorized: authorized(req) });
});
server.prependListener('connect', (req) => {
  seen.push({ method: 'CONNECT', target: req.url, authorized: authorized(req) });
});

const reply = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
process.stdout.on('error', () => process.exit(0));

server.listen(0, '127.0.0.1', () => reply({ port: server.address().port }));

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  if (command.cmd === 'stop') break;
  if (command.cmd === 'clear') seen.length = 0;
  if (command.cmd === 'requests') reply({ requests: seen });
}
process.exit(0);
