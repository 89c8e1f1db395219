// The quality status survey and the benchmark comparison (docs/survey.md): the office's surveys and
// comparison report, the enterprise's answer page with its own gaps.
export default {
  public: [],
  app: [
    { path: 'surveys', component: () => import('./Surveys.vue'),
      meta: { roles: ['office', 'leader', 'county', 'applicant'], menu: { title: 'survey.menu' } } },
    { path: 'surveys/:id', component: () => import('./Comparison.vue'), meta: { roles: ['office', 'leader', 'county'] } },
    { path: 'surveys/:id/answer', component: () => import('./Answer.vue'), meta: { roles: ['applicant'] } },
  ],
};
