import { fileURLToPath } from 'node:url';

/** The project folder. */
export const root = fileURLToPath(new URL('../../', import.meta.url));
/** Where the benchmark writes what it builds (ignored by git and lint). */
export const out = fileURLToPath(new URL('../out/', import.meta.url));
