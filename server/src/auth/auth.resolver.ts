import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { connectionType, PageArgs, type Connection } from '../graphql/connection.js';
import type { Context } from '../graphql/context.js';
import { keyOfType, toGlobalId } from '../graphql/global-id.js';
import { Role } from './api-token.entity.js';
import { AuditLog } from './audit-log.entity.js';
import { findAuditLog } from './audit.service.js';
import { Viewer } from './viewer.type.js';

const AuditLogConnection = connectionType(AuditLog, 'audit log entries');

@Resolver(() => AuditLog)
export class AuditLogResolver {
  @Query(() => Viewer, {
    nullable: true,
    description: 'Who the API token sent with the request belongs to; null without a token or with an unknown or revoked one.',
  })
  async viewer(@Ctx() context: Context): Promise<Viewer | null> {
    const user = await context.user();
    return user && { name: user.name, role: user.role };
  }

  @Authorized(Role.EDITOR)
  @Query(() => AuditLogConnection, { description: 'Changes made through the API, newest first, a page at a time. Needs an editor token.' })
  auditLog(
    @Arg('planId', () => ID, { nullable: true, description: 'Only changes that touched this plan (a Plan id).' }) planId: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { dataSource }: Context,
  ): Promise<Connection<AuditLog>> {
    return findAuditLog(dataSource, planId ? keyOfType(planId, 'Plan') : null, page);
  }

  @FieldResolver(() => [ID], { description: 'The plans the change touched (Plan ids): one for an upload, two for a review of a pair.' })
  planIds(@Root() entry: AuditLog): string[] {
    return entry.planIds.map((key) => toGlobalId('Plan', key));
  }

  @FieldResolver(() => String, { description: 'The arguments of the change, as JSON text.' })
  args(@Root() entry: AuditLog): string {
    return JSON.stringify(entry.args);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the change replaced, as JSON text; null when it created something.' })
  before(@Root() entry: AuditLog): string | null {
    return entry.before === null ? null : JSON.stringify(entry.before);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the change left, as JSON text.' })
  after(@Root() entry: AuditLog): string | null {
    return entry.after === null ? null : JSON.stringify(entry.after);
  }
}
