import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';
import HomeView from './views/HomeView.vue';

/**
 * The app's pages. Every view but the first is loaded when first visited, which keeps charts and
 * the export library out of the initial download. View state lives in each route's query string.
 */
export function createAppRouter(history: RouterHistory = createWebHistory()) {
  return createRouter({
    history,
    routes: [
      { path: '/', name: 'home', component: HomeView },
      { path: '/plans/:id', name: 'plan', component: () => import('./views/PlanView.vue'), props: true },
      { path: '/plans/:id/changes', name: 'plan-changes', component: () => import('./views/PlanChangesView.vue'), props: true },
      { path: '/compare', name: 'compare', component: () => import('./views/CompareView.vue') },
      { path: '/tasks', name: 'tasks', component: () => import('./views/TasksView.vue') },
      { path: '/agencies', name: 'agencies', component: () => import('./views/AgenciesView.vue') },
      { path: '/:path(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
    ],
    scrollBehavior(to, from, saved) {
      if (saved) return saved;
      if (to.hash) return { el: to.hash, top: 12 };
      // Changing a filter keeps the page where it is; a new page starts at the top.
      return to.path === from.path ? false : { top: 0 };
    },
  });
}
