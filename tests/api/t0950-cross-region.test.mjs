// t0950-cross-region: an office of another city (广州, region 440100) meets
// Qingyuan's records. Cases are generated from the route table (`pingxuan
// routes --json`): every route an office may call with an {id} is called on
// the id of one of Qingyuan's records of that kind, and must answer 404 -
// exactly as a county meets another county's application - so that no answer
// shows a record exists. Routes the public may call answer everyone alike and
// are left out. Routes without an id (lists, creations in the caller's own
// region) are the exceptions below, each with what it must answer instead.
// A route added to the table is covered here without editing this file; a
// route that takes an id of a kind not in RECORDS fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, cli } from './lib/server.mjs';
import { sql, lit, addOrganisation, addPerson, addApplication, putStage, usccFor, accountId } from './lib/fixture.mjs';
import { createProgramme, setClock, poolCsv, expertAccounts } from './lib/award.mjs';
import { residentId } from './lib/ident.mjs';

let srv, office, gz;
const ids = {};
const now = () => Date.now() * 1000;

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  gz = await signedIn(srv.url, 'gzoffice');
  const db = srv.db;
  ids.programmes = await createProgramme(office);
  await setClock(office, '2025-11-10');
  ids.organisations = addOrganisation(db, { uscc: usccFor('441802', 1), name: '清远华星精密制造有限公司', owner: 'applicant' });
  ids.persons = addPerson(db, { name: '王芳', employer: '清远职业技术学院' });
  ids.applications = addApplication(db, { programme: ids.programmes, organisation: ids.organisations, region: '441802',
    state: 'accepted', data: { contact_mobile: { masked: '138****5678', hash: 'f0'.repeat(32) } } });
  putStage(db, ids.programmes, 'material');
  await expertAccounts(office, ['e01']);
  let r = await office.post('/api/v1/experts/import', { csv: poolCsv([['E01', '专家1', '华南理工大学', '440100', 'C', '', 'e01']]) });
  assert.equal(r.status, 201, r.text);
  ids.experts = Number(sql(db, "SELECT id FROM expert WHERE code = 'E01'"));
  r = await office.post('/api/v1/past-winners', { family: 'qingyuan-quality-award', year: 2024, uscc: usccFor('441802', 9),
    track: 'organisation', source: '清远市人民政府公告' });
  assert.equal(r.status, 201, r.text);
  ids['past-winners'] = r.json.id;
  ids.draws = Number(sql(db, 'INSERT INTO draw (programme_id, stage_code, seed_commit, committed_at) VALUES ' +
    `(${ids.programmes}, 'material', '${'ab'.repeat(32)}', ${now()}) RETURNING id`));
  ids.assignments = Number(sql(db, 'INSERT INTO assignment (draw_id, stage_code, application_id, expert_id, created_at) VALUES ' +
    `(${ids.draws}, 'material', ${ids.applications}, ${ids.experts}, ${now()}) RETURNING id`));
  ids.supplements = Number(sql(db, 'INSERT INTO supplement (application_id, request, due_on, requested_at) VALUES ' +
    `(${ids.applications}, '请补充检验报告', '2025-11-20', ${now()}) RETURNING id`));
  ids.objections = Number(sql(db, 'INSERT INTO objection (programme_id, application_id, filer_name, text, filed_on, filed_at, ' +
    `forward_due) VALUES (${ids.programmes}, ${ids.applications}, '李四', '材料不实', '2025-11-10', ${now()}, '2025-11-12') RETURNING id`));
  ids.certificates = Number(sql(db, 'INSERT INTO certificate (no, code, application_id, programme_id, holder, track_code, ' +
    `issued_on, sha256, created_at) VALUES ('QY2025-001', 'VERIFY01', ${ids.applications}, ${ids.programmes}, '清远华星', ` +
    `'organisation', '2025-11-10', '${'cd'.repeat(32)}', ${now()}) RETURNING id`));
  ids.documents = Number(sql(db, 'INSERT INTO document (application_id, purpose, sha256, name, size, mime, uploaded_by, ' +
    `uploaded_at) VALUES (${ids.applications}, 'evidence', '${'ef'.repeat(32)}', 'a.pdf', 10, 'application/pdf', 'account:1', ` +
    `${now()}) RETURNING id`));
  ids.accounts = accountId(db, 'qingcheng');
  ids.problems = Number(sql(db, 'INSERT INTO hd_problem (owner_region, organisation_id, field, title, detail, source, state, ' +
    `opened_on, respond_by, resolve_by, created_at) VALUES ('441802', ${ids.organisations}, 'metrology', '量具未检定', ` +
    `'说明', 'enterprise', 'unassigned', 20402, 20404, 20430, ${now()}) RETURNING id`));
  ids.courses = Number(sql(db, 'INSERT INTO tr_course (title, level, owner_region, share_pct, pass_score, created_at) ' +
    `VALUES ('清远市首席质量官培训班', 'city', '441800', 75, 60, ${now()}) RETURNING id`));
  ids.models = Number(sql(db, 'INSERT INTO qm_model (owner_region, uscc, org_name, region, model_name, summary, source, created_at) ' +
    `VALUES ('441800', '${usccFor('441802', 1)}', '清远华星', '441802', '华星精益模式', '说明', 'honour', ${now()}) RETURNING id`));
  sql(db, 'INSERT INTO tr_session (course_id, seq, day, starts, place, hours10, secret) VALUES ' +
    `(${ids.courses}, 1, 20402, '09:00', '清远', 30, '${'aa'.repeat(32)}')`);
  ids['report-requests'] = Number(sql(db, 'INSERT INTO report_request (region, code, title, due_on, form, created_by, ' +
    `created_at) VALUES ('441800', 'summary', '清远市质量工作总结', '2025-11-30', '{}', 'account:1', ${now()}) RETURNING id`));
  ids['report-files'] = Number(sql(db, 'INSERT INTO report_file (request_id, account_id, sha256, name, mime, size, ' +
    `uploaded_at) VALUES (${ids['report-requests']}, ${accountId(db, 'member')}, '${'ab'.repeat(32)}', 'a.png', ` +
    `'image/png', 10, ${now()}) RETURNING id`));
  ids.surveys = Number(sql(db, 'INSERT INTO sv_survey (owner_region, title, industry, weakness_pct, form, created_at) ' +
    `VALUES ('441800', '清远市陶瓷行业质量状况调查', '陶瓷', 50, '{"indicators":[{"key":"a","label":"A","unit":"","direction":"higher"}]}', ${now()}) RETURNING id`));
  ids['campaign-activities'] = Number(sql(db, 'INSERT INTO campaign_activity (programme_id, account_id, title, focus, ' +
    `starts_on, ends_on, place, organiser, description, created_at) VALUES (${ids.programmes}, ${accountId(db, 'member')}, ` +
    `'质量宣传日', '质量宣传', '2025-11-10', '2025-11-10', '清远', '清远市应急管理局', '宣传', ${now()}) RETURNING id`));
  ids['campaign-media'] = Number(sql(db, 'INSERT INTO campaign_media (programme_id, outlet, kind, title, planned_on, ' +
    `created_at) VALUES (${ids.programmes}, '清远日报', 'report', '质量宣传', '2025-11-10', ${now()}) RETURNING id`));
  ids['campaign-materials'] = Number(sql(db, 'INSERT INTO campaign_material (programme_id, kind, title, sha256, mime, size, ' +
    `created_at) VALUES (${ids.programmes}, 'photo', '现场', '${'ab'.repeat(32)}', 'image/png', 10, ${now()}) RETURNING id`));
  ids.keyworks = Number(sql(db, 'INSERT INTO kw_work (owner_region, seq, title, lead_account_id, lead_name, co_units, ' +
    `created_at) VALUES ('441800', 1, '开展企业品牌价值测评工作', ${accountId(db, 'member')}, '清远市应急管理局', '[]', ${now()}) RETURNING id`));
  sql(db, `INSERT INTO kw_milestone (work_id, seq, title, due_on, state, created_at) VALUES (${ids.keyworks}, 1, '印发方案', ` +
    `'2025-11-30', 'open', ${now()})`);
  // a contest entry is an engine application; its works are files of it
  ids['contest/entries'] = ids.applications;
  ids['contest/works'] = Number(sql(db, 'INSERT INTO contest_work (application_id, programme_id, kind, mime, sha256, name, ' +
    `size, created_at) VALUES (${ids.applications}, ${ids.programmes}, 'image', 'image/png', '${'ab'.repeat(32)}', 'a.png', 10, ` +
    `${now()}) RETURNING id`));
  ids['brand-value-rounds'] = Number(sql(db, 'INSERT INTO bv_round (owner_region, title, first_year, years, method, params, ' +
    `state, opened_on, created_at) VALUES ('441800', '清远市企业品牌价值测评', 2026, 5, 'mpeem', '{}', 'open', 20402, ${now()}) RETURNING id`));
  ids['brand-value-submissions'] = Number(sql(db, 'INSERT INTO bv_submission (round_id, organisation_id, region, data, ' +
    `submitted_at) VALUES (${ids['brand-value-rounds']}, ${ids.organisations}, '441802', '{}', ${now()}) RETURNING id`));
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

function routes() {
  const r = cli(['routes', '--json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).filter((x) => x.roles.includes('office') && !x.roles.includes('public'));
}

// The routes without an id and what an office of another region gets from each.
const EXCEPTIONS = {
  // about the caller's own session and account
  'GET /api/v1/session': 200,
  'DELETE /api/v1/session': 'skip',
  // one audit chain per deployment, its head public: any office may check it whole
  'GET /api/v1/audit/verify': (r) => assert.equal(r.json.intact, true),
  // lists of the caller's own region: 200 with none of Qingyuan's rows
  'GET /api/v1/accounts': (r) => assert.ok(r.json.accounts.every((a) => !a.region.startsWith('4418')), r.text),
  'GET /api/v1/registration-attempts': (r) => assert.deepEqual(r.json.attempts, []),
  'GET /api/v1/experts': (r) => assert.deepEqual(r.json.experts, []),
  'GET /api/v1/past-winners': (r) => assert.deepEqual(r.json.past_winners, []),
  'GET /api/v1/helpdesk/providers': (r) => assert.deepEqual(r.json.providers, []),
  'GET /api/v1/problems': (r) => assert.deepEqual([r.json.total, r.json.problems], [0, []]),
  'GET /api/v1/helpdesk/stats': (r) => assert.equal(r.json.total.recorded, 0),
  'GET /api/v1/courses': (r) => assert.deepEqual(r.json.courses, []),
  'GET /api/v1/training/stats': (r) => assert.equal(r.json.enrolled, 0),
  'GET /api/v1/honours': (r) => assert.deepEqual(r.json, { total: 0, honours: [] }),
  'GET /api/v1/targets': (r) => assert.deepEqual(r.json.totals, { models: 0, certified: 0, trained: 0, solved: 0 }),
  'GET /api/v1/models/candidates': (r) => assert.deepEqual(r.json.candidates, []),
  'GET /api/v1/keyworks': (r) => assert.deepEqual(r.json.works, []),
  'GET /api/v1/keywork-owners': (r) => assert.deepEqual(r.json.owners, []),
  'GET /api/v1/keywork-board': (r) => assert.deepEqual([r.json.totals.works, r.json.overdue], [0, []]),
  'GET /api/v1/keywork-board.xlsx': (r) => assert.match(r.headers.get('content-type'), /spreadsheetml/), // its rows: t1210
  // the NQI records of the caller's region (Qingyuan's rows and the region filter: t1250)
  'GET /api/v1/nqi/services': (r) => assert.deepEqual(r.json.services, []),
  'GET /api/v1/nqi/board': (r) => assert.equal(r.json.total, 0),
  'GET /api/v1/nqi/institutions': (r) => assert.equal(r.json.total, 0),
  'GET /api/v1/nqi/enterprises': (r) => assert.equal(r.json.total, 0),
  'GET /api/v1/surveys': (r) => assert.deepEqual(r.json.surveys, []),
  'GET /api/v1/brand-value-rounds': (r) => assert.deepEqual(r.json.rounds, []),
  // creations in the caller's region: the bodies name nothing of Qingyuan's, so
  // they are refused for their missing fields; what they create is the caller's
  // own (see the register tests below)
  'POST /api/v1/accounts': 400,
  'POST /api/v1/programmes': 400,
  'POST /api/v1/experts/import': 400,
  'POST /api/v1/past-winners': 400,
  'POST /api/v1/report-requests': 400,
  'POST /api/v1/organisations': 400,
  'POST /api/v1/persons': 400,
  'POST /api/v1/helpdesk/providers': 400,
  'POST /api/v1/problems': 400,
  'POST /api/v1/courses': 400,
  'POST /api/v1/honours/import': 400,
  'POST /api/v1/honour-lists': 400,
  'POST /api/v1/models': 400,
  'POST /api/v1/keyworks': 400,
  'POST /api/v1/nqi/import': 400,
  'POST /api/v1/nqi/institutions': 400,
  'POST /api/v1/nqi/enterprises': 400,
  'POST /api/v1/nqi/services': 400,
  'POST /api/v1/surveys': 400,
  // the local summaries: only a province office asks its cities (a city office is refused)
  'POST /api/v1/targets/summaries': 403,
  'POST /api/v1/brand-value-rounds': 400,
  // the rehearsal date is shared: only an office whose region holds every programme moves it
  'POST /api/v1/clock': 403,
};

test('every office route on an id of Qingyuan answers another region 404', async () => {
  const seen = [], wrong = [];
  for (const rt of routes()) {
    const key = `${rt.method} ${rt.pattern}`;
    const m = rt.pattern.match(/^\/api\/v1\/([a-z-]+(?:\/[a-z-]+)?)\/\{id\}/);
    let r;
    if (!m) {
      const ex = EXCEPTIONS[key];
      assert.ok(ex !== undefined, `${key} takes no id and has no documented exception`);
      if (ex === 'skip')
        continue;
      r = await gz.request(rt.method, rt.pattern, rt.method === 'GET' ? {} : { body: { today: '2025-12-01' } });
      try {
        if (typeof ex === 'number') {
          assert.equal(r.status, ex);
        } else {
          assert.equal(r.status, 200);
          ex(r);
        }
      } catch {
        wrong.push(`${key}: ${r.status} ${r.text}`);
      }
      seen.push(key);
      continue;
    }
    assert.ok(ids[m[1]], `${key}: no Qingyuan record of kind '${m[1]}' in this test`);
    const path = rt.pattern.replace('{id}', String(ids[m[1]]));
    r = await gz.request(rt.method, path, rt.method === 'GET' ? {} : { body: {} });
    if (r.status !== 404)
      wrong.push(`${key}: ${r.status} ${r.text}`);
    seen.push(key);
  }
  assert.deepEqual(wrong, [], 'routes that show another region a record exists');
  assert.ok(seen.length > 40, `only ${seen.length} routes checked`);
});

test('each office keeps its own expert pool', async () => {
  let r = await gz.post('/api/v1/experts/import', { csv: poolCsv([['G01', '广州专家', '中山大学', '440100', 'C', '', '']]) });
  assert.equal(r.status, 201, r.text);
  r = await gz.get('/api/v1/experts');
  assert.deepEqual(r.json.experts.map((e) => e.code), ['G01']);
  r = await office.get('/api/v1/experts');
  assert.deepEqual(r.json.experts.map((e) => e.code), ['E01']);
  const g01 = Number(sql(srv.db, "SELECT id FROM expert WHERE code = 'G01'"));
  r = await office.post(`/api/v1/experts/${g01}/remove`, { reason: '违反评审纪律' });
  assert.equal(r.status, 404, r.text);
});

test('past winners are kept, listed and removed by the office of their region only', async () => {
  let r = await gz.post('/api/v1/past-winners', { family: 'qingyuan-quality-award', year: 2024,
    uscc: usccFor('441802', 1), track: 'organisation', source: '广州市公告' });
  assert.equal(r.status, 201, r.text);
  const foreign = r.json.id;
  assert.equal(sql(srv.db, `SELECT owner_region FROM past_winner WHERE id = ${foreign}`), '440100');
  r = await office.get('/api/v1/past-winners');
  assert.deepEqual(r.json.past_winners.map((w) => w.id), [ids['past-winners']]);
  assert.equal(r.json.past_winners[0].uscc_masked.length, 18);
  assert.ok(r.json.past_winners[0].uscc_masked.includes('*'));
  r = await office.post(`/api/v1/past-winners/${foreign}/remove`, { reason: '录入错误' });
  assert.equal(r.status, 404, r.text);
  r = await gz.post(`/api/v1/past-winners/${foreign}/remove`, { reason: '录入错误' });
  assert.equal(r.status, 200, r.text);
  r = await gz.get('/api/v1/past-winners');
  assert.deepEqual(r.json.past_winners, []);
  r = await office.post(`/api/v1/past-winners/${ids['past-winners']}/remove`, {});
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'missing_field');
});

test('only an office whose region holds every programme moves the rehearsal date', async () => {
  let r = await gz.post('/api/v1/clock', { today: '2025-12-01' });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'clock_shared');
  r = await office.post('/api/v1/clock', { today: '2025-11-11' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.today, '2025-11-11');
});

test('an expert reads the mobile numbers of an application only masked', async () => {
  const e01 = await signedIn(srv.url, 'e01');
  const r = await e01.get('/api/v1/reviews/mine');
  assert.equal(r.status, 200, r.text);
  const mine = r.json.assignments.find((x) => x.application.id === ids.applications);
  assert.equal(mine.application.form.contact_mobile, '138****5678');
  assert.ok(!r.text.includes('f0'.repeat(32)), 'no keyed hash in the answer');
});

test('an applicant account cannot test registrations without limit', async () => {
  const probe = await signedIn(srv.url, 'applicant2');
  const body = { uscc: usccFor('441802', 1), name: '探测', industry: 'C', region: '441881', founded_on: '2010-01-01' };
  for (let i = 0; i < 10; i++) {
    const r = await probe.post('/api/v1/organisations', body);
    assert.equal(r.status, 202, r.text); // as for a new one (t0260)
  }
  const r = await probe.post('/api/v1/organisations', body);
  assert.equal(r.status, 429, r.text);
  assert.equal(r.json.error.code, 'rate_limited');
  assert.ok(Number(r.headers.get('retry-after')) > 0);
});
