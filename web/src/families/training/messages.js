// Texts of the training pages.
export default {
  'zh-CN': {
    menu: '首席质量官培训', title: '首席质量官培训', create: '新建课程', courseTitle: '课程名称', level: '层级', share: '出勤要求（%）',
    pass: '合格分数', sessions: '课次', date: '日期', starts: '开始时间', place: '地点', hours: '学时', trainees: '学员', completed: '结业',
    enrol: '报名', name: '姓名', mobile: '手机号码', uscc: '统一社会信用代码', org: '企业名称', region: '企业所在县（区）代码', ticket: '签到凭证',
    score: '考核成绩', code: '签到码', showCode: '显示签到码', complete: '结业评定', certificate: '结业证书编号', addSession: '增加课次',
    levels: { province: '省级', city: '市级', county: '县级' }, marks: { present: '出勤', late: '迟到', absent: '缺勤', excused: '请假' },
    checkinTitle: '学员签到', checkin: '签到', checkedIn: '已签到：第 {n} 次课，{mark}', verifyTitle: '结业证书查验', verify: '查验',
    validFor: '{n} 秒后更新', target: '目标 {n} 人', notCompleted: '未结业', reason: { attendance: '出勤不足', score: '成绩未达标' },
  },
  en: {
    menu: 'CQO training', title: 'Chief quality officer training', create: 'New course', courseTitle: 'Course', level: 'Level', share: 'Attendance (%)',
    pass: 'Pass mark', sessions: 'Sessions', date: 'Date', starts: 'Starts', place: 'Place', hours: 'Hours', trainees: 'Trainees', completed: 'Completed',
    enrol: 'Enrol', name: 'Name', mobile: 'Mobile', uscc: 'USCC', org: 'Enterprise', region: 'County code', ticket: 'Ticket',
    score: 'Score', code: 'Check-in code', showCode: 'Show code', complete: 'Complete the course', certificate: 'Certificate', addSession: 'Add session',
    levels: { province: 'Province', city: 'City', county: 'County' }, marks: { present: 'Present', late: 'Late', absent: 'Absent', excused: 'Excused' },
    checkinTitle: 'Check in', checkin: 'Check in', checkedIn: 'Checked in: session {n}, {mark}', verifyTitle: 'Verify a certificate', verify: 'Verify',
    validFor: 'changes in {n} s', target: 'target {n}', notCompleted: 'Not completed', reason: { attendance: 'attendance', score: 'score' },
  },
};
