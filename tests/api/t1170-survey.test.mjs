// t1170-survey: the quality status survey and the benchmark comparison
// (质量状况大调查、标准比对、产品指标比对, 湘市监办发〔2022〕71号 三(四)). The
// office defines a survey as data (indicators with unit and direction,
// management systems, a further question); enterprises answer and every
// fault has its exact code; an international benchmark and an award winner
// (its own answer) are the benchmarks; the comparison gives each enterprise
// its gaps with direction and the industry its common weaknesses (行业通病);
// a gap becomes a help-desk problem in one step, linked back; nobody reads or
// writes outside the survey's region.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, cli, ok, fails, PASSWORD } from './lib/server.mjs';
import { sql, usccFor, addOrganisation } from './lib/fixture.mjs';

let srv, office, gz, county;
const ent = {}; // login -> {client, org, uscc}
let survey, answers = {};
const now = () => Date.now() * 1000;

const FORM = {
  indicators: [
    { key: 'efficiency', label: '能效', unit: '%', direction: 'higher', field: 'standardisation', min: 0, max: 100 },
    { key: 'defect', label: '出厂不良率', unit: '%', direction: 'lower', min: 0, max: 100 },
    { key: 'noise', label: '运行噪声', unit: 'dB', direction: 'lower', field: 'metrology' },
  ],
  systems: [{ key: 'iso9001', label: 'ISO 9001 质量管理体系' }, { key: 'iso14001', label: 'ISO 14001 环境管理体系' }],
  fields: [{ key: 'main_product', type: 'text', label: '主要产品', required: true }],
};

function addApplicant(login, region, n) {
  const r = cli(['user', 'add', '--db', srv.db, '--login', login, '--role', 'applicant', '--unit', `${login}公司`,
    '--region', region, '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  return region;
}

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  gz = await signedIn(srv.url, 'gzoffice');
  county = await signedIn(srv.url, 'qingcheng');
  ok(await office.post('/api/v1/clock', { today: '2022-10-10' }));
  addApplicant('ent3', '441802');
  addApplicant('ent4', '441881');
  addApplicant('winner', '441802');
  addApplicant('gzapp', '440106');
  const regions = { applicant: '441802', applicant2: '441881', ent3: '441802', ent4: '441881', winner: '441802', gzapp: '440106' };
  let n = 1;
  for (const [login, region] of Object.entries(regions)) {
    const uscc = usccFor(region, 700 + n++);
    const org = addOrganisation(srv.db, { uscc, name: `${login}制造有限公司`, region, owner: login });
    ent[login] = { client: await signedIn(srv.url, login), org, uscc };
  }
  // the winner holds a certificate of a programme already in pingxuan
  const pid = Number(sql(srv.db, "INSERT INTO programme (template, family, year, title, region, config, created_at) " +
    `VALUES ('qingyuan-quality-award-2025', 'award', 2025, '清远市政府质量奖', '441800', '{}', ${now()}) RETURNING id`));
  const app = Number(sql(srv.db, 'INSERT INTO application (programme_id, track_code, form_code, organisation_id, region, form, state, ' +
    `attest_no_record, created_at, updated_at) VALUES (${pid}, 'p', 'f', ${ent.winner.org}, '441802', '{}', 'winner', 1, ${now()}, ${now()}) RETURNING id`));
  sql(srv.db, 'INSERT INTO certificate (no, code, application_id, programme_id, holder, track_code, issued_on, sha256, created_at, status, region) ' +
    `VALUES ('QY-2025-1', 'WINCODE1', ${app}, ${pid}, 'winner', 'p', '2025-10-20', '${'ab'.repeat(32)}', ${now()}, 'valid', '441802')`);
});
after(async () => { const r = await srv.stop(); srv.cleanup(); assert.equal(r.code, 0); });

const answer = (levels, extra = {}) => ({ standards: ['GB 21455-2019'], indicators: levels, systems: ['iso9001'],
  fields: { main_product: '家用空调' }, ...extra });

test('the office defines a survey as data; a faulty definition is refused with its path', async () => {
  const bad = structuredClone(FORM);
  bad.indicators[1].direction = 'up';
  fails(await office.post('/api/v1/surveys', { title: '空调行业质量状况调查', industry: '家用空调', form: bad }), 400, 'bad_form', 'indicators[1]');
  const dup = structuredClone(FORM);
  dup.indicators[2].key = 'defect';
  fails(await office.post('/api/v1/surveys', { title: 't', industry: 'i', form: dup }), 400, 'bad_form', 'indicators[2]');
  const field = structuredClone(FORM);
  field.indicators[0].field = 'marketing';
  fails(await office.post('/api/v1/surveys', { title: 't', industry: 'i', form: field }), 400, 'bad_form', 'indicators[0]');
  fails(await office.post('/api/v1/surveys', { title: 't', industry: 'i', form: { ...FORM, fields: [{ key: 'x', type: 'colour' }] } }),
    400, 'bad_form', 'fields[0]');
  fails(await office.post('/api/v1/surveys', { title: 't', industry: 'i', weakness_pct: 0, form: FORM }), 400, 'out_of_range', 'weakness_pct');
  fails(await ent.applicant.client.post('/api/v1/surveys', { title: 't', industry: 'i', form: FORM }), 403, 'forbidden_role');
  survey = ok(await office.post('/api/v1/surveys', { title: '空调行业质量状况调查', industry: '家用空调', form: FORM }), 201).id;
  const s = ok(await office.get(`/api/v1/surveys/${survey}`));
  assert.equal(s.weakness_pct, 50);
  assert.deepEqual(s.form.indicators.map((i) => i.direction), ['higher', 'lower', 'lower']);
});

test('an enterprise answers; every fault has its exact code and field', async () => {
  const c = ent.applicant.client;
  const path = `/api/v1/surveys/${survey}/answers`;
  fails(await c.post(path, answer({ efficiency: 92.5, defect: 0.8 })), 400, 'missing_indicator', 'indicators.noise');
  fails(await c.post(path, answer({ efficiency: 92.5, defect: 0.8, noise: 38, colour: 1 })), 400, 'unknown_indicator', 'indicators.colour');
  fails(await c.post(path, answer({ efficiency: 92.5, defect: 120, noise: 38 })), 400, 'invalid_indicator', 'indicators.defect');
  fails(await c.post(path, answer({ efficiency: '92', defect: 0.8, noise: 38 })), 400, 'invalid_indicator', 'indicators.efficiency');
  fails(await c.post(path, answer({ efficiency: 92.5, defect: 0.8, noise: 38 }, { systems: ['iso9001', 'iso50001'] })), 400, 'unknown_system', 'systems[1]');
  fails(await c.post(path, answer({ efficiency: 92.5, defect: 0.8, noise: 38 }, { systems: ['iso9001', 'iso9001'] })), 400, 'unknown_system', 'systems[1]');
  fails(await c.post(path, answer({ efficiency: 92.5, defect: 0.8, noise: 38 }, { standards: ['GB\n1'] })), 400, 'invalid_standard', 'standards[0]');
  fails(await c.post(path, answer({ efficiency: 92.5, defect: 0.8, noise: 38 }, { fields: {} })), 400, 'missing_field', 'main_product');
  fails(await c.post(path, answer({ efficiency: 92.5, defect: 0.8, noise: 38 }, { colour: 'red' })), 400, 'invalid_content', 'colour');
  const levels = {
    applicant: { efficiency: 92.5, defect: 0.8, noise: 38 },
    applicant2: { efficiency: 97, defect: 0.4, noise: 45 },
    ent3: { efficiency: 90, defect: 0.2, noise: 42 },
    ent4: { efficiency: 96, defect: 0.3, noise: 40 },
    winner: { efficiency: 95, defect: 0.3, noise: 40 },
  };
  for (const [login, l] of Object.entries(levels)) {
    const extra = login === 'ent4' ? { standards: ['IEC 60335-1:2020'], systems: ['iso9001', 'iso14001'] } : {};
    answers[login] = ok(await ent[login].client.post(path, answer(l, extra))).answer;
  }
  // answering again replaces the answer
  assert.equal(ok(await c.post(path, answer(levels.applicant))).answer, answers.applicant);
  const mine = ok(await c.get(`/api/v1/surveys/${survey}`)).mine;
  assert.deepEqual(mine.content.indicators, levels.applicant);
  const list = ok(await c.get('/api/v1/surveys')).surveys;
  assert.deepEqual(list.map((s) => [s.id, s.answered]), [[survey, true]]);
});

test('benchmarks: an international product and an award winner with its own answer', async () => {
  const path = `/api/v1/surveys/${survey}/benchmarks`;
  fails(await office.post(path, { kind: 'regional', name: 'x', source: 'y', levels: { efficiency: 1 } }), 400, 'invalid_kind', 'kind');
  fails(await office.post(path, { kind: 'domestic', name: 'x', source: 'y', levels: {} }), 400, 'missing_field', 'levels');
  fails(await office.post(path, { kind: 'domestic', name: 'x', source: 'y', levels: { power: 1 } }), 400, 'unknown_indicator', 'indicators.power');
  fails(await office.post(path, { kind: 'winner', name: 'x', source: 'y', uscc: ent.ent3.uscc }), 400, 'not_winner', 'uscc');
  fails(await office.post(path, { kind: 'winner', name: 'x', source: 'y', uscc: '123' }), 400, 'invalid_uscc', 'uscc');
  const intl = ok(await office.post(path, { kind: 'international', name: '国际标杆产品A', source: 'IEC 60335 型式试验报告',
    standard: 'IEC 60335-1:2020', levels: { efficiency: 96, defect: 0.5 } }), 201);
  const win = ok(await office.post(path, { kind: 'winner', name: '清远市政府质量奖获奖企业', source: '清远市政府质量奖（2025）',
    uscc: ent.winner.uscc }), 201);
  assert.deepEqual(win.levels, { efficiency: 95, defect: 0.3, noise: 40 }, "the winner's own answer");
  const s = ok(await office.get(`/api/v1/surveys/${survey}`));
  assert.deepEqual(s.benchmarks.map((b) => [b.id, b.kind, b.uscc ?? null]), [[intl.id, 'international', null], [win.id, 'winner', ent.winner.uscc]]);
});

test('the comparison: gaps with direction against the best benchmark, and the common weaknesses', async () => {
  const r = ok(await office.get(`/api/v1/surveys/${survey}/comparison`));
  const ind = Object.fromEntries(r.indicators.map((i) => [i.key, i]));
  assert.deepEqual([ind.efficiency.target, ind.efficiency.target_from.name], [96, '国际标杆产品A']);
  assert.deepEqual([ind.defect.target, ind.defect.target_from.kind], [0.3, 'winner'], 'lower is better: the smaller wins');
  assert.deepEqual([ind.noise.target, ind.noise.target_from.kind], [40, 'winner']);
  assert.deepEqual(r.indicators.map((i) => [i.key, i.answered, i.short, i.common_weakness]),
    [['efficiency', 5, 3, true], ['defect', 5, 2, false], ['noise', 5, 2, false]]);
  assert.equal(ind.efficiency.short_pct, 60);
  assert.deepEqual(r.weaknesses, ['efficiency']);
  const mine = r.enterprises.find((e) => e.answer === answers.applicant);
  const g = Object.fromEntries(mine.gaps.map((x) => [x.key, x]));
  assert.deepEqual([g.efficiency.gap, g.efficiency.gap_pct, g.efficiency.short], [3.5, 3.6, true]);
  assert.deepEqual([g.defect.gap, g.defect.gap_pct, g.defect.short], [0.5, 166.7, true]);
  assert.deepEqual([g.noise.gap, g.noise.short], [-2, false], 'quieter than the benchmark: ahead');
  assert.equal(mine.short, 2);
  assert.equal(r.enterprises.find((e) => e.answer === answers.ent4).short, 0);
  assert.deepEqual(r.systems.map((s) => [s.key, s.held]), [['iso9001', 5], ['iso14001', 1]]);
  assert.deepEqual(Object.fromEntries(r.standards.map((s) => [s.standard, s.enterprises])), { 'GB 21455-2019': 4, 'IEC 60335-1:2020': 1 });
  // against the international benchmark alone: noise has no target, defect 0.5
  const intl = ok(await office.get(`/api/v1/surveys/${survey}`)).benchmarks[0].id;
  const one = ok(await office.get(`/api/v1/surveys/${survey}/comparison?benchmark=${intl}`));
  assert.equal(one.benchmark.name, '国际标杆产品A');
  assert.deepEqual(one.indicators.map((i) => [i.key, i.target, i.short]), [['efficiency', 96, 3], ['defect', 0.5, 1], ['noise', null, 0]]);
  fails(await office.get(`/api/v1/surveys/${survey}/comparison?benchmark=99999`), 404, 'not_found', 'benchmark');
  fails(await office.get(`/api/v1/surveys/${survey}/comparison?benchmark=x`), 400, 'out_of_range', 'benchmark');
  // the enterprise sees its own gaps only
  const own = ok(await ent.applicant.client.get(`/api/v1/surveys/${survey}/comparison`));
  assert.deepEqual(own.enterprises.map((e) => e.answer), [answers.applicant]);
  assert.deepEqual(own.weaknesses, ['efficiency'], "the industry's weaknesses count every answer");
  assert.equal(own.indicators[0].answered, 5);
  // the workbook
  const x = await office.get(`/api/v1/surveys/${survey}/comparison.xlsx`);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
});

test('a gap becomes a help-desk problem in one step, linked back and audited', async () => {
  const base = (login, key) => `/api/v1/surveys/${survey}/answers/${answers[login]}/gaps/${key}/problem`;
  const c = ent.applicant.client;
  const p = ok(await c.post(base('applicant', 'efficiency'), {}), 201);
  assert.equal(p.field, 'standardisation', "the indicator's field");
  assert.match(p.title, /能效/);
  assert.match(p.detail, /92\.5%.*96%.*3\.5%/);
  fails(await c.post(base('applicant', 'efficiency'), {}), 409, 'already_a_problem', 'ref');
  fails(await c.post(base('applicant', 'noise'), {}), 409, 'no_gap', 'indicator');
  fails(await c.post(base('applicant', 'power'), {}), 404, 'not_found', 'indicator');
  fails(await c.post(base('applicant2', 'defect'), {}), 404, 'not_found', 'answer');
  const q = ok(await office.post(base('applicant2', 'defect'), {}), 201);
  assert.equal(q.field, 'quality_management', 'the default field');
  const r = ok(await office.get(`/api/v1/surveys/${survey}/comparison`));
  const gap = (login, key) => r.enterprises.find((e) => e.answer === answers[login]).gaps.find((g) => g.key === key);
  assert.equal(gap('applicant', 'efficiency').problem, p.id);
  assert.equal(gap('applicant2', 'defect').problem, q.id);
  assert.equal(gap('applicant', 'defect').problem, null);
  const refs = sql(srv.db, "SELECT payload FROM audit WHERE action = 'helpdesk.record' ORDER BY seq").split('\n');
  assert.ok(refs.some((x) => x.includes(`survey:${survey}:${answers.applicant}:efficiency`)), refs.join('\n'));
});

test('every office route is scoped to the survey region: another region meets 404', async () => {
  const id = survey;
  fails(await gz.get(`/api/v1/surveys/${id}`), 404, 'not_found');
  fails(await gz.get(`/api/v1/surveys/${id}/comparison`), 404, 'not_found');
  fails(await gz.get(`/api/v1/surveys/${id}/comparison.xlsx`), 404, 'not_found');
  fails(await gz.post(`/api/v1/surveys/${id}/benchmarks`, { kind: 'domestic', name: 'x', source: 'y', levels: { efficiency: 99 } }), 404, 'not_found');
  fails(await gz.post(`/api/v1/surveys/${id}/answers/${answers.ent3}/gaps/efficiency/problem`, {}), 404, 'not_found');
  assert.deepEqual(ok(await gz.get('/api/v1/surveys')).surveys, []);
  fails(await ent.gzapp.client.post(`/api/v1/surveys/${id}/answers`, answer({ efficiency: 90, defect: 1, noise: 50 })), 404, 'not_found');
  fails(await ent.gzapp.client.get(`/api/v1/surveys/${id}/comparison`), 404, 'not_found');
  // the county of the region reads it, the rows of its own county; it records no benchmark
  const c = ok(await county.get(`/api/v1/surveys/${id}/comparison`));
  assert.deepEqual(c.enterprises.map((e) => e.region), ['441802', '441802', '441802']);
  assert.equal(c.indicators[0].answered, 5);
  fails(await county.post(`/api/v1/surveys/${id}/benchmarks`, { kind: 'domestic', name: 'x', source: 'y', levels: { efficiency: 99 } }), 403, 'forbidden_role');
});
