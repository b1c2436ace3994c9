import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toGlobalId } from '../src/graphql/global-id.js';

/** Tongzhou 2021 (a seed) and a second revision of it: the same plan with other task titles and another 发文字号. */
export const tongzhouA = readFileSync(fileURLToPath(new URL('../../seeds/tongzhou-2021.txt', import.meta.url)), 'utf8');
export const tongzhouB = tongzhouA
  .replace('通食安办〔2021〕2号', '通食安办〔2021〕3号')
  .replace('强化党政同责。', '强化党政同责（修订）。')
  .replace('落实属地管理责任。', '压实属地管理责任（修订）。')
  .replace('实施校园食品安全守护行动。', '实施校园食品安全守护行动（修订）。');
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const TONGZHOU_PLAN_ID = toGlobalId('Plan', '320612-2021');

/**
 * One plan, everything that must come from one revision: its hash, and its tasks and clauses.
 * `alias` names the answer's field: another name is another query, which the read cache has not seen.
 */
export const planConsistency = (alias = 'plan') => `query ($id: ID!) {
  ${alias}: plan(id: $id) { sourceSha256 documentNumber tasks { title } sections { title tasks { title clauses { text } } } }
}`;
export const PLAN_CONSISTENCY = planConsistency();

export interface Read {
  what: string;
  body: { query: string; variables?: Record<string, unknown> };
}

const SEARCHES = ['食品', '抽检', '冷链', '学校', '农产品', '保健食品', '餐饮', '监管'];
const COMPARED = [['320612', '320300'], ['320300', '320612'], ['320612']];

/** The `turn`-th read of a mix a reader sends: a plan in detail, a list, a search, a comparison, with arguments that vary by turn. */
export function read(turn: number): Read {
  const search = SEARCHES[turn % SEARCHES.length]!;
  switch (turn % 5) {
    case 0:
      return { what: 'plan', body: { query: PLAN_CONSISTENCY, variables: { id: TONGZHOU_PLAN_ID } } };
    case 1:
      return {
        what: 'plans',
        body: {
          query: `query ($first: Int) { plans(first: $first) { totalCount nodes { id title year jurisdiction { code name } } } }`,
          variables: { first: 1 + (turn % 20) },
        },
      };
    case 2:
      return {
        what: 'search',
        body: {
          query: `query ($text: String, $first: Int) { tasks(first: $first, filter: { text: $text }, orderBy: RELEVANCE) { totalCount nodes { title fullLabel plan { title } } } }`,
          variables: { text: search, first: 5 + (turn % 10) },
        },
      };
    case 3:
      return {
        what: 'comparison',
        body: {
          query: `query ($codes: [String!]!) { comparison(jurisdictionCodes: $codes, year: 2021) { rows { theme { key } cells { tasks { title } indicators { value unit } } } } }`,
          variables: { codes: COMPARED[turn % COMPARED.length] },
        },
      };
    default:
      return {
        what: 'jurisdictions',
        body: {
          query: `query ($search: String) { jurisdictions(search: $search, first: 5) { code name } }`,
          variables: { search: ['通州', 'tzq', '徐州', '南通'][turn % 4] },
        },
      };
  }
}

/** POST /api/plans of a plan text as an editor, replacing what the jurisdiction and year hold. */
export function upload(url: string, token: string, text: string): Promise<Response> {
  return fetch(`${url}/api/plans?replace=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-file-name': 'tongzhou-2021.txt' },
    body: text,
  });
}
