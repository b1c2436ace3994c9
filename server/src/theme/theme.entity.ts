import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Task } from '../task/task.entity.js';

/**
 * A theme of the canonical taxonomy of food-safety key work (seeds/reference/themes.json): the
 * rows along which plans are compared, whatever each jurisdiction calls its tasks.
 */
@ObjectType({
  description: 'A theme of food-safety key work (工作主题), the same across jurisdictions, e.g. campus food safety (校园食品安全).',
})
@Entity()
export class Theme {
  @Field(() => String, { description: 'Stable key, e.g. "campus-food-safety".' })
  @PrimaryColumn('text')
  key: string;

  @Field(() => String, { description: 'Chinese name, e.g. "校园食品安全".' })
  @Column('text')
  name: string;

  @Field(() => String, { description: 'English name, e.g. "Campus food safety".' })
  @Column('text')
  nameEn: string;

  @Field(() => String, { description: 'What work the theme covers (Chinese).' })
  @Column('text')
  description: string;

  @Field(() => [String], { description: 'Chinese keywords that put a task into this theme (明厨亮灶, 阳光食堂…).' })
  @Column('text', { array: true, default: () => "'{}'" })
  keywords: string[];

  @Field(() => Int, { description: 'Position in the taxonomy; comparisons list themes in this order.' })
  @Column('integer')
  ordinal: number;
}

/** Who put a task into a theme. */
export enum TaskThemeSource {
  RULE = 'RULE',
  MANUAL = 'MANUAL',
}

registerEnumType(TaskThemeSource, {
  name: 'TaskThemeSource',
  description: 'Who put a task into a theme.',
  valuesConfig: {
    RULE: { description: 'The classifier (keywords and similarity to the theme description).' },
    MANUAL: { description: 'An editor (setTaskThemes); the classifier leaves such a task alone from then on.' },
  },
});

/**
 * A task's membership of a theme. An import upserts a plan's tasks by their ids and deletes only
 * those its new revision lacks, so an editor's MANUAL themes survive a re-import, and the themes of
 * a dropped task go with it (the foreign key cascades).
 */
@ObjectType({ description: 'A theme a task belongs to, with who said so and how sure it is.' })
@Entity()
export class TaskTheme {
  @PrimaryColumn('text')
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<Task>;

  @Index()
  @PrimaryColumn('text')
  themeKey: string;

  @ManyToOne(() => Theme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'theme_key' })
  theme?: Relation<Theme>;

  @Field(() => TaskThemeSource, { description: 'Who put the task into the theme.' })
  @Column('varchar', { length: 8 })
  source: TaskThemeSource;

  @Field(() => Boolean, { description: 'True for the theme that fits the task best (exactly one per task).' })
  @Column('boolean', { default: false })
  primary: boolean;

  @Field(() => Float, { description: 'Confidence in [0, 1]; 1 for MANUAL.' })
  @Column('double precision')
  score: number;

  @Field(() => [String], { description: 'The theme keywords found in the task (empty for MANUAL).' })
  @Column('text', { array: true, default: () => "'{}'" })
  keywords: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
