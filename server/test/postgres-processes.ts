import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The postmaster of the PostgreSQL whose data is in `dataDir` (from its postmaster.pid), or undefined when none runs. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** The postmaster and every process it forked (backends, checkpointer, WAL writer…): the whole database. */
export function clusterPids(dataDir: string): number[] {
  const postmaster = postmasterPid(dataDir);
  if (!postmaster) return [];
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/** Sends `signal` to every process of the database (SIGSTOP freezes it whole; the postmaster alone would leave its sessions answering). */
export function signalCluster(dataDir: string, signal: NodeJS.Signals): number[] {
  const pids = clusterPids(dataDir);
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}
