// The quality-month campaign's pages: the unit's workbench, the office's board, the public calendar.
export default {
  public: [
    { path: 'campaign/:pid?/calendar', component: () => import('./Calendar.vue') },
  ],
  app: [
    { path: 'campaign/workbench', component: () => import('./Workbench.vue'),
      meta: { roles: ['member'], menu: { title: 'campaign.menu.workbench', roles: ['member'] } } },
    { path: 'campaign/board', component: () => import('./Board.vue'),
      meta: { roles: ['office', 'leader'], menu: { title: 'campaign.menu.board', roles: ['office', 'leader'] } } },
  ],
};
