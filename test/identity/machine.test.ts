import { describe, expect, it } from 'vitest';
import { isMachineEmail } from '../../src/identity/machine.js';

describe('isMachineEmail', () => {
  it('knows the addresses git makes up on CI runners, containers and laptops', () => {
    // Seen in spinnaker/spinnaker, jenkinsci/jenkins and helm/helm.
    for (const email of [
      'runner@fv-az51',
      'root@00e70a80e3dd',
      'runner@fv-az117.internal.cloudapp.net',
      'ethanrogers@ip-10-0-2-214.us-west-2.compute.internal',
      'ubuntu@ip-172-31-52-143.ec2.internal',
      'jlosito@localhost.localdomain',
      'root@localhost',
      'robbie@robbie-2014-macbook-pro.local',
      'munawar@munawars-mbp.lan',
      'jsandy',
      'nobody@',
      '',
    ]) {
      expect(isMachineEmail(email), email).toBe(true);
    }
  });

  it('keeps routable addresses, GitHub noreply ones and git-svn accounts as people', () => {
    for (const email of ['ada@example.org', '28788978+spomorski@users.noreply.github.com', 'kohsuke@71c3de6d-444a-0410-be80-ed276b4c234a', 'jane@localhost.example.com']) {
      expect(isMachineEmail(email), email).toBe(false);
    }
  });
});
