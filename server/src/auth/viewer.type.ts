import { Field, ObjectType } from 'type-graphql';
import { Role } from './api-token.entity.js';

/** Who the request's token says is asking: what the web app shows as signed in. */
@ObjectType({ description: 'The holder of the API token sent with the request (Authorization: Bearer pa_…).' })
export class Viewer {
  @Field(() => String, { description: 'The name the token was created with, recorded as the actor of changes.' })
  name: string;

  @Field(() => Role, { description: 'What the token may do.' })
  role: Role;
}
