/**
 * `pnpm run align`: classifies every task into themes, maps indicators to metrics and links
 * equivalent tasks across plans, re-applying reviewers' decisions. Imports run it by themselves;
 * run it after changing seeds/reference/themes.json or metrics.json (it loads them first).
 */
import { Command } from 'commander';
import { runAlignment } from '../alignment/alignment.service.js';
import { DEFAULT_THRESHOLDS } from '../alignment/engine.js';
import { openDatabase } from '../db/database.js';
import { exitOnStartError } from '../db/database-start-error.js';
import { loadReferenceData } from '../reference/reference.service.js';

const program = new Command()
  .name('align')
  .description('Classify tasks into themes and link equivalent tasks across plans.')
  .option('--plan <ids...>', 'only the year and province groups of these plans (e.g. 320612-2021)')
  .option('--accept <score>', 'score at which a pair is always equivalent', String(DEFAULT_THRESHOLDS.accept))
  .option('--candidate <score>', "lowest score of a pair that is one task's best match", String(DEFAULT_THRESHOLDS.candidate))
  .parse();

const options = program.opts<{ plan?: string[]; accept: string; candidate: string }>();
const database = await openDatabase({ url: process.env.DATABASE_URL || undefined }).catch(exitOnStartError);
try {
  await loadReferenceData(database.dataSource);
  const summary = await runAlignment(database.dataSource, {
    planIds: options.plan,
    thresholds: { accept: Number(options.accept), candidate: Number(options.candidate) },
  });
  console.log(
    `Aligned ${summary.tasks} tasks in ${summary.milliseconds} ms: ${summary.taskThemes} task themes, ` +
      `${summary.links / 2} equivalent pairs, ${summary.reviews} reviews re-applied, ${summary.indicators} indicators mapped to metrics.`,
  );
} finally {
  await database.close();
}
