// The 湖南名品 certification's pages: the public register and its verification
// page (phone-friendly), the office's register of certificates with their status
// moves, the count against the target, and the city bureau's recommendations.
export default {
  public: [
    { path: 'register', component: () => import('./Register.vue') },
    { path: 'register/:code', component: () => import('./RegisterVerify.vue') },
  ],
  app: [
    { path: 'certificates', component: () => import('./OfficeRegister.vue'),
      meta: { roles: ['office', 'leader'], menu: { title: 'certification.menu.register', roles: ['office', 'leader'] } } },
    { path: 'certification/city', component: () => import('./CityRecommend.vue'),
      meta: { roles: ['county'], menu: { title: 'certification.menu.city', roles: ['county'] } } },
  ],
};
