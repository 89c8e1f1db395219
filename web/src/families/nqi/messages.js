// Texts of the NQI pages.
export default {
  'zh-CN': { menu: 'NQI 统计看板', menuServices: 'NQI 服务记录', board: '一站式NQI服务统计看板', services: 'NQI 服务记录',
    total: '服务总数 {n} 次', byKind: '按服务类别', byChain: '按产业链', byPeriod: '按统计周期', period: '统计周期',
    periods: { month: '月', quarter: '季度', year: '年' }, from: '起', to: '止', kind: '服务类别', chain: '产业链',
    region: '地区代码', enterprise: '服务企业', prefix: '企业名称开头', institution: '服务机构', date: '服务日期',
    sort: '排序', newest: '最新在前', oldest: '最早在前', next: '下一页', first: '第一页', count: '次数',
    import: '导入', importKind: '导入内容', imported: '已导入 {n} 条',
    what: { institutions: '服务机构', enterprises: '服务企业', services: '服务记录' },
    hints: {
      institutions: '表头：uscc,name,region,kinds（服务类别以分号分隔，如 testing;metrology）。任何一行有错，整批不导入，并逐行列出错误。',
      enterprises: '表头：uscc,name,region,chain（chain 为 24 条产业链之一的代码）。任何一行有错，整批不导入。',
      services: '表头：date,kind,institution,enterprise,chain（机构与企业填统一社会信用代码；chain 可空，取企业所属产业链）。任何一行有错，整批不导入。更大的文件请用 pingxuan nqi import。',
    } },
  en: { menu: 'NQI board', menuServices: 'NQI services', board: 'NQI one-stop services: statistics', services: 'NQI service records',
    total: '{n} services', byKind: 'By kind', byChain: 'By industry chain', byPeriod: 'By period', period: 'Period',
    periods: { month: 'Month', quarter: 'Quarter', year: 'Year' }, from: 'From', to: 'To', kind: 'Kind', chain: 'Industry chain',
    region: 'Region code', enterprise: 'Enterprise', prefix: 'Name starts with', institution: 'Institution', date: 'Date',
    sort: 'Sort', newest: 'Newest first', oldest: 'Oldest first', next: 'Next page', first: 'First page', count: 'Services',
    import: 'Import', importKind: 'What', imported: '{n} imported',
    what: { institutions: 'Institutions', enterprises: 'Enterprises', services: 'Services' },
    hints: {
      institutions: 'Header: uscc,name,region,kinds (kinds joined by ;, e.g. testing;metrology). One faulty row and nothing is imported; every fault is listed.',
      enterprises: 'Header: uscc,name,region,chain (one of the 24 chain codes). One faulty row and nothing is imported.',
      services: 'Header: date,kind,institution,enterprise,chain (USCCs; chain may be empty: the enterprise\'s). One faulty row and nothing is imported. Larger files: pingxuan nqi import.',
    } },
};
