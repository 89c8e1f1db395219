// Texts of the help desk pages.
export default {
  'zh-CN': {
    menu: '质量问题帮扶', title: '质量问题帮扶（解决万个质量管理难题）', record: '登记问题', organisation: '企业编号（代企业登记时填写）',
    field: '问题领域', problemTitle: '问题', detail: '问题描述', provider: '服务机构', opened: '登记日期', respondBy: '首次响应期限',
    resolveBy: '办结期限', overdueOnly: '仅看逾期', overdue: '逾期', respond: '受理答复', visit: '上门诊断', resolve: '办结',
    findings: '诊断发现', reply: '答复或办结情况', advice: '指导建议', visitDate: '诊断日期', resolution: '办结情况', assign: '指派', visits: '诊断记录',
    rateLink: '评价链接（请转交企业，无需登录）', rating: '企业评价', noProvider: '暂无服务机构，待指派', target: '目标 {n} 个',
    recorded: '已登记', resolved: '已解决', mean: '平均评价', byField: '各领域问题数', rateTitle: '评价问题办理结果',
    score: '满意度', comment: '意见', rate: '提交评价', rated: '感谢您的评价', reopen: '问题未解决，重新打开', reopenReason: '未解决的原因',
    reopened: '问题已重新打开', states: { unassigned: '待指派', assigned: '待受理', responded: '办理中', resolved: '已办结', closed: '已评价' },
  },
  en: {
    menu: 'Help desk', title: 'Quality-problem help desk', record: 'Record a problem', organisation: 'Organisation no. (on behalf)',
    field: 'Field', problemTitle: 'Problem', detail: 'Description', provider: 'Provider', opened: 'Recorded', respondBy: 'Respond by',
    resolveBy: 'Resolve by', overdueOnly: 'Overdue only', overdue: 'Overdue', respond: 'Respond', visit: 'Visit', resolve: 'Resolve',
    findings: 'Findings', reply: 'Reply or resolution', advice: 'Advice', visitDate: 'Visit date', resolution: 'Resolution', assign: 'Assign', visits: 'Visits',
    rateLink: 'Rating link (give it to the enterprise; no sign-in needed)', rating: 'Rating', noProvider: 'No provider yet', target: 'target {n}',
    recorded: 'Recorded', resolved: 'Resolved', mean: 'Mean rating', byField: 'Problems by field', rateTitle: 'Rate the resolution',
    score: 'Satisfaction', comment: 'Comment', rate: 'Send rating', rated: 'Thank you for your rating', reopen: 'Not solved: reopen', reopenReason: 'What is still wrong',
    reopened: 'The problem is open again', states: { unassigned: 'Unassigned', assigned: 'Assigned', responded: 'In progress', resolved: 'Resolved', closed: 'Rated' },
  },
};
