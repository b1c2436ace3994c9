import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's object identification: every entity a client may refetch implements Node and carries a
 * global id (see global-id.ts). Entity classes keep their raw primary key in their own `id`
 * property; the GraphQL `id` field is resolved by NodeResolver from the type name and that key.
 */
/** Loaders return entity instances, whose class names are the GraphQL type names. */
export const nodeTypeName = (value: object): string => value.constructor.name;

@InterfaceType('Node', {
  description: 'An object with a global, opaque id that `Query.node(id:)` refetches.',
  resolveType: nodeTypeName,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global, opaque id, for `Query.node(id:)`; stable across re-imports of the same plan.' })
  id: string;
}
