// The brand ranking's pages (docs/ranking.md): registration, the district's applicants, the
// panels' scoring sheet, the composite for the office, and the published lists for everyone.
export default {
  public: [
    { path: 'brands/:pid?', component: () => import('./Lists.vue') },
  ],
  app: [
    { path: 'brands/register', component: () => import('./Register.vue'),
      meta: { roles: ['applicant', 'county'], menu: { title: 'ranking.menu.register' } } },
    { path: 'brands/applicants', component: () => import('./Applicants.vue'),
      meta: { roles: ['county', 'office', 'leader'], menu: { title: 'ranking.menu.applicants' } } },
    { path: 'brands/scoring', component: () => import('./Scoring.vue'),
      meta: { roles: ['member', 'expert'], menu: { title: 'ranking.menu.scoring' } } },
    { path: 'brands/composite', component: () => import('./Composite.vue'),
      meta: { roles: ['office', 'leader'], menu: { title: 'ranking.menu.composite' } } },
  ],
};
