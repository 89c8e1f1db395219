// Texts of the brand value pages.
export default {
  'zh-CN': {
    menu: '品牌价值测评', title: '企业品牌价值测评', open: '发起测评', roundTitle: '测评名称', method: '测评方法', firstYear: '首个预测年度',
    years: '预测年限', tax: '所得税率（%）', base: '折现率基准（%）', premiumMax: '品牌风险溢价上限（%）', growth: '永续增长率（%）',
    assets: '贡献资产要求回报率（%）', state: '状态', submissions: '提交企业数', view: '查看', standard: '依据标准',
    methods: { mpeem: '多期超额收益法（年末折现）', mpeem_mid_year: '多期超额收益法（年中折现）' },
    params: '公布参数', results: '测评结果', compute: '测算并排名', computed: '已测算 {n} 家企业', rank: '排名', name: '企业名称',
    uscc: '统一社会信用代码', value: '品牌价值（元）', report: '报告', download: '下载报告（PDF）', form: '本企业数据', year: '年度',
    revenue: '营业收入（元）', margin: '营业利润率（%）', share: '占营业收入比例（%）', role: '品牌作用指数（%）',
    premium: '品牌风险溢价（%）', submit: '提交数据', submitted: '已提交，待测算', myValue: '本企业品牌价值', myValueLine: '本企业品牌价值：{v} 元（本轮排名第 {r} 位）',
    notYet: '测算完成后显示品牌价值', returnRate: '要求回报率', none: '暂无测评',
    assetNames: { working_capital: '营运资金', fixed_assets: '固定资产', workforce: '人力资源', other_intangibles: '其他无形资产' },
  },
  en: {
    menu: 'Brand value', title: 'Brand value evaluation', open: 'Open a round', roundTitle: 'Title', method: 'Method', firstYear: 'First forecast year',
    years: 'Forecast years', tax: 'Income tax (%)', base: 'Discount rate base (%)', premiumMax: 'Brand risk premium cap (%)', growth: 'Terminal growth (%)',
    assets: 'Required return of contributory assets (%)', state: 'State', submissions: 'Enterprises', view: 'View', standard: 'Standard',
    methods: { mpeem: 'Multi-period excess earnings (year-end)', mpeem_mid_year: 'Multi-period excess earnings (mid-year)' },
    params: 'Published parameters', results: 'Results', compute: 'Compute and rank', computed: '{n} enterprises computed', rank: 'Rank', name: 'Enterprise',
    uscc: 'USCC', value: 'Brand value (yuan)', report: 'Report', download: 'Download the report (PDF)', form: 'Our data', year: 'Year',
    revenue: 'Revenue (yuan)', margin: 'Operating margin (%)', share: 'Share of revenue (%)', role: 'Brand role index (%)',
    premium: 'Brand risk premium (%)', submit: 'Submit', submitted: 'Submitted, waiting for the computation', myValue: 'Our brand value', myValueLine: 'Our brand value: {v} yuan (rank {r} in this round)',
    notYet: 'The value shows once computed', returnRate: 'Required return', none: 'No rounds yet',
    assetNames: { working_capital: 'Working capital', fixed_assets: 'Fixed assets', workforce: 'Workforce', other_intangibles: 'Other intangibles' },
  },
};
