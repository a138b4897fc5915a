// Hocuspocus 4 as a benchmark peer: in memory, no extensions. PORT=0 picks a free port; it prints the one it got.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT ?? 0), address: '127.0.0.1', quiet: true });
await server.listen();
console.log(`listening on ${server.httpServer.address().port}`);
