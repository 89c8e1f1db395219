// Routes: public pages load with the first bundle; staff pages are split
// into chunks loaded on first use. A signed-out visitor of a staff page is
// sent to sign in and brought back afterwards.
import { createRouter, createWebHistory } from 'vue-router';
import { session, loadSession } from './api.js';
import PublicLayout from './layouts/PublicLayout.vue';
import Programmes from './pages/public/Programmes.vue';

// Each programme family brings its pages in web/src/families/<name>/routes.js:
// export default { public: [...], app: [...] } (children of / and of /app).
const families = Object.values(import.meta.glob('./families/*/routes.js', { eager: true })).map((m) => m.default);
const familyRoutes = (part) => families.flatMap((f) => f[part] || []);

const routes = [
  { path: '/', component: PublicLayout, children: [
    { path: '', component: Programmes },
    { path: 'notices/:pid', component: () => import('./pages/public/Notices.vue') },
    { path: 'winners/:pid', component: () => import('./pages/public/Winners.vue') },
    { path: 'verify/:code?', component: () => import('./pages/public/Verify.vue') },
    { path: 'signin', component: () => import('./pages/SignIn.vue') },
    ...familyRoutes('public'),
  ] },
  { path: '/app', component: () => import('./layouts/AdminLayout.vue'), meta: { auth: true }, children: [
    { path: '', redirect: '/app/todo' },
    { path: 'todo', component: () => import('./pages/Todo.vue') },
    { path: 'apply', component: () => import('./pages/applicant/Apply.vue'), meta: { roles: ['applicant'] } },
    { path: 'county', component: () => import('./pages/county/Applications.vue'), meta: { roles: ['county'] } },
    { path: 'applications/:id', component: () => import('./pages/ApplicationView.vue') },
    { path: 'reviews', component: () => import('./pages/expert/Reviews.vue'), meta: { roles: ['expert'] } },
    { path: 'office', component: () => import('./pages/office/Dashboard.vue'), meta: { roles: ['office'] } },
    { path: 'ranking', component: () => import('./pages/leader/Ranking.vue'), meta: { roles: ['leader', 'office'] } },
    { path: 'experts', component: () => import('./pages/office/Experts.vue'), meta: { roles: ['office'] } },
    { path: 'accounts', component: () => import('./pages/office/Accounts.vue'), meta: { roles: ['office'] } },
    { path: 'qualification', component: () => import('./pages/office/Qualification.vue'), meta: { roles: ['office'] } },
    { path: 'results', component: () => import('./pages/office/Results.vue'), meta: { roles: ['office', 'leader'] } },
    { path: 'award-certificates', component: () => import('./pages/office/Certificates.vue'), meta: { roles: ['office'] } },
    { path: 'audit', component: () => import('./pages/office/Audit.vue'), meta: { roles: ['office'] } },
    { path: 'exports', component: () => import('./pages/office/Exports.vue'), meta: { roles: ['office'] } },
    { path: 'opinions', component: () => import('./pages/member/Opinions.vue'), meta: { roles: ['member'] } },
    ...familyRoutes('app'),
  ] },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (!to.matched.some((r) => r.meta.auth)) return true;
  if (!session.checked || !session.account) await loadSession();
  if (!session.account) return { path: '/signin', query: { next: to.fullPath } };
  const roles = to.matched.map((r) => r.meta.roles).find(Boolean);
  if (roles && !roles.includes(session.account.role)) return '/app/todo';
  return true;
});
