import { describe, expect, it } from 'vitest';
import type { AlignableTask } from '../alignment/engine.js';
import { matchTasks } from './task-matching.js';

const task = (id: string, title: string, text: string, themes: string[]): AlignableTask => ({
  id,
  planId: id.split('-t')[0],
  jurisdictionCode: '320612',
  title,
  text: `${title}。${text}`,
  themes,
});

const campus = task(
  'a-t1',
  '实施校园食品安全守护行动',
  '组织开展春秋季校园食品安全专项检查，提升“明厨亮灶+互联网”覆盖率。〔区市场监管局负责〕督促学校严格落实食品安全校长（园长）负责制，不断完善“阳光食堂”平台建设，提升运行质量。〔区教体局负责〕',
  ['campus'],
);
const coldChain = task(
  'a-t2',
  '继续做好进口冷链食品检疫工作',
  '推进落实进口冷链食品道路运输电子运单管理制度，对企业自建冷库、第三方冷库开展全覆盖排查备案。〔区交通运输局负责〕',
  ['cold-chain'],
);
const smuggling = task(
  'a-t3',
  '严厉打击来源不明冷链食品走私入境',
  '加强跨境电商零售进口食品监管，全面落实走私冻品统一交由地方政府归口处置政策。〔区公安局负责〕',
  ['cold-chain'],
);
const waste = task(
  'a-t4',
  '开展制止餐饮浪费专项整治活动',
  '坚决制止餐饮浪费行为，大力弘扬勤俭节约的优秀传统，在全社会营造浪费可耻、节约为荣的氛围。〔区商务局负责〕',
  ['catering'],
);

describe('matchTasks', () => {
  it('finds a split, a merge, a reworded task and what was added and dropped', () => {
    const after = [
      task('b-t1', '实施校园食品安全守护行动', '组织开展春秋季校园食品安全专项检查，提升“明厨亮灶+互联网”覆盖率。〔区市场监管局负责〕', [
        'campus',
      ]),
      task(
        'b-t2',
        '推进“阳光食堂”建设',
        '督促学校严格落实食品安全校长（园长）负责制，不断完善“阳光食堂”平台建设，提升运行质量。〔区教体局负责〕',
        ['campus'],
      ),
      task(
        'b-t3',
        '强化进口冷链食品全链条监管',
        '推进落实进口冷链食品道路运输电子运单管理制度，对企业自建冷库、第三方冷库开展全覆盖排查备案。加强跨境电商零售进口食品监管，全面落实走私冻品统一交由地方政府归口处置政策。〔区公安局、区交通运输局按职责分工负责〕',
        ['cold-chain'],
      ),
      task(
        'b-t4',
        '深入推进粮食节约行动',
        '持续制止餐饮浪费行为，弘扬勤俭节约优秀传统，营造浪费可耻、节约为荣的社会氛围。〔区商务局负责〕',
        ['catering'],
      ),
      task('b-t5', '开展“你点我检”服务活动', '由群众点单选择抽检对象，检验结果及时向社会公开。〔区市场监管局负责〕', ['sampling']),
    ];
    const dropped = task(
      'a-t5',
      '深入推进保健食品行业专项清理整治行动',
      '整治保健食品市场经营秩序，严厉打击虚假宣传。〔区市场监管局负责〕',
      ['health-food'],
    );
    const matches = matchTasks([campus, coldChain, smuggling, waste, dropped], after);
    expect(matches.map(({ kind, before, after: later }) => [kind, before, later])).toEqual([
      ['SPLIT', ['a-t1'], ['b-t1', 'b-t2']],
      ['MERGED', ['a-t2', 'a-t3'], ['b-t3']],
      ['KEPT', ['a-t4'], ['b-t4']],
      ['DROPPED', ['a-t5'], []],
      ['ADDED', [], ['b-t5']],
    ]);
  });

  it('never joins a new task of the same theme to a kept one', () => {
    const after = [
      { ...coldChain, id: 'b-t1', planId: 'b' },
      task('b-t2', '推广使用“江苏冷链”系统', '督促进口冷链食品生产经营者规范使用追溯系统，做到应用尽用。〔区商务局负责〕', ['cold-chain']),
    ];
    expect(matchTasks([coldChain], after).map(({ kind, before, after: later }) => [kind, before, later])).toEqual([
      ['KEPT', ['a-t2'], ['b-t1']],
      ['ADDED', [], ['b-t2']],
    ]);
  });
});
