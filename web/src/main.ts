import urql from '@urql/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { createGraphqlClient } from './graphql/client';
import { createAppI18n } from './i18n';
import { createAppRouter } from './router';
import './styles/base.css';

createApp(App).use(createAppRouter()).use(createAppI18n()).use(urql, createGraphqlClient()).mount('#app');
