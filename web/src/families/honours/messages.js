// Texts of the honours pages.
export default {
  'zh-CN': { menu: '荣誉名录', title: '企业荣誉名录', totals: '各类荣誉总数', kind: '荣誉类别', level: '级别', year: '年度', count: '数量',
    name: '企业名称', uscc: '统一社会信用代码', item: '荣誉内容', source: '依据', import: '导入荣誉（CSV / Excel）', publish: '发布榜单',
    listTitle: '榜单名称', importHint: '可选 CSV 或 Excel（.xlsx，读取第一个工作表）文件，表头：uscc,name,region,kind,level,year,title,source。任何一行有错，整批不导入，并逐行列出错误。',
    imported: '已导入 {n} 条', published: '已发布榜单，SHA-256 {h}', programmes: '本系统评选获奖', region: '地区代码', search: '企业名称或代码',
    levels: { national: '国家级', provincial: '省级', city: '市级' } },
  en: { menu: 'Honours', title: 'Honours register', totals: 'Totals by kind', kind: 'Kind', level: 'Level', year: 'Year', count: 'Count',
    name: 'Enterprise', uscc: 'USCC', item: 'Honour', source: 'Source', import: 'Import (CSV or Excel)', publish: 'Publish a list',
    listTitle: 'List title', importHint: 'A CSV or Excel (.xlsx, its first sheet) file with the header: uscc,name,region,kind,level,year,title,source. One faulty row and nothing is imported; every fault is listed.',
    imported: '{n} imported', published: 'List published, SHA-256 {h}', programmes: 'Winners of pingxuan programmes', region: 'Region code', search: 'Name or code',
    levels: { national: 'National', provincial: 'Provincial', city: 'City' } },
};
