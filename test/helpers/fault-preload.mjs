// Loaded with `node --import` before cdstats (test/collect/safety.test.ts): makes a collect meet
// an error nothing can catch, as a bug would. CDSTATS_TEST_FAULT=stream throws inside the
// handler of `git log`'s output; CDSTATS_TEST_FAULT=rejection leaves a promise rejected unhandled.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const fault = process.env.CDSTATS_TEST_FAULT;
const spawn = childProcess.spawn;
/**
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 */
function spawnWithFault(command, args, options) {
  const child = spawn(command, args, options);
  if (command === 'git' && args[0] === 'log') {
    if (fault === 'stream') {
      child.stdout?.once('data', () => {
        throw new Error('injected failure in a stream handler');
      });
    }
    if (fault === 'rejection') void Promise.reject(new Error('injected unhandled rejection'));
  }
  return child;
}
Object.assign(childProcess, { spawn: spawnWithFault });
syncBuiltinESMExports();
