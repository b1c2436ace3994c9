import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Node } from '../graphql/node.js';

/** Administrative level of a jurisdiction (行政区划级别). */
export enum JurisdictionLevel {
  COUNTRY = 'COUNTRY',
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
    COUNTRY: { description: 'The country (中华人民共和国, code 100000): national plans of the State Council (国务院).' },
    PROVINCE: { description: 'Province-level division (省、自治区、直辖市).' },
    CITY: { description: 'Prefecture-level division (地级): 地级市, 地区, 自治州, 盟.' },
    DISTRICT: { description: 'City district (市辖区), county-level.' },
    COUNTY: { description: 'County-level division other than a district or city (县级): 县, 自治县, 旗, 自治旗, 特区, 林区.' },
    COUNTY_CITY: { description: 'County-level city (县级市).' },
  },
});

@ObjectType({
  description: 'An administrative division that issues plans (行政区划): the country, a province, a prefecture or a county-level division.',
  implements: Node,
})
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

  @Field(() => String, { description: 'Pinyin initials of the name (拼音首字母), for search, e.g. "tzq" for 通州区.' })
  @Column('text', { default: '' })
  pinyin: string;

  @Field(() => JurisdictionLevel, { description: 'Administrative level (级别).' })
  @Column('varchar', { length: 16 })
  level: JurisdictionLevel;

  @Index()
  @Column('varchar', { length: 6, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Jurisdiction, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Relation<Jurisdiction> | null;

  @Field(() => Int, {
    nullable: true,
    description: 'First year in force, for a division set up since 2015 in place of another (海门区: 2020); null when older.',
  })
  @Column('smallint', { nullable: true })
  validFrom: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Last year in force (the year of its abolition), for a division that has ceased (海门市: 2020); null while in force.',
  })
  @Column('smallint', { nullable: true })
  validUntil: number | null;

  /** 继任: the division that took over a ceased one (海门市 320684 → 海门区 320614). */
  @Index()
  @Column('varchar', { length: 6, nullable: true })
  successorCode: string | null;

  @ManyToOne(() => Jurisdiction, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_code' })
  successor?: Relation<Jurisdiction> | null;
}
