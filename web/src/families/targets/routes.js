// The 十百千万 target dashboard (docs/targets.md).
export default {
  public: [],
  app: [
    { path: 'targets/:region?', component: () => import('./Targets.vue'),
      meta: { roles: ['office', 'leader', 'county'], menu: { title: 'targets.menu' } } },
  ],
};
