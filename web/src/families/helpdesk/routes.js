// The help desk's pages (docs/helpdesk.md): the public rating page reached by the link, and the
// desk every signed-in role uses (the office, counties, providers, enterprises).
export default {
  public: [
    { path: 'rate/:token', component: () => import('./Rate.vue') },
  ],
  app: [
    { path: 'helpdesk', component: () => import('./Desk.vue'),
      meta: { roles: ['office', 'leader', 'county', 'expert', 'applicant'], menu: { title: 'helpdesk.menu' } } },
  ],
};
