/**
 * The GitHub collector as one module, imported by `collect` only when the config has GitHub
 * repositories: its HTTP client costs some 30 ms to load, which a git-only run does not pay.
 */
export { type Clock, type GitHubClient } from './client.js';
export { createClient } from './create.js';
export { expandOwner } from './owners.js';
export { probeKey, probeRepositories, type Probes } from './probes.js';
export { collectGitHubRepo, GITHUB_SOURCES, type GitHubRepoResult } from './sync.js';
export { syncProfiles, type ProfileResult } from './profiles.js';
