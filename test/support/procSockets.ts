// The network sockets a process holds, read from Linux's /proc: the socket inodes among its open file descriptors,
// looked up in the namespace's /proc/<pid>/net/{tcp,tcp6,udp,udp6} tables. A watch samples them every few
// milliseconds and keeps every socket it saw, so short-lived connections are caught too.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface SocketSeen {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  local: string;
  remote: string;
  /** The kernel's TCP state: ESTABLISHED, SYN_SENT, LISTEN… (UDP: its code). */
  state: string;
  inode: string;
}

const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

/** The kernel writes each 32-bit word of an address in host order (little-endian here). */
function words(hex: string): number[][] {
  const bytes: number[][] = [];
  for (let i = 0; i < hex.length; i += 8) {
    const word = hex.slice(i, i + 8);
    bytes.push([6, 4, 2, 0].map((at) => parseInt(word.slice(at, at + 2), 16)));
  }
  return bytes;
}

/** `0100007F:1F90` is 127.0.0.1:8080; IPv6 addresses are written in full, IPv4-mapped ones as ::ffff:a.b.c.d. */
export function decodeAddress(text: string): string {
  const [hex, portHex] = text.split(':');
  const port = parseInt(portHex, 16);
  const bytes = words(hex).flat();
  if (bytes.length === 4) return `${bytes.join('.')}:${port}`;
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return `[::ffff:${bytes.slice(12).join('.')}]:${port}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return `[${groups.join(':')}]:${port}`;
}

/** The port of an address as decodeAddress writes it. */
export function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed while being read
    }
  }
  return inodes;
}

/** The inet sockets `pid` holds now. */
export function socketsOf(pid: number): SocketSeen[] {
  const inodes = socketInodes(pid);
  if (inodes.size === 0) return [];
  const seen: SocketSeen[] = [];
  for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    let table: string;
    try {
      table = readFileSync(`/proc/${pid}/net/${protocol}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || !inodes.has(fields[9])) continue;
      const state = protocol.startsWith('tcp') ? (TCP_STATES[fields[3]] ?? fields[3]) : fields[3];
      seen.push({
        protocol,
        local: decodeAddress(fields[1]),
        remote: decodeAddress(fields[2]),
        state,
        inode: fields[9],
      });
    }
  }
  return seen;
}

/** A process's command line, as one string. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Every process whose parent chain leads to `root`, `root` left out. */
export function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces; the parent's pid is the second field after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const [pid, ppid] of parents) {
      if (ppid === parent) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** Samples the sockets of the processes `pids()` names every `intervalMs` until stopped; each socket kept once. */
export class SocketWatch {
  private readonly seen = new Map<string, SocketSeen & { pid: number }>();
  private readonly timer: NodeJS.Timeout;
  samples = 0;

  constructor(
    private readonly pids: () => number[],
    intervalMs = 20,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    this.samples++;
    for (const pid of this.pids()) {
      for (const socket of socketsOf(pid)) {
        this.seen.set(`${socket.inode}|${socket.remote}|${socket.state}`, { ...socket, pid });
      }
    }
  }

  stop(): (SocketSeen & { pid: number })[] {
    clearInterval(this.timer);
    this.sample();
    return [...this.seen.values()];
  }
}
