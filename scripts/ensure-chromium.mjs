// Run before the tests (npm's pretest): the report tests drive Debian's Chromium headless.
// Installs it when it is missing and this is a Debian machine run as root (CI, the dev
// machines); otherwise says how to install it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    process.stderr.write('installing Debian\'s chromium for the report tests…\n');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  } else {
    process.stderr.write(`the report tests need Chromium at ${CHROMIUM}: install Debian's package (sudo apt-get install chromium)\n`);
    process.exit(1);
  }
}
