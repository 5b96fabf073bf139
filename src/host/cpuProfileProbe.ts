// Profiles the extension host's CPU while replies stream, for the benchmarks: started only when the
// VITALENTUM_CPU_PROFILE_DIR environment variable names a folder, so a normal window pays nothing but one lookup (it
// does not even load node:inspector).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChatService } from '../chat/chatService';
import { toDisposable, type Disposable } from '../common/lifecycle';
import type { ChatLog } from '../common/log';

const ENV_VAR = 'VITALENTUM_CPU_PROFILE_DIR';
/** Microseconds between samples: fine enough to see the blocks that delay the event loop by a few milliseconds. */
const SAMPLING_INTERVAL_US = 200;

/** From the request to the settled reply saved, the host is profiled; each profile goes to `host-<n>.cpuprofile`. */
export function probeCpuProfile(service: ChatService, log: ChatLog): Disposable | undefined {
  const folder = process.env[ENV_VAR];
  if (!folder) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const inspector = require('node:inspector') as typeof import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  let count = 0;
  const subscription = service.onEvent((event) => {
    if (event.type !== 'streamingChanged') return;
    if (event.streaming) return session.post('Profiler.start');
    const file = path.join(folder, `host-${count++}.cpuprofile`);
    session.post('Profiler.stop', (error, result) => {
      if (error) return log.warn(`The host profile could not be taken: ${error.message}`);
      writeFile(file, JSON.stringify(result.profile)).catch((failure: unknown) =>
        log.warn(`The host profile could not be written: ${String(failure)}`),
      );
    });
  });
  return toDisposable(() => {
    subscription.dispose();
    session.disconnect();
  });
}
