// @y/websocket-server 0.1.1 as a benchmark peer: documents in memory, no auth. Prints the port it got.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const server = http.createServer((_request, response) => response.end('okay'));
server.on('upgrade', (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
