// English, the second language of the UI. Error codes without an English
// text show the server's own (English) message.
export default {
  app: { name: 'Awards', org: 'Qingyuan Quality Office' },
  nav: {
    qualification: 'Qualification', results: 'Results', certificates: 'Certificates', opinions: 'Opinions', experts: 'Experts', accounts: 'Accounts', home: 'Home', programmes: 'Programmes', notices: 'Notices', winners: 'Winners', verify: 'Verify certificate', signIn: 'Sign in', signOut: 'Sign out',
    todo: 'My tasks', apply: 'My application', county: 'Applications', recommend: 'Recommend', reviews: 'Reviews', dashboard: 'Dashboard',
    ranking: 'Ranking', objections: 'Objections', language: '中文', audit: 'Audit verify', exports: 'Exports',
  },
  role: { office: 'Office', leader: 'Leadership group', county: 'County', member: 'Member unit', expert: 'Expert', applicant: 'Applicant', admin: 'Administrator' },
  state: {
    proposed: 'Proposed', not_proposed: 'Not proposed', withdrawn: 'Withdrawn', draft: 'Draft', submitted: 'Submitted', returned: 'Returned', county_checked: 'Checked by county', recommended: 'Recommended', not_recommended: 'Not recommended',
    accepted: 'Accepted', rejected: 'Rejected', shortlisted: 'Shortlisted', not_shortlisted: 'Not shortlisted', placed: 'Placed', winner: 'Winner',
    disqualified: 'Disqualified', open: 'Open', closed: 'Closed', pending: 'Pending',
  },
  common: {
    search: 'Search', reset: 'Reset', export: 'Export', actions: 'Actions', view: 'View', save: 'Save', submit: 'Submit', cancel: 'Cancel', confirm: 'Confirm',
    name: 'Name', state: 'State', region: 'Region', track: 'Track', date: 'Date', total: 'Total', loading: 'Loading…', empty: 'Nothing yet',
    workdaysLeft: '{n} working days left', overdue: 'overdue', ended: 'ended', today: 'today', due: 'due', back: 'Back', refresh: 'Refresh', detail: 'Details', confirmTitle: 'Please confirm', xlsxChosen: 'Excel file chosen: {name} (its first sheet is read)',
  },
  signIn: { title: 'Sign in', login: 'Login', password: 'Password', submit: 'Sign in', required: 'Enter login and password', demo: 'Demo password: pingxuan-demo' },
  todo: {
    office_qualification: 'Qualification and requests for more', office_results: 'Review results and disagreements', office_certificates: 'Issue and publish the certificates', title: 'My tasks', none: 'Nothing waits for you', stage: 'Current stage: {stage}',
    applicant_draft: 'Complete the form, upload evidence and submit', applicant_supplement: 'Answer the request for more material', applicant_certificate: 'Download the certificate',
    county_check: 'Check applications ({n} waiting)', county_recommend: 'Recommend (quota {quota})', county_objections: 'Answer forwarded objections ({n})',
    expert_review: 'Score applications ({n})', office_stage: 'Advance the programme', office_objections: 'Objections to forward ({n})', leader_ranking: 'Deliberate on the ranking',
    member_opinions: 'Give department opinions', family_page: 'Open: {page}', county_overview: "See the county's applications and how they fared", expert_done: "See your submitted reviews and the panel's", expert_not_drawn: 'Not drawn to review this programme: read its notices', member_published: 'Read the notices and the winners (no opinion asked at this stage)',
  },
  pub: {
    programmes: 'Programmes', stages: 'Stages', opens: 'Opens', closes: 'Closes', notices: 'Notices', period: 'Period', chainHead: 'Audit chain head', objection: 'File an objection',
    winners: 'Winners', vacant: '{n} vacant', verify: 'Verify a certificate', code: 'Code', verifyBtn: 'Verify', valid: 'Valid certificate', invalid: 'Not valid',
    holder: 'Holder', award: 'Award', certNo: 'Certificate no.', issued: 'Issued', objName: 'Name', objContact: 'Phone', objText: 'Objection', objEvidence: 'Evidence',
    objDone: 'Objection received; to be forwarded by {date}', noNotices: 'No notices', noWinners: 'Winners not published yet', list: 'List',
  },
  apply: {
    asOrganisation: 'An organisation', asPerson: 'A person', idNumber: 'Resident ID number', personName: 'Name', employer: 'Employer', qualitySince: 'In quality work since', mobile: 'Mobile',
    title: 'My application', register: 'Register the organisation', uscc: 'Unified social credit code', orgName: 'Name', industry: 'Industry', founded: 'Founded on', region: 'County',
    usccOk: 'Code checks out', usccBad: 'Code does not check out', notBound: 'Registration received but not bound to this account. If the organisation was registered before, its registrant has been told; please ask your county market regulation bureau.', start: 'Start the application', form: 'Form', upload: 'Evidence (PDF, 20 MB each)', uploaded: 'Uploaded',
    notice: 'Internal notice', noticeFrom: 'From', noticeTo: 'To', noticeNote: 'Where', attest: 'We attest no serious quality, safety or environmental incident and no serious dishonesty record in 3 years',
    submit: 'Submit', submitted: 'Submitted', eligibility: 'Eligibility', timeline: 'Progress', saved: 'Saved', refused: 'Not submitted: ',
  },
  county: {
    recordOpinion: 'Record an opinion', department: 'Department', opinionSaved: 'Opinion recorded', title: 'Applications', check: 'Check', pass: 'Pass', return: 'Return', note: 'Note', opinions: 'Opinions', allNoObjection: 'No objection from all departments',
    notice: 'Publish county notice', noticeEnds: 'Notice until {date}', recommend: 'Recommend', quota: 'Quota', rank: 'Rank', recommendBtn: 'Recommend in this order',
    quotaMeter: '{track}: {n} chosen / quota {q}', overQuota: 'over quota', xlsx: 'Download summary table (attachment 8)',
  },
  expert: { title: 'Reviews', score: 'Score', item: 'Item', points: 'Max', give: 'Points', running: 'Running total', opinion: 'Opinion', suggestions: 'Suggestions', integrity: 'I review impartially and have no interest in the applicant', submitted: 'Submitted', recuse: 'Recuse', panel: "The panel's reviews", reviewer: 'Reviewer', mine: 'mine' },
  office: {
    overdue: 'Overdue', overdueObjections: 'Overdue objections', overdueSupplements: 'Overdue requests', dashboard: 'Dashboard', timeline: 'Stages', advance: 'Advance', advanceTo: 'Advance to “{stage}”', perCounty: 'Recommended per county vs quota', recommended: 'Recommended', quota: 'Quota',
    draws: 'Expert draws', commit: 'Commit a draw', run: 'Run the draw', seedCommit: 'Commitment', seed: 'Seed', sealedSeed: 'The sealed seed handed out at the commitment (the server does not keep it)', ranking: 'Ranking', final: 'Final', reason: 'Result',
    publish: 'Publish', certificates: 'Issue certificates', approval: 'Record approval', documentNo: 'Document no.', approvedOn: 'Approved on', clock: 'Rehearsal date', setClock: 'Set date',
    shortlist: 'Shortlist', proposedNotice: 'Publish proposed winners', acceptanceNotice: 'Publish acceptance notice', objections: 'Objections', forward: 'Forward', decide: 'Decide',
  },
  leader: { title: 'Ranking and deliberation', minutes: 'Minutes', decide: 'Record the decision' },
  outcome: {
    supplements: 'Requests for more material', requestedDue: 'Due: ', answerHint: 'Say what you add; upload the PDFs first', addPdf: 'Upload material (PDF)', answer: 'Send the answer',
    answered: 'Answer sent', uploaded: 'Material uploaded', yourAnswer: 'Answered: ', sup_open: 'Open', sup_overdue: 'Overdue', sup_answered: 'Answered', sup_answered_late: 'Answered late',
    downloads: 'Results and certificate', verifyAt: 'Scan or open to verify: ', certificatePdf: 'Download the certificate (PDF)', reviewStage: 'Review stage', score: 'Score', reportPdf: 'Review report (PDF)', feedback: 'Feedback',
  },
  member: {
    title: 'Opinions asked', hint: 'The applications your unit ({unit}) is asked about, each answered once.', none: 'Nothing asked of your unit now', kind_county: 'County consultation', kind_qualification: 'Qualification review',
    yours: 'Your opinion: ', v_no_objection: 'No objection', v_objection: 'Objection', v_note: 'Note', verdict: 'Opinion', text: 'Text', give: 'Give the opinion', given: 'Opinion recorded',
  },
  results: {
    progress: 'Review progress', progressSummary: '{done} of {n} sheets submitted', expert: 'Expert', reviewed: 'scored', reason: 'Reason', replace: 'Draw a replacement', replacedBy: 'replaced by #{id}',
    recuseReason: 'Reason for the recusal (e.g. a conflict of interest)', recused: 'Recused; replacement drawn', replaced: 'Replacement drawn',
    a_active: 'Reviewing', a_recused: 'Recused', a_removed: 'Removed from pool', a_withdrawn: 'Withdrawn',
    title: 'Review results', summary: '{n} applications, {f} with reviewers disagreeing', score: 'Score', totals: 'Reviewers\' totals', spread: 'Range · SD', flag: 'Agreement',
    disagree: 'Disagree ({n} outliers)', agree: 'Agree', perReviewer: 'Scores by reviewer', mean: 'Mean',
  },
  qual: {
    title: 'Qualification', accept: 'Accept', reject: 'Reject', ask: 'Ask for more', acceptReason: 'Meets the conditions', accepted: 'Accepted', rejectReason: 'Reason for rejecting', rejected: 'Rejection recorded',
    askText: 'What material is needed (answer within 5 working days)', asked: 'Request sent', opinions: 'Member opinions', openSupplements: 'Open requests', supplements: 'Requests for more material', onlyOverdue: 'Overdue only', request: 'Request', answer: 'Answer',
  },
  audit: {
    title: 'Audit log verification', intro: 'Recompute the hash chain of every audit record: none edited, deleted, inserted or moved.', run: 'Verify', head: 'Chain head', seq: 'Record no.', hash: 'Hash',
    rows: 'Records verified', result: 'Result', intact: 'The audit chain is intact', broken: 'The audit chain breaks at record {row}', problem: 'Problem',
    audit_row_missing: 'a record is missing or out of order (deleted)', audit_payload_edited: 'the content does not match its hash (edited)',
    audit_prev_mismatch: 'the link to the previous record does not match (deleted, inserted or moved)', audit_hash_mismatch: 'the hash does not match the record (edited)',
    audit_head_mismatch: 'the head does not name the last record (records cut off, or the head edited)', audit_broken: 'the chain is broken',
  },
  exports: {
    title: 'Exports', intro: "The programme's tables, reports and certificates to download.", file: 'File', what: 'Contents', download: 'Download',
    recommendations: 'Recommendation summary (attachment 8)', recommendationsWhat: "The counties' recommendations, identifiers masked",
    reviewReports: 'Review reports', certificates: 'Certificates', applications: 'Applications', applicationsWhat: "All of the programme's applications, exported as CSV",
    materialReport: 'Material review report', onsiteReport: 'On-site review report', none: 'Nothing to download yet',
  },
  certs: { title: 'Certificates', none: 'No certificates issued yet', qr: 'QR code' },
  list: { count: '{n} in all' },
  pool: {
    title: 'Expert pool', import: 'Import experts (CSV)', importHint: 'Header row: code,name,employer,region,fields,conflicts,login. Rows with faults are listed one by one and nothing is imported.',
    file: 'Choose a CSV file', imported: '{n} experts imported', line: 'Line', column: 'Column', code: 'Code', employer: 'Employer', fields: 'Fields',
    assignments: 'Open reviews', remove: 'Remove from the pool', removeReason: 'Reason (e.g. broke the review rules)', removed: 'Removed', active: 'In the pool',
  },
  accounts: {
    title: 'Accounts', role: 'Role', create: 'New account', login: 'Login', displayName: 'Name', unit: 'Unit', password: 'Initial password', created: 'Account {login} created',
  },
  errors: {},
};
