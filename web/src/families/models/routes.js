// The ten quality-management models (docs/models.md): the public showcase and the office's choices.
export default {
  public: [{ path: 'models', component: () => import('./Showcase.vue') }],
  app: [{ path: 'models', component: () => import('./Choose.vue'), meta: { roles: ['office'], menu: { title: 'models.menu' } } }],
};
