// What the bench files share: the figure format scripts/bench.mjs reads, medians, and a protocol server in its own
// process.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { startProtocolServer } from '../support/protocolServer';

/** A figure's name starts with its file's name (`provider.` in provider.bench.ts); budgets are in scripts/bench.mjs. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export function report(figure: Figure): void {
  console.log(JSON.stringify({ ...figure, value: Number(figure.value.toPrecision(4)) }));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('no values to take the median of');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const SERVE_FLAG = '--serve';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
}

/**
 * The server runs in its own process, as a real one would: its work neither shares the client's event loop nor
 * shows up in the client's heap. The bench file itself is started again with a flag (see runBench) to serve.
 */
export async function startServerProcess(): Promise<ServerProcess> {
  const child = spawn(process.execPath, [process.argv[1], SERVE_FLAG], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await once(lines, 'line')) as [string];
  return { url, child };
}

/**
 * Runs main with a protocol server process, or serves when started by startServerProcess. The process exits when
 * main ends: pooled connections of the provider's cached dispatcher would otherwise keep it alive.
 */
export function runBench(main: (server: ServerProcess) => Promise<void>): void {
  if (process.argv.includes(SERVE_FLAG)) {
    void startProtocolServer().then((server) => console.log(server.url));
    return;
  }
  void (async () => {
    const server = await startServerProcess();
    let code = 0;
    try {
      await main(server);
    } catch (error) {
      console.error(error);
      code = 1;
    } finally {
      server.child.kill();
    }
    process.exit(code);
  })();
}
