// Texts of the models pages.
export default {
  'zh-CN': { menu: '先进质量管理模式', title: '十大先进质量管理模式', candidates: '候选企业', choose: '选为模式', modelName: '模式名称', summary: '方法概述',
    promote: '记录推广', kind: '推广方式', date: '日期', place: '地点或媒体', reach: '受众或覆盖人数', source: '来源', chosen: '已选 {n} / 10',
    kinds: { lecture_tour: '巡回演讲', news: '新闻宣传', column: '专栏版画', publication: '编印资料' } },
  en: { menu: 'Quality models', title: 'Ten advanced quality-management models', candidates: 'Candidates', choose: 'Choose', modelName: 'Model', summary: 'Method',
    promote: 'Record promotion', kind: 'Kind', date: 'Date', place: 'Place or outlet', reach: 'Audience or reach', source: 'Source', chosen: '{n} of 10 chosen',
    kinds: { lecture_tour: 'Lecture tour', news: 'News', column: 'Column', publication: 'Publication' } },
};
