import type { Logger } from 'typeorm';

/** Transaction control: a read's snapshot begins and ends with these (graphql/snapshot.ts). */
const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)\b/i;

/**
 * Counts the SQL statements TypeORM sends (the product's every statement goes through it), for the
 * statement-count tests and the bench. `statements` are those that read or write data; the
 * BEGIN and COMMIT around them are counted apart, in `transactionControl`.
 */
export class CountingLogger implements Logger {
  statements: string[] = [];
  transactionControl: string[] = [];

  logQuery(query: string) {
    (TRANSACTION_CONTROL.test(query) ? this.transactionControl : this.statements).push(query);
  }
  reset() {
    this.statements = [];
    this.transactionControl = [];
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}
