// zh-CN, the first language of the UI.
import errors from './errors-zh.js';

export default {
  app: { name: '评选系统', org: '清远市质量强市工作领导小组办公室' },
  nav: {
    qualification: '资格审查', results: '评审结果', certificates: '获奖证书', opinions: '征求意见', experts: '专家库', accounts: '账号管理', home: '首页', programmes: '评选活动', notices: '公示', winners: '获奖名单', verify: '证书验证', signIn: '登录', signOut: '退出',
    todo: '我的待办', apply: '我的申报', county: '本地申报', recommend: '推荐上报', reviews: '评审任务', dashboard: '评选总览',
    ranking: '排名与审议', objections: '异议处理', language: 'English', audit: '审计日志校验', exports: '数据导出',
  },
  role: { office: '质量强市办', leader: '领导小组', county: '县（市、区）', member: '成员单位', expert: '评审专家', applicant: '申报单位', admin: '系统管理员' },
  state: {
    proposed: '拟奖', not_proposed: '未拟奖', withdrawn: '已撤回', draft: '草稿', submitted: '已提交', returned: '退回修改', county_checked: '县级审核通过', recommended: '已推荐', not_recommended: '未推荐',
    accepted: '资格审查通过', rejected: '资格审查未通过', shortlisted: '入围现场评审', not_shortlisted: '未入围', placed: '拟奖',
    winner: '获奖', disqualified: '取消资格', open: '进行中', closed: '已结束', pending: '未开始',
  },
  common: {
    search: '查询', reset: '重置', export: '导出', actions: '操作', view: '查看', save: '保存', submit: '提交', cancel: '取消', confirm: '确定',
    name: '名称', state: '状态', region: '地区', track: '类别', date: '日期', total: '合计', loading: '加载中…', empty: '暂无数据',
    workdaysLeft: '剩余 {n} 个工作日', overdue: '已逾期', ended: '已结束', today: '今天', due: '截止', back: '返回', refresh: '刷新', detail: '详情', confirmTitle: '请确认', xlsxChosen: '已选择 Excel 文件：{name}（提交时读取第一个工作表）',
  },
  signIn: { title: '登录评选系统', login: '登录名', password: '密码', submit: '登录', required: '请输入登录名和密码', demo: '演示账号密码：pingxuan-demo' },
  todo: {
    office_qualification: '资格审查与补正', office_results: '查看评审结果与评分分歧', office_certificates: '颁发并发布获奖证书', title: '我的待办', none: '暂无待办事项', stage: '当前阶段：{stage}',
    applicant_draft: '完成申报表、上传材料并提交', applicant_supplement: '答复补正要求', applicant_certificate: '下载获奖证书',
    county_check: '审核本地申报（{n} 件待审核）', county_recommend: '推荐上报（名额 {quota}）', county_objections: '答复转办的异议（{n} 件）',
    expert_review: '评审打分（{n} 件）', office_stage: '推进评选阶段', office_objections: '处理异议（{n} 件待转办）', leader_ranking: '审议排名并记录结果',
    member_opinions: '出具部门意见', family_page: '办理：{page}', county_overview: '查看本地申报及推荐、评审结果', expert_done: '查看已提交的评分与评审组评分', expert_not_drawn: '本次评选未抽中您参加评审，查看评选公示', member_published: '查看评选公示与获奖名单（当前阶段无需出具意见）',
  },
  pub: {
    programmes: '评选活动', stages: '评选阶段', opens: '开始', closes: '截止', notices: '公示', period: '公示期', chainHead: '审计链头', objection: '提出异议',
    winners: '获奖名单', vacant: '空缺 {n} 名', verify: '证书验证', code: '验证码', verifyBtn: '验证', valid: '证书有效', invalid: '证书无效',
    holder: '获奖者', award: '奖项', certNo: '证书编号', issued: '颁发日期', objName: '姓名', objContact: '联系电话', objText: '异议内容', objEvidence: '证据材料说明',
    objDone: '异议已受理，转办截止 {date}', noNotices: '暂无公示', noWinners: '获奖名单尚未公布', list: '公示名单',
  },
  apply: {
    asOrganisation: '组织申报', asPerson: '个人申报', idNumber: '居民身份证号码', personName: '姓名', employer: '工作单位', qualitySince: '从事质量工作起始日期', mobile: '手机号码', title: '我的申报', register: '登记申报组织', uscc: '统一社会信用代码', orgName: '组织名称', industry: '行业门类', founded: '成立日期', region: '所在县（市、区）',
    usccOk: '代码校验通过', usccBad: '代码校验未通过', notBound: '登记已收到，但未能关联到本账号。如该组织此前已登记，登记单位已收到通知；请联系所在县（市、区）市场监管局核实。', start: '开始申报', form: '申报表', upload: '上传证明材料（PDF，每个不超过 20 MB）', uploaded: '已上传材料',
    notice: '单位内部公示', noticeFrom: '公示开始', noticeTo: '公示结束', noticeNote: '公示地点', attest: '本单位承诺近3年无重大质量、安全、环境事故和严重失信记录',
    submit: '提交申报', submitted: '申报已提交', eligibility: '资格条件', timeline: '办理进度', saved: '已保存', refused: '未能提交：',
  },
  county: {
    recordOpinion: '录入部门意见', department: '征求意见部门', opinionSaved: '部门意见已录入', title: '本地申报', check: '审核', pass: '通过', return: '退回', note: '意见', opinions: '部门意见', allNoObjection: '各部门均无异议',
    notice: '发布县级公示', noticeEnds: '公示至 {date}', recommend: '推荐上报', quota: '名额', rank: '推荐排序', recommendBtn: '按所选顺序推荐',
    quotaMeter: '{track}：已选 {n} / 名额 {q}', overQuota: '超出名额', xlsx: '下载推荐名单汇总表（附件8）',
  },
  expert: { title: '评审任务', score: '评分', item: '评分项', points: '满分', give: '得分', running: '当前合计', opinion: '评审意见', suggestions: '改进建议', integrity: '本人承诺公正、廉洁评审，与申报对象无利害关系', submitted: '已提交评分', recuse: '申请回避', panel: '评审组评分', reviewer: '评审人', mine: '本人' },
  office: {
    overdue: '逾期事项', overdueObjections: '逾期异议', overdueSupplements: '逾期补正', dashboard: '评选总览', timeline: '阶段进程', advance: '进入下一阶段', advanceTo: '进入「{stage}」', perCounty: '各县推荐数与名额', recommended: '已推荐', quota: '名额',
    draws: '专家抽取', commit: '发起抽取（公布承诺值）', run: '执行抽取', seedCommit: '承诺值', seed: '随机种子', sealedSeed: '请输入发起抽取时保管的随机种子（服务器不保存种子）', ranking: '排名', final: '综合得分', reason: '结论',
    publish: '发布', certificates: '颁发证书', approval: '录入市政府审批', documentNo: '批准文号', approvedOn: '批准日期', clock: '演练日期', setClock: '设定日期',
    shortlist: '确定现场评审名单', proposedNotice: '发布拟奖公示', acceptanceNotice: '发布受理公示', objections: '异议', forward: '转办', decide: '处理',
  },
  leader: { title: '排名与审议', minutes: '审议纪要', decide: '记录审议结果' },
  outcome: {
    supplements: '补正材料', requestedDue: '补正截止：', answerHint: '请说明补充的内容；如有材料，请先上传 PDF', addPdf: '上传补正材料（PDF）', answer: '提交补正答复',
    answered: '补正答复已提交', uploaded: '补正材料已上传', yourAnswer: '已答复：', sup_open: '待补正', sup_overdue: '已逾期', sup_answered: '已答复', sup_answered_late: '逾期答复',
    downloads: '评审结果与证书', verifyAt: '扫码或打开此地址查验：', certificatePdf: '下载获奖证书（PDF）', reviewStage: '评审阶段', score: '得分', reportPdf: '下载评审报告（PDF）', feedback: '评审反馈意见',
  },
  member: {
    title: '征求意见', hint: '以下是需要本单位（{unit}）出具意见的申报对象，每件出具一次。', none: '目前没有需要本单位出具意见的事项', kind_county: '县级征求意见', kind_qualification: '资格审查征求意见',
    yours: '本单位意见：', v_no_objection: '无异议', v_objection: '有异议', v_note: '说明情况', verdict: '意见', text: '意见内容', give: '提交意见', given: '意见已提交',
  },
  results: {
    progress: '评审进度', progressSummary: '已提交 {done} / {n} 份评分', expert: '评审专家', reviewed: '已评分', reason: '原因', replace: '补抽专家', replacedBy: '已由 #{id} 替换',
    recuseReason: '回避原因（如与申报对象存在利害关系）', recused: '已回避并补抽', replaced: '已补抽专家',
    a_active: '评审中', a_recused: '已回避', a_removed: '已移出专家库', a_withdrawn: '已撤回',
    title: '评审结果', summary: '共 {n} 件，其中 {f} 件专家评分分歧较大', score: '得分', totals: '各专家总分', spread: '极差 · 标准差', flag: '评分一致性',
    disagree: '分歧（{n} 个离群）', agree: '一致', perReviewer: '各专家评分分布', mean: '平均分',
  },
  qual: {
    title: '资格审查', accept: '通过', reject: '不通过', ask: '要求补正', acceptReason: '符合申报条件', accepted: '资格审查已通过', rejectReason: '请填写不通过的理由', rejected: '已记录不通过',
    askText: '请填写需要补正的材料（5个工作日内答复）', asked: '已发出补正通知', opinions: '成员单位意见', openSupplements: '待补正', supplements: '补正材料', onlyOverdue: '只看逾期', request: '补正要求', answer: '答复',
  },
  audit: {
    title: '审计日志校验', intro: '重新计算全部审计记录的哈希链，核对每一条记录未被修改、删除、插入或调换。', run: '开始校验', head: '当前链头', seq: '记录序号', hash: '哈希值',
    rows: '已校验记录数', result: '校验结果', intact: '审计链完整', broken: '审计链在第 {row} 条记录处断裂', problem: '问题',
    audit_row_missing: '记录缺失或顺序错乱（有记录被删除）', audit_payload_edited: '记录内容与其哈希不符（内容被修改）',
    audit_prev_mismatch: '与上一条记录的链接不符（有记录被删除、插入或调换）', audit_hash_mismatch: '记录哈希与其内容不符（有字段被修改）',
    audit_head_mismatch: '链头与最后一条记录不符（末尾记录被删除或链头被修改）', audit_broken: '审计链断裂',
  },
  exports: {
    title: '数据导出', intro: '本评选活动可下载的表格、报告和证书。', file: '文件', what: '内容', download: '下载',
    recommendations: '推荐名单汇总表（附件8）', recommendationsWhat: '各县（市、区）推荐上报的申报对象，身份信息已脱敏',
    reviewReports: '评审报告', certificates: '获奖证书', applications: '申报名单', applicationsWhat: '本评选活动的全部申报，可导出为 CSV',
    materialReport: '材料评审报告', onsiteReport: '现场评审报告', none: '暂无可下载的文件',
  },
  certs: { title: '获奖证书', none: '尚未颁发证书', qr: '验证二维码' },
  list: { count: '共 {n} 条' },
  pool: {
    title: '评审专家库', import: '导入专家（CSV）', importHint: '第一行为表头：编号,姓名,工作单位,地区代码,专业领域,冲突单位代码,登录账号。有错误的行会逐行列出，整批不导入。',
    file: '选择 CSV 文件', imported: '已导入 {n} 名专家', line: '行', column: '列', code: '编号', employer: '工作单位', fields: '专业领域',
    assignments: '进行中的评审', remove: '移出专家库', removeReason: '移出原因（如违反评审纪律）', removed: '已移出', active: '在库',
  },
  accounts: {
    title: '账号管理', role: '角色', create: '新建账号', login: '登录名', displayName: '姓名', unit: '单位', password: '初始密码', created: '已创建账号 {login}',
  },
  errors,
};
