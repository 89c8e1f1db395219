// The key works (docs/keyworks.md): the leaders' board, the register of works, one work with its
// milestones, and the lead unit's page to report progress.
export default {
  public: [],
  app: [
    { path: 'keyworks/board', component: () => import('./Board.vue'),
      meta: { roles: ['office', 'leader'], menu: { title: 'keyworks.menu.board', roles: ['office', 'leader'] } } },
    { path: 'keyworks', component: () => import('./Works.vue'),
      meta: { roles: ['office', 'leader', 'county', 'member'], menu: { title: 'keyworks.menu.works', roles: ['office', 'leader'] } } },
    { path: 'keyworks/mine', component: () => import('./Mine.vue'),
      meta: { roles: ['member'], menu: { title: 'keyworks.menu.mine', roles: ['member'] } } },
    { path: 'keyworks/:id(\\d+)', component: () => import('./Work.vue'), meta: { roles: ['office', 'leader', 'county', 'member'] } },
  ],
};
