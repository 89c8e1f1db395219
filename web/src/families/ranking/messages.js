// Texts of the brand ranking's pages, as $t('ranking.<key>').
export default {
  'zh-CN': {
    menu: { register: '品牌报名', applicants: '报名企业', scoring: '榜单评分', composite: '综合排名' },
    title: '广州百强质量品牌推介',
    none: '暂无质量品牌推介活动',
    register: {
      title: '品牌报名', uscc: '统一社会信用代码', name: '企业（组织）名称', district: '所在区', founded: '成立日期',
      industry: '品牌所属行业（GB/T 4754 门类）', brand: '品牌名称', description: '品牌简介（质量品牌战略、社会责任、经济效益、卓越绩效、质量文化）',
      contact: '联系人', tracks: '参评赛道（最多选择2个）', attest: '承诺申报材料真实、准确、合法和有效，并对因提供不实材料造成的后果承担责任',
      submit: '提交报名', done: '报名成功', window: '报名时间：{from} 至 {to}',
    },
    applicants: { title: '报名企业', bureau: '区市场监管部门', phone: '报名联系电话', count: '报名数', all: '全部赛道', brand: '品牌', industry: '行业' },
    scoring: {
      title: '榜单评分', panel: '所在小组', promotion: '广州百强质量品牌推介小组', expert: '质量品牌专家评审小组',
      give: '提交评分', given: '已评分', total: '合计', others: '查看本组评分', blind: '提交本人评分后才能查看本组其他成员的评分（不显示姓名）',
    },
    composite: { title: '综合排名', weights: '权重：网络人气 {vote}‰ · 推介小组 {promotion}‰ · 专家评审 {expert}‰', publish: '发布榜单', published: '榜单已发布' },
    lists: {
      title: '广州百强质量品牌榜单', notYet: '榜单尚未发布', rank: '名次', brand: '品牌', name: '企业（组织）', district: '所在区',
      votes: '网络人气', voteScore: '人气得分', promotion: '推介小组', expert: '专家评审', score: '综合得分', xlsx: '下载榜单（Excel）', poster: '榜单海报（分享图片）', byDistrict: '上榜品牌分布（按区）', brands: '上榜品牌数', map: '上榜品牌分布图', mapImage: '品牌分布图（图片下载）',
      weights: '综合得分 = 网络人气得分 × {vote}‰ + 推介小组评分 × {promotion}‰ + 专家评审评分 × {expert}‰',
    },
    track: { leading: '行业领引品牌', consumer: '消费知名品牌', tech: '新晋科技品牌', online: '网络人气品牌', heritage: '老字号新活力及驰名商标品牌' },
    criterion: { brand_strategy: '质量品牌战略', social_responsibility: '履行社会责任', economic_results: '经济效益', performance_excellence: '卓越绩效', quality_culture: '质量文化' },
  },
  en: {
    menu: { register: 'Brand registration', applicants: 'Registered brands', scoring: 'Panel scoring', composite: 'Composite ranking' },
    title: 'Guangzhou Top 100 Quality Brands',
    none: 'No brand ranking yet',
    register: {
      title: 'Brand registration', uscc: 'Unified social credit code', name: 'Organisation', district: 'District', founded: 'Founded on',
      industry: 'Industry of the brand (GB/T 4754 section)', brand: 'Brand', description: 'About the brand (strategy, social responsibility, results, excellence, culture)',
      contact: 'Contact', tracks: 'Tracks (at most 2)', attest: 'I attest that the materials are true, accurate, lawful and valid, and answer for any untrue material',
      submit: 'Register', done: 'Registered', window: 'Registration: {from} to {to}',
    },
    applicants: { title: 'Registered brands', bureau: 'District bureau', phone: 'Telephone', count: 'Registrations', all: 'All tracks', brand: 'Brand', industry: 'Industry' },
    scoring: {
      title: 'Panel scoring', panel: 'Panel', promotion: 'Promotion group', expert: 'Expert panel',
      give: 'Submit sheet', given: 'Scored', total: 'Total', others: "Panel's sheets", blind: "Your panel's sheets (without names) show once you have given yours",
    },
    composite: { title: 'Composite ranking', weights: 'Weights: vote {vote}‰ · promotion group {promotion}‰ · expert panel {expert}‰', publish: 'Publish the lists', published: 'The lists are published' },
    lists: {
      title: 'Guangzhou Top 100 Quality Brands', notYet: 'The lists are not published yet', rank: 'Rank', brand: 'Brand', name: 'Organisation', district: 'District',
      votes: 'Votes', voteScore: 'Vote score', promotion: 'Promotion group', expert: 'Expert panel', score: 'Composite', xlsx: 'Download (Excel)', poster: 'Poster (image to share)', byDistrict: 'Listed brands by district', brands: 'Listed brands', map: 'Brand map', mapImage: 'Brand map (image download)',
      weights: 'Composite = vote score × {vote}‰ + promotion group × {promotion}‰ + expert panel × {expert}‰',
    },
    track: { leading: 'Industry leaders', consumer: 'Consumer favourites', tech: 'New technology brands', online: 'Online popularity', heritage: 'Time-honoured and well-known marks' },
    criterion: { brand_strategy: 'Quality-brand strategy', social_responsibility: 'Social responsibility', economic_results: 'Economic results', performance_excellence: 'Performance excellence', quality_culture: 'Quality culture' },
  },
};
