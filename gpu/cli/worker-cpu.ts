// CPU time of SwiftShader's worker threads in this process (Linux: /proc/self/task), the threads
// that run a software adapter's kernels: a figure of a kernel's cost that other processes loading
// the machine barely move, unlike wall-clock time. Dawn for Node runs SwiftShader in-process; its
// marl scheduler names its workers Thread<00>, Thread<01>…
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TASKS = '/proc/self/task';
const WORKER = /^Thread<\d+>$/;
/** Clock ticks a second of /proc's utime and stime (USER_HZ, 100 on Linux everywhere). */
const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU the worker threads have used so far; null where /proc or the workers are missing. */
export function workerCpuMs(): number | null {
  if (!existsSync(TASKS)) return null;
  let ticks = 0;
  let workers = 0;
  for (const task of readdirSync(TASKS)) {
    try {
      if (!WORKER.test(readFileSync(`${TASKS}/${task}/comm`, 'utf8').trim())) continue;
      const stat = readFileSync(`${TASKS}/${task}/stat`, 'utf8');
      // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      workers++;
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return workers > 0 ? (ticks * 1000) / TICKS_PER_SECOND : null;
}
