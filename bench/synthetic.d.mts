export function syntheticHistory(options: { commits: number; authors?: number; files?: number; start?: number; seed?: number }): string;
export function createSyntheticRepo(dir: string, options: { commits: number; authors?: number; files?: number; seed?: number }): Promise<void>;
