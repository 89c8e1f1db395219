// Chief quality officer training (docs/training.md): the public check-in and certificate check,
// the organisers' courses with attendance, and the code screen shown at a session.
export default {
  public: [
    { path: 'checkin', component: () => import('./Checkin.vue') },
    { path: 'training/verify/:code?', component: () => import('./Verify.vue') },
  ],
  app: [
    { path: 'courses', component: () => import('./Courses.vue'),
      meta: { roles: ['office', 'county', 'leader'], menu: { title: 'training.menu' } } },
    { path: 'courses/:id', component: () => import('./Course.vue'), meta: { roles: ['office', 'county', 'leader'] } },
  ],
};
