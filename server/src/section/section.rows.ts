import type { RowOf } from '../db/bulk-write.js';
import type { ParsedGroup, ParsedSection } from '../importer/parsed-plan.js';
import type { SectionGroup } from './section-group.entity.js';
import type { Section } from './section.entity.js';

export type SectionRow = RowOf<Section>;
export type SectionGroupRow = RowOf<SectionGroup>;

/** A section's deterministic id: `<plan id>-s<ordinal>`. */
export const sectionId = (planId: string, ordinal: number) => `${planId}-s${ordinal}`;

/** A group's deterministic id: `<section id>-g<ordinal>`. */
export const groupId = (sectionId: string, ordinal: number) => `${sectionId}-g${ordinal}`;

export function sectionRow(planId: string, section: ParsedSection): SectionRow {
  return {
    id: sectionId(planId, section.ordinal),
    planId,
    ordinal: section.ordinal,
    label: section.label,
    title: section.title,
    preamble: section.preamble,
    spanStart: section.span.start,
    spanEnd: section.span.end,
  };
}

export function sectionGroupRow(planId: string, sectionId: string, group: ParsedGroup): SectionGroupRow {
  return {
    id: groupId(sectionId, group.ordinal),
    planId,
    sectionId,
    ordinal: group.ordinal,
    label: group.label,
    title: group.title,
    preamble: group.preamble,
    spanStart: group.span.start,
    spanEnd: group.span.end,
  };
}
