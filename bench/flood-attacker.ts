/** The attacking side of bench:flood, in its own process so its load never counts against the writer's timing. */
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../lib/collab/protocol';

const [port, room, sockets] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];
const megabyte = Buffer.alloc(1024 * 1024, 7);
let opened = 0;
let closed = 0;

function attack(n: number): void {
  // 64 source addresses on loopback, as a botnet would have many.
  const address = `127.0.0.${2 + (n % 64)}`;
  const ws = new WebSocket(`ws://${address}:${port}/${room}?v=${PROTOCOL_VERSION}&token=forged`, { localAddress: address });
  let stream: NodeJS.Timeout | undefined;
  ws.on('open', () => {
    opened += 1;
    stream = setInterval(() => ws.readyState === WebSocket.OPEN && ws.bufferedAmount < 4 * 1024 * 1024 && ws.send(megabyte), 10);
  });
  ws.on('error', () => {});
  ws.on('close', () => {
    clearInterval(stream);
    closed += 1;
    setTimeout(() => attack(n), 1000);
  });
}

for (let n = 0; n < sockets; n++) attack(n);
setInterval(() => process.stdout.write(`${JSON.stringify({ opened, closed })}\n`), 1000);
