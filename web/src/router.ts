import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';
import { useSession } from './composables/use-session';
import HomeView from './views/HomeView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only a signed-in editor may open it; anyone else is sent to sign in first. */
    editor?: boolean;
  }
}

/**
 * The app's pages. Every view but the first is loaded when first visited, which keeps charts, the
 * export library and the editors' pages out of the initial download. View state lives in each
 * route's query string.
 */
export function createAppRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      { path: '/', name: 'home', component: HomeView },
      { path: '/plans/:id', name: 'plan', component: () => import('./views/PlanView.vue'), props: true },
      { path: '/plans/:id/changes', name: 'plan-changes', component: () => import('./views/PlanChangesView.vue'), props: true },
      { path: '/compare', name: 'compare', component: () => import('./views/CompareView.vue') },
      { path: '/tasks', name: 'tasks', component: () => import('./views/TasksView.vue') },
      { path: '/agencies', name: 'agencies', component: () => import('./views/AgenciesView.vue') },
      { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignInView.vue') },
      { path: '/upload', name: 'upload', component: () => import('./views/UploadView.vue'), meta: { editor: true } },
      { path: '/audit', name: 'audit', component: () => import('./views/AuditLogView.vue'), meta: { editor: true } },
      { path: '/:path(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
    ],
    scrollBehavior(to, from, saved) {
      if (saved) return saved;
      if (to.hash) return { el: to.hash, top: 12 };
      // Changing a filter keeps the page where it is; a new page starts at the top.
      return to.path === from.path ? false : { top: 0 };
    },
  });
  const session = useSession();
  router.beforeEach(async (to) => {
    await session.restore();
    if (to.meta.editor && !session.isEditor.value) return { name: 'sign-in', query: { next: to.fullPath } };
  });
  return router;
}
