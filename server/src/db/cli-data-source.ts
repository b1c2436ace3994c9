/**
 * The DataSource the TypeORM CLI uses (`pnpm run migration:generate <Name>`): point
 * MIGRATION_DATABASE_URL at a scratch database holding the schema as the migrations leave it.
 */
import 'reflect-metadata';
import { createDataSource } from './data-source.js';

export default createDataSource({
  url: process.env.MIGRATION_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/plan_atlas_migrations',
});
