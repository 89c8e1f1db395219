// The NQI one-stop service records (docs/nqi.md): the statistics board and the services list with imports.
const STAFF = ['office', 'leader', 'county', 'member'];
export default {
  public: [],
  app: [
    { path: 'nqi', component: () => import('./Board.vue'), meta: { roles: STAFF, menu: { title: 'nqi.menu' } } },
    { path: 'nqi/services', component: () => import('./Services.vue'), meta: { roles: STAFF, menu: { title: 'nqi.menuServices' } } },
  ],
};
