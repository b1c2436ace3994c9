import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How an indicator is recognised as measuring a metric: its subject matches and its unit is one of these. */
export interface MetricMatchRule {
  /** A regular expression tested against the indicator's subject. */
  subject: string;
  units: string[];
}

/**
 * A canonical metric (seeds/reference/metrics.json): what indicators of different plans measure in
 * common, so their targets can be compared. The indicator keeps its own subject (市场监管环节 vs
 * 全市农产品和食品 sampling are both sampling density, but different things).
 */
@ObjectType({ description: 'A canonical metric of indicator targets (指标口径), e.g. sampling density (抽检量, 批次/千人).' })
@Entity()
export class Metric {
  @Field(() => String, { description: 'Stable key, e.g. "sampling-density".' })
  @PrimaryColumn('text')
  key: string;

  @Field(() => String, { description: 'Chinese name, e.g. "抽检量".' })
  @Column('text')
  name: string;

  @Field(() => String, { description: 'English name, e.g. "Sampling density".' })
  @Column('text')
  nameEn: string;

  @Field(() => String, { description: 'Canonical unit, e.g. "批次/千人", "%", "家".' })
  @Column('text')
  unit: string;

  @Field(() => Boolean, { description: 'True when a higher target is the stricter one (most are; a cap would not be).' })
  @Column('boolean')
  higherIsStricter: boolean;

  @Field(() => String, { description: 'What the metric measures.' })
  @Column('text')
  description: string;

  /** Rules that map an indicator to this metric; the first metric (by ordinal) whose rule matches wins. */
  @Column('jsonb')
  match: MetricMatchRule[];

  @Column('integer')
  ordinal: number;
}
