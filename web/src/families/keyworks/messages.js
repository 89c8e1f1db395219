// Texts of the key works pages.
export default {
  'zh-CN': {
    menu: { board: '重点工作看板', works: '重点工作', mine: '我牵头的重点工作' },
    board: '质量提升重点工作推进看板', works: '质量提升重点工作', mine: '我牵头的重点工作', asOf: '统计日期 {d}',
    totals: { works: '重点工作', milestones: '节点', done: '已完成', open: '未完成', overdue: '逾期' },
    seq: '序号', title: '重点工作', summary: '工作内容', lead: '牵头单位', leadName: '牵头单位名称（无账号时）', leadAccount: '牵头单位账号',
    coUnits: '配合单位', coUnitsHint: '多个单位用顿号或逗号分隔', progress: '完成进度', next: '下一节点', owners: '各牵头单位推进情况',
    overdueList: '逾期节点', none: '暂无重点工作', milestones: '工作节点', milestone: '节点', due: '截止日期', state: '状态',
    states: { open: '推进中', done: '已完成' }, doneOn: '完成日期', late: '逾期完成', overdueDays: '逾期 {n} 个工作日', left: '剩余 {n} 个工作日',
    report: '进展报送', reported: '已报送（第 {v} 版）', notReported: '未报送', markDone: '标记完成', add: '新增重点工作', addMilestone: '新增节点',
    created: '已登记重点工作', added: '已新增节点', marked: '节点已标记完成', xlsx: '导出 Excel', workdaysOverdue: '逾期工作日',
    chartDone: '已完成', chartOpen: '推进中', chartOverdue: '逾期', percent: '完成比例（%）', issues: '存在问题及下一步打算',
    progressText: '进展情况', remind: '催报', reminded: '已催报 {n} 个单位', nil: '无可报告', doneHere: '本节点已完成', send: '报送进展', sent: '已报送进展', backToList: '返回列表',
  },
  en: {
    menu: { board: 'Key works board', works: 'Key works', mine: 'Works I lead' },
    board: 'Key quality works: progress board', works: 'Key quality works', mine: 'Works my unit leads', asOf: 'As of {d}',
    totals: { works: 'Works', milestones: 'Milestones', done: 'Done', open: 'Open', overdue: 'Overdue' },
    seq: 'No.', title: 'Work', summary: 'Description', lead: 'Lead unit', leadName: 'Lead unit name (no account)', leadAccount: 'Lead unit account',
    coUnits: 'Co-units', coUnitsHint: 'Separate units with commas', progress: 'Progress', next: 'Next milestone', owners: 'Progress by lead unit',
    overdueList: 'Overdue milestones', none: 'No key works yet', milestones: 'Milestones', milestone: 'Milestone', due: 'Deadline', state: 'State',
    states: { open: 'Open', done: 'Done' }, doneOn: 'Done on', late: 'Done late', overdueDays: '{n} working days overdue', left: '{n} working days left',
    report: 'Progress report', reported: 'Reported (version {v})', notReported: 'Not reported', markDone: 'Mark done', add: 'New key work', addMilestone: 'Add milestone',
    created: 'Key work recorded', added: 'Milestone added', marked: 'Milestone marked done', xlsx: 'Export Excel', workdaysOverdue: 'Working days overdue',
    chartDone: 'Done', chartOpen: 'Open', chartOverdue: 'Overdue', percent: 'Percent done', issues: 'Issues and next steps',
    progressText: 'Progress', remind: 'Remind', reminded: '{n} units reminded', nil: 'Nothing to report', doneHere: 'This milestone is done', send: 'Send report', sent: 'Progress reported', backToList: 'Back to the list',
  },
};
