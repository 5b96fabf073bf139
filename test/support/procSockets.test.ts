// Reading a process's sockets from /proc: addresses decoded as the kernel writes them, and a live connection of this
// process found with its remote end.
import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { decodeAddress, portOf, socketsOf } from './procSockets';

describe('procSockets', () => {
  it('decodes IPv4, IPv6 and IPv4-mapped addresses', () => {
    assert.equal(decodeAddress('0100007F:1F90'), '127.0.0.1:8080');
    assert.equal(decodeAddress('00000000000000000000000001000000:2CAA'), '[0:0:0:0:0:0:0:1]:11434');
    assert.equal(decodeAddress('0000000000000000FFFF00000100007F:04D2'), '[::ffff:127.0.0.1]:1234');
    assert.equal(portOf('[::ffff:127.0.0.1]:1234'), 1234);
  });

  it(
    'finds a connection this process opened, with its remote port',
    { skip: process.platform !== 'linux' },
    async () => {
      const accepted: Socket[] = [];
      const server = createServer((socket) => accepted.push(socket));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const client = connect(port, '127.0.0.1');
      await new Promise((resolve) => client.once('connect', resolve));
      const mine = socketsOf(process.pid).filter((s) => s.remote === `127.0.0.1:${port}`);
      assert.equal(mine.length, 1);
      assert.equal(mine[0].state, 'ESTABLISHED');
      client.destroy();
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  );
});
