// Texts of the target dashboard.
export default {
  'zh-CN': { menu: '十百千万目标', title: '“十百千万”质量品牌提升行动目标进度', certified: '湖南名品（百）', trained: '首席质量官（千）',
    solved: '质量问题（万）', target: '目标', done: '完成', region: '地区', up: '返回上级', drill: '下钻' },
  en: { menu: 'Targets', title: 'Upgrade targets: progress', certified: 'Certified (100)', trained: 'Trained CQOs (1,000)',
    solved: 'Problems solved (10,000)', target: 'Target', done: 'Done', region: 'Region', up: 'Up', drill: 'Drill down' },
};
