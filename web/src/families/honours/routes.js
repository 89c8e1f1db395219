// The honours register (docs/honours.md): the public totals and enterprise pages, the office's register.
export default {
  public: [
    { path: 'honours', component: () => import('./Totals.vue') },
    { path: 'honours/:uscc', component: () => import('./Enterprise.vue') },
  ],
  app: [
    { path: 'honours', component: () => import('./Register.vue'), meta: { roles: ['office', 'leader', 'county'], menu: { title: 'honours.menu' } } },
  ],
};
