// The brand value evaluation (docs/brand-value.md): the rounds, and a round's page - the office's
// parameters, results and compute action, the enterprise's form with its years as rows.
const roles = ['office', 'leader', 'county', 'applicant'];
export default {
  app: [
    { path: 'brand-value', component: () => import('./Rounds.vue'), meta: { roles, menu: { title: 'brandvalue.menu' } } },
    { path: 'brand-value/:id', component: () => import('./Round.vue'), meta: { roles } },
  ],
};
