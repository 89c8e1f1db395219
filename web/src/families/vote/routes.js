// The public vote (网络人气冲榜): the phone-first vote page, the receipt lookup and the exclusion report for everyone,
// the vote monitor for the office (docs/vote.md).
export default {
  public: [
    { path: 'vote/:pid', component: () => import('./Vote.vue') },
    { path: 'vote-receipt/:code?', component: () => import('./Receipt.vue') },
    { path: 'vote-report/:pid', component: () => import('./Report.vue') },
  ],
  app: [
    { path: 'vote-monitor/:pid?', component: () => import('./Monitor.vue'),
      meta: { roles: ['office'], menu: { title: 'vote.menu.monitor', roles: ['office'] } } },
  ],
};
