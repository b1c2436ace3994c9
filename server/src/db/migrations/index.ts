import { InitialSchema1795533117157 } from './1795533117157-InitialSchema.js';

/** Every migration, oldest first. Generate new ones with `pnpm --filter @plan-atlas/server migration:generate src/db/migrations/<Name>`. */
export const migrations = [InitialSchema1795533117157];
