import type { DataSource } from 'typeorm';
import { loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { SectionGroup } from './section-group.entity.js';
import { Section } from './section.entity.js';

export function createSectionLoaders(dataSource: DataSource) {
  return {
    sectionById: loaderByKey<Section, string>(dataSource, Section, 'id'),
    sectionsByPlanId: loaderManyByKey<Section, string>(dataSource, Section, 'planId', { ordinal: 'ASC' }),
    groupById: loaderByKey<SectionGroup, string>(dataSource, SectionGroup, 'id'),
    groupsBySectionId: loaderManyByKey<SectionGroup, string>(dataSource, SectionGroup, 'sectionId', { ordinal: 'ASC' }),
  };
}
