import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Node } from '../graphql/node.js';

/** Administrative level of a jurisdiction (行政区划级别). */
export enum JurisdictionLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  COUNTY = 'COUNTY',
  COUNTY_CITY = 'COUNTY_CITY',
}

registerEnumType(JurisdictionLevel, {
  name: 'JurisdictionLevel',
  description: 'Administrative level of a jurisdiction (行政区划级别).',
  valuesConfig: {
    PROVINCE: { description: 'Province-level division (省、自治区、直辖市).' },
    CITY: { description: 'Prefecture-level city (地级市).' },
    DISTRICT: { description: 'City district (市辖区).' },
    COUNTY: { description: 'County (县).' },
    COUNTY_CITY: { description: 'County-level city (县级市).' },
  },
});

@ObjectType({ description: 'A province, city, district or county that issues plans (行政区划).', implements: Node })
@Entity()
export class Jurisdiction {
  /** GB/T 2260 administrative division code, e.g. 320612. */
  @Field(() => String, { description: 'GB/T 2260 administrative division code (行政区划代码), e.g. "320612".' })
  @PrimaryColumn('varchar', { length: 6 })
  code: string;

  @Field(() => String, { description: 'Official name (名称), e.g. "通州区".' })
  @Column('text')
  name: string;

  @Field(() => String, { description: 'Full name with its parents (全称), e.g. "江苏省南通市通州区".' })
  @Column('text')
  fullName: string;

  @Field(() => String, { description: 'Short name as used in document numbers and prose (简称), e.g. "通州".' })
  @Column('text')
  shortName: string;

  @Field(() => JurisdictionLevel, { description: 'Administrative level (级别).' })
  @Column('varchar', { length: 16 })
  level: JurisdictionLevel;

  @Index()
  @Column('varchar', { length: 6, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Jurisdiction, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Relation<Jurisdiction> | null;
}
