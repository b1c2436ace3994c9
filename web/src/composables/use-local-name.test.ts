import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { useI18n } from 'vue-i18n';
import { useLocalName } from './use-local-name';
import { createAppI18n, type Locale } from '@/i18n';

const campus = { name: '校园食品安全', nameEn: 'Campus food safety' };

function setup(locale: Locale) {
  let switchTo!: (next: Locale) => void;
  const Probe = defineComponent({
    setup() {
      const localName = useLocalName();
      const { locale: current } = useI18n();
      switchTo = (next) => (current.value = next);
      return () => h('span', localName(campus));
    },
  });
  const wrapper = mount(Probe, { global: { plugins: [createAppI18n(locale)] } });
  return { wrapper, switchTo };
}

describe('useLocalName', () => {
  it('gives the Chinese name in Chinese and the English one in English', () => {
    expect(setup('zh-CN').wrapper.text()).toBe('校园食品安全');
    expect(setup('en').wrapper.text()).toBe('Campus food safety');
  });

  it('follows a change of language', async () => {
    const { wrapper, switchTo } = setup('zh-CN');
    switchTo('en');
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toBe('Campus food safety');
  });
});
