// Texts of the target dashboard.
export default {
  'zh-CN': { menu: '十百千万目标', title: '“十百千万”质量品牌提升行动目标进度', certified: '湖南名品（百）', trained: '首席质量官（千）',
    solved: '质量问题（万）', target: '目标', done: '完成', region: '地区', up: '返回上级', drill: '下钻',
    summary: { request: '请各市州报送本地总结和典型案例', column: '本地总结', requested: '已向 {n} 个市州发出报送要求，截止 {due}',
      status: '本地总结截止 {due}：按时 {on_time}，迟报 {late}，退回 {returned}，未报 {missing}', missing: '未报', draft: '未报',
      submitted: '已报', late: '迟报', returned: '已退回' } },
  en: { menu: 'Targets', title: 'Upgrade targets: progress', certified: 'Certified (100)', trained: 'Trained CQOs (1,000)',
    solved: 'Problems solved (10,000)', target: 'Target', done: 'Done', region: 'Region', up: 'Up', drill: 'Drill down',
    summary: { request: 'Request local summaries from the cities', column: 'Local summary', requested: 'Requested from {n} cities, due {due}',
      status: 'Local summaries due {due}: on time {on_time}, late {late}, returned {returned}, missing {missing}', missing: 'Missing', draft: 'Missing',
      submitted: 'Submitted', late: 'Late', returned: 'Returned' } },
};
