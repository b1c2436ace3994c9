/**
 * `pnpm run token create --role editor [--name …]` prints a new API token once;
 * `pnpm run token list` shows the tokens (never the secrets); `pnpm run token revoke <id|prefix>`.
 */
import { Command, Option } from 'commander';
import { Role } from '../auth/api-token.entity.js';
import { createToken, listTokens, revokeToken } from '../auth/token.service.js';
import { openDatabase, type Database } from '../db/database.js';
import { exitOnStartError } from '../db/database-start-error.js';

async function withDatabase(work: (database: Database) => Promise<void>): Promise<void> {
  const database = await openDatabase({ url: process.env.DATABASE_URL || undefined }).catch(exitOnStartError);
  try {
    await work(database);
  } finally {
    await database.close();
  }
}

const program = new Command().name('token').description('API tokens for changes through GraphQL (mutations).');

program
  .command('create')
  .description('create a token and print it (it is shown only this once)')
  .addOption(new Option('--role <role>', 'what the token may do').choices(['editor', 'admin']).makeOptionMandatory())
  .option('--name <name>', 'who or what uses it, recorded in the audit log', `token-${new Date().toISOString().slice(0, 10)}`)
  .action((options: { role: string; name: string }) =>
    withDatabase(async ({ dataSource }) => {
      const { token, record } = await createToken(dataSource, options.role.toUpperCase() as Role, options.name);
      console.error(`Created token ${record.id} (${record.prefix}…, ${record.role}, "${record.name}"). Keep it now: it is not stored.`);
      console.log(token);
    }),
  );

program
  .command('list')
  .description('list tokens: id, prefix, role, name, created, revoked')
  .action(() =>
    withDatabase(async ({ dataSource }) => {
      for (const token of await listTokens(dataSource)) {
        const revoked = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : 'active';
        console.log(`${token.id}\t${token.prefix}…\t${token.role}\t${token.name}\t${token.createdAt.toISOString()}\t${revoked}`);
      }
    }),
  );

program
  .command('revoke')
  .argument('<idOrPrefix>', 'the token id, or its prefix as listed (pa_XXXXXXXX)')
  .description('revoke a token: requests using it are refused from now on')
  .action((idOrPrefix: string) =>
    withDatabase(async ({ dataSource }) => {
      const revoked = await revokeToken(dataSource, idOrPrefix);
      if (!revoked.length) {
        console.error(`No active token matches "${idOrPrefix}".`);
        process.exitCode = 1;
        return;
      }
      for (const token of revoked) console.log(`Revoked token ${token.id} (${token.prefix}…, "${token.name}").`);
    }),
  );

await program.parseAsync();
