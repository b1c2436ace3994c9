import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Node } from '../graphql/node.js';

/** What an agency is, whatever its local name: the key for comparing across jurisdictions. */
export enum AgencyKind {
  MARKET_REGULATION = 'MARKET_REGULATION',
  AGRICULTURE_RURAL = 'AGRICULTURE_RURAL',
  HEALTH = 'HEALTH',
  EDUCATION = 'EDUCATION',
  PUBLIC_SECURITY = 'PUBLIC_SECURITY',
  COMMERCE = 'COMMERCE',
  DEVELOPMENT_REFORM = 'DEVELOPMENT_REFORM',
  ECOLOGY_ENVIRONMENT = 'ECOLOGY_ENVIRONMENT',
  NATURAL_RESOURCES = 'NATURAL_RESOURCES',
  TRANSPORT = 'TRANSPORT',
  CUSTOMS = 'CUSTOMS',
  PROPAGANDA = 'PROPAGANDA',
  JUSTICE = 'JUSTICE',
  FINANCE = 'FINANCE',
  CULTURE_TOURISM = 'CULTURE_TOURISM',
  SUPPLY_MARKETING_COOP = 'SUPPLY_MARKETING_COOP',
  SCIENCE_TECHNOLOGY = 'SCIENCE_TECHNOLOGY',
  SCIENCE_ASSOCIATION = 'SCIENCE_ASSOCIATION',
  FOOD_SAFETY_OFFICE = 'FOOD_SAFETY_OFFICE',
  FOOD_SAFETY_COMMITTEE_MEMBERS = 'FOOD_SAFETY_COMMITTEE_MEMBERS',
  SUBORDINATE_GOVERNMENTS = 'SUBORDINATE_GOVERNMENTS',
  DEVELOPMENT_ZONE = 'DEVELOPMENT_ZONE',
  ADMINISTRATIVE_APPROVAL = 'ADMINISTRATIVE_APPROVAL',
  POSTAL = 'POSTAL',
  URBAN_MANAGEMENT = 'URBAN_MANAGEMENT',
  GRAIN_RESERVES = 'GRAIN_RESERVES',
  OTHER = 'OTHER',
}

export const AGENCY_KIND_DESCRIPTIONS: Record<AgencyKind, string> = {
  MARKET_REGULATION: 'Market regulation (市场监督管理局).',
  AGRICULTURE_RURAL: 'Agriculture and rural affairs (农业农村局).',
  HEALTH: 'Health (卫生健康委员会).',
  EDUCATION: 'Education (教育局, 教体局).',
  PUBLIC_SECURITY: 'Public security (公安局).',
  COMMERCE: 'Commerce (商务局).',
  DEVELOPMENT_REFORM: 'Development and reform (发展和改革委员会).',
  ECOLOGY_ENVIRONMENT: 'Ecology and environment (生态环境局).',
  NATURAL_RESOURCES: 'Natural resources and planning (自然资源和规划局).',
  TRANSPORT: 'Transport (交通运输局).',
  CUSTOMS: 'Customs (海关).',
  PROPAGANDA: 'Propaganda department of the Party committee (党委宣传部).',
  JUSTICE: 'Justice (司法局).',
  FINANCE: 'Finance (财政局).',
  CULTURE_TOURISM: 'Culture, radio, television and tourism (文化广电和旅游局).',
  SUPPLY_MARKETING_COOP: 'Supply and marketing cooperative (供销合作总社).',
  SCIENCE_TECHNOLOGY: 'Science and technology (科技局).',
  SCIENCE_ASSOCIATION: 'Association for science and technology (科学技术协会, 科协).',
  FOOD_SAFETY_OFFICE: 'Office of the food safety committee (食品安全委员会办公室, 食安办).',
  FOOD_SAFETY_COMMITTEE_MEMBERS: 'Member units of the food safety committee (食安委成员单位), collectively.',
  SUBORDINATE_GOVERNMENTS: 'Lower-level governments (各县（市）区人民政府, 各镇（街道）…), collectively.',
  DEVELOPMENT_ZONE: 'Administrative committee of a development zone (开发区、高新区管委会).',
  ADMINISTRATIVE_APPROVAL: 'Administrative approval (行政审批局).',
  POSTAL: 'Postal administration (邮政管理局).',
  URBAN_MANAGEMENT: 'Urban management (城市管理局).',
  GRAIN_RESERVES: 'Grain and material reserves (粮食和物资储备局).',
  OTHER: 'Any other unit.',
};

registerEnumType(AgencyKind, {
  name: 'AgencyKind',
  description: 'Canonical kind of an agency, the same across jurisdictions (部门类别).',
  valuesConfig: Object.fromEntries(Object.entries(AGENCY_KIND_DESCRIPTIONS).map(([kind, description]) => [kind, { description }])),
});

/**
 * A unit named in responsibility brackets, in the jurisdiction whose plan names it. Collective
 * units (各镇（街道）人民政府（办事处）, 区食安委各成员单位) are agencies too, marked collective.
 */
@ObjectType({ description: 'A government unit that leads or shares tasks (责任单位).', implements: Node })
@Entity()
@Index(['jurisdictionCode', 'name'], { unique: true })
export class Agency {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Index()
  @Column('varchar', { length: 6 })
  jurisdictionCode: string;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code' })
  jurisdiction?: Relation<Jurisdiction>;

  @Field(() => String, { description: 'Canonical name, e.g. "区卫生健康委".' })
  @Column('text')
  name: string;

  @Field(() => AgencyKind, { description: 'Canonical kind (部门类别).' })
  @Index()
  @Column('varchar', { length: 40 })
  kind: AgencyKind;

  @Field(() => Boolean, { description: 'True for a collective unit (e.g. 各镇（街道）人民政府（办事处）).' })
  @Column('boolean', { default: false })
  collective: boolean;

  @Field(() => [String], { description: 'Other names documents use for it (e.g. "区卫健委").' })
  @Column('text', { array: true, default: () => "'{}'" })
  aliases: string[];
}
