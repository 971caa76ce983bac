/**
 * Emails that name a machine rather than a person: what git makes up from the user and host
 * name when no email is configured (`runner@fv-az51`, `root@3f2a9c0d1e2b` in a container,
 * `jane@janes-macbook.local`). Anyone committing on that machine gets the same address, so it
 * identifies nobody: its contributions are kept, under the unknown identity, out of people counts.
 */
import { emailDomain } from './companies.js';

/** Suffixes of names that resolve only inside a host, a LAN or a cloud network. */
const LOCAL_SUFFIXES = ['localhost', 'localdomain', 'local', 'internal', 'lan', 'home.arpa'];

/**
 * git-svn writes `user@<repository UUID>`: one svn account of one repository, so a person
 * (Jenkins' early history is written so), although the domain has no dot.
 */
const SVN_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * True when the email is not a routable address: no domain, a domain without a dot (a bare
 * host or container name), `localhost`, or a domain under `.local`, `.localdomain`,
 * `.internal` (also cloud-internal names such as `fv-az1.internal.cloudapp.net`), `.lan` or
 * `.home.arpa`. git-svn's `user@<uuid>` is not one of them (see SVN_UUID).
 */
export function isMachineEmail(email: string): boolean {
  const domain = emailDomain(email);
  if (domain === null) return true;
  if (SVN_UUID.test(domain)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return true;
  return LOCAL_SUFFIXES.some((suffix) => domain === suffix || domain.endsWith(`.${suffix}`)) || labels.includes('internal');
}
