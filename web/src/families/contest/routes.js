// Contests (docs/contest.md): the public gallery of winning works; the entrant's entry form with
// upload progress; the office's board (judging and publication). Experts score on the engine's
// review pages and open the works of the entries drawn for them from contest/works.
export default {
  public: [
    { path: 'contests', component: () => import('./Gallery.vue') },
    { path: 'contests/:id', component: () => import('./Gallery.vue') },
  ],
  app: [
    { path: 'contest/enter', component: () => import('./Enter.vue'),
      meta: { roles: ['applicant'], menu: { title: 'contest.menu.enter', roles: ['applicant'] } } },
    { path: 'contest/board', component: () => import('./Board.vue'),
      meta: { roles: ['office', 'leader'], menu: { title: 'contest.menu.board', roles: ['office', 'leader'] } } },
    { path: 'contest/works', component: () => import('./Works.vue'),
      meta: { roles: ['expert'], menu: { title: 'contest.menu.works', roles: ['expert'] } } },
    { path: 'contest/entries/:id', component: () => import('./Entry.vue'),
      meta: { roles: ['applicant', 'county', 'office', 'leader', 'member', 'expert'] } },
  ],
};
