// t0610-draw-review: the material review of the Qingyuan 2025 award (seed
// 004 七(四), 七(五), 十(四)). The office imports the expert pool, commits to
// a seed, publishes the commitment, runs the double-random draw, and anyone
// re-checks it with `pingxuan verify-draw`. Panels keep the constraints (no
// reviewer of the applicant's own organisation, one per employer, declared
// conflicts respected); a reviewer recuses and a recorded replacement draw
// fills the place; a reviewer who breaks discipline is removed and replaced.
// Experts see and score only their assignments against the rubric, read the
// panel only after their own review, and the stage closes when every review
// is in, with the results, the review reports and the shortlist with
// feedback to the others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signedIn, Client, cli } from './lib/server.mjs';
import { sql, addOrganisation, addPerson, addApplication, putStage, usccFor, editConfig } from './lib/fixture.mjs';
import { createProgramme, setClock, sheet, expertAccounts, applicantAccount, poolCsv } from './lib/award.mjs';

let srv, office, pid, draw;
const org = {}, app = {}, ref = {};
const EXPERTS = 10;
const login = (i) => `e${String(i).padStart(2, '0')}`;
const code = (i) => `E${String(i).padStart(2, '0')}`;

// The pool: E01 works for 华星 (an applicant), E02 and E03 share an employer
// with the individual applicant 王芳, E04 declares a conflict with 绿源.
function pool() {
  const employers = ['清远华星精密制造(集团)有限公司', '清远职业技术学院', '清远职业技术学院', '广东省质量技术研究院',
    '华南理工大学', '广州质量协会', '中山大学', '暨南大学', '广东工业大学', '深圳标准技术研究院'];
  return employers.map((emp, i) => [code(i + 1), `专家${i + 1}`, emp, i % 2 ? '440100' : '441800', 'C;M',
    i === 3 ? org.lyUscc : '', login(i + 1)]);
}

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  pid = await createProgramme(office);
  await expertAccounts(office, Array.from({ length: EXPERTS }, (_, i) => login(i + 1)));
  const db = srv.db;
  org.lyUscc = usccFor('441881', 2);
  org.hx = addOrganisation(db, { uscc: usccFor('441802', 1), name: '清远华星精密制造（集团）有限公司', region: '441802' });
  org.ly = addOrganisation(db, { uscc: org.lyUscc, name: '英德市绿源茶业股份有限公司', industry: 'A', region: '441881', owner: 'applicant2' });
  org.sd = addOrganisation(db, { uscc: usccFor('441821', 3), name: '佛冈县盛达建筑工程有限公司', industry: 'E', region: '441821' });
  org.qy = addOrganisation(db, { uscc: usccFor('441803', 4), name: '清新区清源食品有限公司', region: '441803', owner: 'applicant' });
  const wang = addPerson(db, { name: '王芳', employer: ' 清远职业技术学院\u3000', region: '441802' });
  const chen = addPerson(db, { name: '陈建国', employer: '英德市绿源茶业股份有限公司', region: '441881' });
  app.hx = addApplication(db, { programme: pid, organisation: org.hx, region: '441802', state: 'accepted' });
  app.ly = addApplication(db, { programme: pid, organisation: org.ly, region: '441881', state: 'accepted', form: 'service' });
  app.sd = addApplication(db, { programme: pid, organisation: org.sd, region: '441821', state: 'accepted', form: 'construction' });
  app.qy = addApplication(db, { programme: pid, organisation: org.qy, region: '441803', state: 'accepted' });
  app.wang = addApplication(db, { programme: pid, person: wang, region: '441802', state: 'accepted' });
  app.chen = addApplication(db, { programme: pid, person: chen, region: '441881', state: 'accepted' });
  app.rejected = addApplication(db, { programme: pid, organisation: addOrganisation(db,
    { uscc: usccFor('441882', 5), name: '连州市某公司', region: '441882' }), region: '441882', state: 'rejected' });
  for (const [k, v] of Object.entries(app)) ref[k] = `A${v}`;
  putStage(db, pid, 'material');
  await setClock(office, '2025-11-10');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const panels = () => Object.fromEntries(draw.result.assignments.map((a) => [a.application, a.experts]));
// The matching rule of docs/award.md: white space dropped, full-width parentheses as ASCII.
const nameKey = (n) => n.replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')');
const employerOf = (c) => nameKey(pool().find((r) => r[0] === c)[2]);

test('an import with a bad row imports nothing and names every bad row', async () => {
  const rows = pool();
  const bad = [rows[0], [...rows[1]], [...rows[2]], [...rows[3]], [...rows[4]]];
  bad[1][3] = '441899';              // line 3: no such division
  bad[2][5] = '91441802MA00000018';  // line 4: wrong check character
  bad[3][0] = 'E01';                 // line 5: duplicate code
  bad[4][6] = 'nobody';              // line 6: no such account
  const r = await office.post('/api/v1/experts/import', { csv: poolCsv(bad) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'invalid_rows');
  assert.deepEqual(r.json.error.rows.map((e) => [e.line, e.column, e.code]), [
    [3, 'region', 'unknown_region'], [4, 'conflicts', 'invalid_uscc'], [5, 'code', 'duplicate_code'],
    [6, 'login', 'unknown_login']]);
  assert.deepEqual((await office.get('/api/v1/experts')).json.experts, []);
  const county = await signedIn(srv.url, 'qingcheng');
  assert.equal((await county.post('/api/v1/experts/import', { csv: poolCsv(rows) })).status, 403);
});

test('the first part of the pool is imported with its fields and bound accounts', async () => {
  const r = await office.post('/api/v1/experts/import', { csv: poolCsv(pool().slice(0, 2)) });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.experts, ['E01', 'E02']);
  const e02 = (await office.get('/api/v1/experts')).json.experts.find((e) => e.code === 'E02');
  assert.deepEqual([e02.fields, e02.login, e02.active], [['C', 'M'], 'e02', true]);
});

test('a pool that cannot cover the stage names the application and is not committed to', async () => {
  let r = await office.post(`/api/v1/programmes/${pid}/draws`, { stage: 'onsite' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'wrong_stage']);
  r = await office.post(`/api/v1/programmes/${pid}/draws`, { stage: 'shortlist' });
  assert.deepEqual([r.status, r.json.error.code], [400, 'not_review_stage']);
  r = await office.post(`/api/v1/programmes/${pid}/draws`, { stage: 'material' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_infeasible']);
  assert.match(r.json.error.field, /^A\d+$/);
  assert.match(r.json.error.message, /needs 3 reviewers from distinct employers/);
  assert.deepEqual((await new Client(srv.url).get(`/api/v1/programmes/${pid}/draws`)).json.draws, []);
  r = await office.post('/api/v1/experts/import', { csv: poolCsv(pool().slice(2)) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.imported, EXPERTS - 2);
  const e04 = (await office.get('/api/v1/experts')).json.experts.find((e) => e.code === 'E04');
  assert.deepEqual(e04.conflicts.map((k) => [k.target, k.organisation, k.source]), [[org.lyUscc, org.ly, 'imported']]);
  r = await office.post('/api/v1/experts/import', { csv: poolCsv(pool().slice(0, 1)) });
  assert.deepEqual(r.json.error.rows.map((e) => e.code), ['expert_exists', 'login_bound']);
});

test('the commitment to the seed and the inputs is published before the draw; the seed stays sealed', async () => {
  let r = await office.post(`/api/v1/programmes/${pid}/draws`, { stage: 'material' });
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.seed_commit, /^[0-9a-f]{64}$/);
  assert.match(r.json.inputs_hash, /^[0-9a-f]{64}$/);
  const { id, seed } = r.json;
  const pub = await new Client(srv.url).get(`/api/v1/draws/${id}`);
  assert.equal(pub.status, 200);
  assert.deepEqual([pub.json.state, pub.json.seed_commit, pub.json.inputs_hash, pub.json.seed, pub.json.result],
    ['committed', r.json.seed_commit, r.json.inputs_hash, null, null]);
  r = await office.post(`/api/v1/programmes/${pid}/draws`, { stage: 'material' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_pending'], 'no second seed while one waits');
  const county = await signedIn(srv.url, 'qingcheng');
  assert.equal((await county.post(`/api/v1/draws/${id}/run`, { seed })).status, 403);
  draw = { id, seed, seed_commit: pub.json.seed_commit, committed_hash: pub.json.inputs_hash };
});

test('the draw runs, is published in full, and pingxuan verify-draw re-checks it: OK', async () => {
  let r = await office.post(`/api/v1/draws/${draw.id}/run`, { seed: draw.seed });
  assert.equal(r.status, 200, r.text);
  r = await new Client(srv.url).get(`/api/v1/draws/${draw.id}`);
  Object.assign(draw, r.json);
  assert.equal(draw.state, 'drawn');
  assert.match(draw.seed, /^[0-9a-f]{64}$/);
  assert.equal(createHash('sha256').update(Buffer.from(draw.seed, 'hex')).digest('hex'), draw.seed_commit,
    'the revealed seed opens the commitment published before');
  assert.equal(draw.result.inputs_hash, draw.inputs_hash);
  assert.equal(draw.inputs_hash, draw.committed_hash, 'the draw ran on the inputs committed to');
  const order = sql(srv.db, `SELECT action FROM audit WHERE object = 'draw:${draw.id}' ORDER BY seq`).split('\n');
  assert.deepEqual(order, ['draw.commit', 'draw.run']);
  // the input in the format of data/examples/draw-input.json, without personal data
  assert.deepEqual(Object.keys(draw.input).sort(), ['applications', 'constraints', 'experts', 'max_load', 'meta', 'panel']);
  assert.deepEqual([draw.input.panel, draw.input.max_load, draw.input.constraints],
    [3, 8, { field_match: false, other_region: false }]);
  assert.deepEqual(draw.input.applications.map((a) => a.id).sort(),
    [ref.hx, ref.ly, ref.sd, ref.qy, ref.wang, ref.chen].sort(), 'accepted applications only');
  const text = JSON.stringify(draw.input);
  for (const name of ['王芳', '陈建国', '华星', '专家1', '清远职业技术学院'])
    assert.ok(!text.includes(name), `no '${name}' in the published input`);
  const dir = srv.dir;
  writeFileSync(join(dir, 'input.json'), JSON.stringify(draw.input));
  writeFileSync(join(dir, 'result.json'), JSON.stringify(draw.result));
  const v = cli(['verify-draw', '--input', join(dir, 'input.json'), '--seed', draw.seed, '--commit', draw.seed_commit,
    '--result', join(dir, 'result.json')]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /^OK/);
  const forged = { ...draw.result, assignments: draw.result.assignments.map((a, i) => (i ? a : { ...a, experts: [...a.experts].reverse() })) };
  writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
  const f = cli(['verify-draw', '--input', join(dir, 'input.json'), '--seed', draw.seed, '--commit', draw.seed_commit,
    '--result', join(dir, 'forged.json')]);
  assert.equal(f.status, 1, 'a changed assignment does not verify');
  r = await office.post(`/api/v1/draws/${draw.id}/run`, { seed: draw.seed });
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_done']);
});

test('the panels keep the constraints: own organisation, one per employer, declared conflicts', async () => {
  const p = panels();
  for (const [a, experts] of Object.entries(p)) {
    assert.equal(experts.length, 3, a);
    const employers = experts.map(employerOf);
    assert.equal(new Set(employers).size, 3, `one reviewer per employer on ${a}: ${experts}`);
  }
  assert.ok(!p[ref.hx].includes('E01'), 'E01 works for 华星 (written with ASCII parentheses): never on its panel');
  assert.ok(!p[ref.ly].includes('E04'), 'E04 declared a conflict with 绿源');
  assert.ok(!p[ref.wang].includes('E02') && !p[ref.wang].includes('E03'),
    "E02 and E03 work where 王芳 works (her employer written with stray spaces)");
  const hx = draw.input.applications.find((a) => a.id === ref.hx);
  assert.equal(draw.input.experts.find((e) => e.id === 'E01').employer, hx.organisation);
  const chen = draw.input.applications.find((a) => a.id === ref.chen);
  assert.equal(chen.organisation, `O${org.ly}`, "陈建国's employer is the registered 绿源");
  assert.ok(draw.input.experts.find((e) => e.id === 'E04').conflicts.includes(`O${org.ly}`));
  const experts = (await office.get('/api/v1/experts')).json.experts;
  assert.deepEqual(experts.find((e) => e.code === 'E01').conflicts.map((k) => [k.organisation, k.source]),
    [[org.hx, 'detected']], 'the employer match is recorded as a detected conflict');
});

test('an expert sees only their own active assignments, with the form and the rubric', async () => {
  const p = panels();
  const mineOf = (c) => Object.entries(p).filter(([, e]) => e.includes(c)).map(([a]) => a).sort();
  // the seed is sealed until the run, so who sits on a panel differs from run to run:
  // take an expert the draw gave at least one panel (expert logins are their codes in lower case)
  const code = [...new Set(Object.values(p).flat())].sort()[0];
  const expert = await signedIn(srv.url, code.toLowerCase());
  const r = await expert.get('/api/v1/reviews/mine');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.expert, code);
  assert.deepEqual(r.json.assignments.map((x) => x.application.ref).sort(), mineOf(code));
  const one = r.json.assignments[0];
  assert.equal(one.stage, 'material');
  assert.ok(one.rubric in r.json.rubrics);
  assert.equal(one.review, null);
  const others = pool().map((row) => row[0]).filter((c) => c !== code);
  assert.ok(others.every((c) => !JSON.stringify(r.json).includes(`"${c}"`)), 'no other expert is named');
  const unbound = await signedIn(srv.url, 'expert');
  assert.deepEqual((await unbound.get('/api/v1/reviews/mine')).json.assignments, []);
  assert.equal((await office.get('/api/v1/reviews/mine')).status, 403);
  // someone else's assignment cannot be scored
  const other = sql(srv.db, `SELECT x.id FROM assignment x JOIN expert e ON e.id = x.expert_id WHERE e.code <> '${code}' AND x.state = 'active' LIMIT 1`);
  const s = await expert.post(`/api/v1/assignments/${other}/review`, { scores: {}, opinion: 'x', suggestions: 'x', integrity: true });
  assert.equal(s.status, 404);
});

test('a recusal draws a replacement that keeps the constraints, recorded as a draw anyone can recompute', async () => {
  const before = panels();
  const withdrawn = before[ref.qy][0];
  const x = sql(srv.db, `SELECT x.id FROM assignment x JOIN expert e ON e.id = x.expert_id ` +
    `WHERE e.code = '${withdrawn}' AND x.application_id = ${app.qy} AND x.state = 'active'`);
  const expert = await signedIn(srv.url, withdrawn.toLowerCase());
  let r = await expert.post(`/api/v1/assignments/${x}/recuse`, { reason: '本人近三年曾为该企业提供咨询服务' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'recused');
  assert.equal(r.json.replacement_error, null);
  const chosen = r.json.replacement.expert;
  const remaining = before[ref.qy].slice(1);
  assert.ok(chosen !== withdrawn && !remaining.includes(chosen));
  assert.ok(!remaining.map(employerOf).includes(employerOf(chosen)), 'the replacement keeps one reviewer per employer');
  // the replacement draw is published and recomputable
  const rep = (await new Client(srv.url).get(`/api/v1/draws/${r.json.replacement.draw}`)).json;
  assert.equal(rep.replaces, draw.id);
  assert.deepEqual([rep.replacement.n, rep.replacement.application, rep.replacement.withdrawn, rep.replacement.previous],
    [1, ref.qy, withdrawn, draw.id]);
  const derived = createHash('sha256').update(Buffer.concat([Buffer.from('px-draw-replace-v1\0'),
    Buffer.from(draw.seed, 'hex'), Buffer.from([0, 0, 0, 1])])).digest('hex');
  assert.equal(rep.seed, derived, 'the seed is the first derived seed of the draw');
  assert.equal(createHash('sha256').update(Buffer.from(rep.seed, 'hex')).digest('hex'), rep.seed_commit);
  const after = Object.fromEntries(rep.result.assignments.map((a) => [a.application, a.experts]));
  for (const a of Object.keys(before))
    if (a !== ref.qy) assert.deepEqual(after[a], before[a], 'other panels do not move');
  assert.deepEqual(after[ref.qy], [chosen, ...remaining]);
  const qy = rep.input.applications.find((a) => a.id === ref.qy);
  assert.ok(rep.input.experts.find((e) => e.id === withdrawn).conflicts.includes(qy.organisation),
    'the recusal is a conflict in the replacement input');
  const audit = sql(srv.db, `SELECT action FROM audit WHERE object IN ('assignment:${x}', 'draw:${rep.id}') ORDER BY seq`);
  assert.deepEqual(audit.split('\n'), ['assignment.recused', 'draw.replace']);
  r = await expert.post(`/api/v1/assignments/${x}/recuse`, { reason: 'again' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'assignment_inactive']);
  draw.result = rep.result;
});

test('an expert removed for breaking discipline is replaced on every open panel and drawn no more', async () => {
  const p = panels();
  // The expert on the most open panels: the seed decides who that is.
  const seats = Object.values(p).flat();
  const removed = [...new Set(seats)].sort((a, b) => seats.filter((c) => c === b).length
    - seats.filter((c) => c === a).length || a.localeCompare(b))[0];
  const open = Object.entries(p).filter(([, e]) => e.includes(removed)).map(([a]) => a);
  const id = (await office.get('/api/v1/experts')).json.experts.find((e) => e.code === removed).id;
  let r = await office.post(`/api/v1/experts/${id}/remove`, { reason: '接受申报企业宴请，违反评审纪律' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.active, false);
  assert.deepEqual(r.json.withdrawn.map((w) => `A${w.application}`).sort(), open.sort());
  assert.ok(r.json.withdrawn.every((w) => w.state === 'removed' && w.replacement && w.replacement.expert !== removed));
  const last = r.json.withdrawn.at(-1).replacement.draw;
  draw.result = (await new Client(srv.url).get(`/api/v1/draws/${last}`)).json.result;
  assert.ok(!Object.values(panels()).flat().includes(removed));
  assert.ok(open.length > 0);
  const gone = await signedIn(srv.url, removed.toLowerCase());
  assert.deepEqual((await gone.get('/api/v1/reviews/mine')).json.assignments, []);
  r = await office.post(`/api/v1/experts/${id}/remove`, { reason: 'again' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'already_removed']);
});

// The totals each application's panel gives (points on its rubric): 华星 has an outlier.
const targets = () => ({
  [ref.hx]: [820, 830, 500], [ref.ly]: [760, 770, 780], [ref.sd]: [600, 610, 620], [ref.qy]: [700, 700, 700],
  [ref.wang]: [88, 90, 92], [ref.chen]: [70, 72, 74],
});

async function reviewAs(c, assignment, scores, extra = {}) {
  return c.post(`/api/v1/assignments/${assignment}/review`, { scores, opinion: '材料完整，质量管理体系健全。',
    suggestions: '建议加强质量数据分析与改进闭环。', integrity: true, ...extra });
}

test('a score sheet is checked against the rubric and needs the integrity declaration', async () => {
  const c = panels()[ref.hx][0];
  const e = await signedIn(srv.url, c.toLowerCase());
  const mine = (await e.get('/api/v1/reviews/mine')).json;
  const x = mine.assignments.find((a) => a.application.ref === ref.hx);
  const rubric = mine.rubrics[x.rubric];
  assert.equal(rubric.id, 'gbt19580-2012');
  const good = sheet(rubric, 820);
  let r = await reviewAs(e, x.assignment, { ...good, '4.1.2': 60 });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'sheet_points_out_of_range', '4.1.2']);
  r = await reviewAs(e, x.assignment, { ...good, '4.1.2': 12.25 });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'bad_points', '4.1.2']);
  const missing = { ...good };
  delete missing['4.7.7'];
  r = await reviewAs(e, x.assignment, missing);
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'sheet_missing_item', '4.7.7']);
  const branch = { ...good, '4.1': 50 };
  delete branch['4.1.2'];
  r = await reviewAs(e, x.assignment, branch);
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'sheet_not_leaf', '4.1']);
  r = await reviewAs(e, x.assignment, good, { integrity: false });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'integrity_required', 'integrity']);
  r = await reviewAs(e, x.assignment, good);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.total, '820');
  r = await reviewAs(e, x.assignment, good);
  assert.deepEqual([r.status, r.json.error.code], [409, 'review_exists']);
});

test("an expert reads the panel's scores only after submitting their own, and never their names", async () => {
  const [first, second] = panels()[ref.hx];
  const e2 = await signedIn(srv.url, second.toLowerCase());
  let r = await e2.get(`/api/v1/applications/${app.hx}/reviews?stage=material`);
  assert.deepEqual([r.status, r.json.error.code], [403, 'review_first']);
  const mine = (await e2.get('/api/v1/reviews/mine')).json;
  const x = mine.assignments.find((a) => a.application.ref === ref.hx);
  assert.equal((await reviewAs(e2, x.assignment, sheet(mine.rubrics[x.rubric], 830))).status, 201);
  r = await e2.get(`/api/v1/applications/${app.hx}/reviews?stage=material`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.reviews.map((v) => [v.reviewer, v.total, v.mine]), [['R1', '820', false], ['R2', '830', true]]);
  assert.ok(!JSON.stringify(r.json).includes(first), 'no expert code');
  const outsider = Object.keys(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [code(i + 1), 1])))
    .find((c) => !panels()[ref.hx].includes(c) && c !== 'E10');
  const o = await signedIn(srv.url, outsider.toLowerCase());
  assert.equal((await o.get(`/api/v1/applications/${app.hx}/reviews?stage=material`)).status, 404);
  r = await office.get(`/api/v1/applications/${app.hx}/reviews?stage=material`);
  assert.deepEqual(r.json.reviews.map((v) => v.expert), [first, second]);
});

test('the stage closes only when every review is in; trimmed means need enough reviews', async () => {
  let r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'shortlist' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'reviews_missing']);
  const want = targets();
  for (let i = 1; i <= EXPERTS; i++) {
    const e = await signedIn(srv.url, login(i));
    const mine = (await e.get('/api/v1/reviews/mine')).json;
    for (const x of mine.assignments) {
      if (x.review) continue;
      const panel = panels()[x.application.ref];
      const total = want[x.application.ref][panel.indexOf(code(i))];
      const s = await reviewAs(e, x.assignment, sheet(mine.rubrics[x.rubric], total),
        { suggestions: `${code(i)}：建议完善${x.application.ref}的质量改进机制。` });
      assert.equal(s.status, 201, s.text);
    }
  }
  // the stage fixture edits the frozen template: a trimmed mean dropping the 2 highest and
  // the 2 lowest needs 5 reviews, panels have 3; dropping 1 and 1 works (the middle total)
  editConfig(srv.db, pid, (c) => { c.scoring.trim = 2; });
  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'shortlist' });
  assert.deepEqual([r.status, r.json.error.code], [400, 'score_too_few_reviews']);
  assert.match(r.json.error.field, /^A\d+$/);
  editConfig(srv.db, pid, (c) => { c.scoring.trim = 1; });
  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'shortlist' });
  assert.deepEqual([r.status, r.json.stage], [200, 'shortlist'], r.text);
});

test('the results are on 0..100 with the spread and outliers flagged', async () => {
  const r = await office.get(`/api/v1/programmes/${pid}/results?stage=material`);
  assert.equal(r.status, 200, r.text);
  const by = Object.fromEntries(r.json.results.map((x) => [x.application, x]));
  // trimmed mean k = 1 of three totals is the middle one, rescaled onto 100 points
  assert.deepEqual([by[app.hx].score, by[app.ly].score, by[app.wang].score, by[app.chen].score],
    ['82.00', '77.00', '90.00', '72.00']);
  assert.equal(by[app.hx].detail.reviewers, 3);
  assert.equal(by[app.hx].detail.method, 'trimmed_mean');
  assert.equal(by[app.hx].detail.flagged, true, '500 against 820 and 830 is an outlier');
  assert.equal(by[app.hx].detail.outliers.length, 1);
  assert.equal(by[app.ly].detail.flagged, false);
  assert.equal(by[app.ly].detail.sd, '8.16');
  const leader = await signedIn(srv.url, 'leader');
  assert.equal((await leader.get(`/api/v1/programmes/${pid}/results?stage=material`)).status, 200);
  const county = await signedIn(srv.url, 'qingcheng');
  assert.equal((await county.get(`/api/v1/programmes/${pid}/results`)).status, 403);
});

test('the review report gives the categories, the score and the suggestions to the applicant', async () => {
  const owner = await signedIn(srv.url, 'applicant');
  const r = await owner.get(`/api/v1/applications/${app.qy}/review-report`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stage, 'material');
  assert.equal(r.json.reviewers, 3);
  assert.equal(r.json.score, '70.00');
  assert.equal(r.json.total_mean, '700.00');
  assert.deepEqual(r.json.categories.map((c) => c.item), ['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7']);
  assert.deepEqual(r.json.categories.map((c) => c.mean), ['110.00', '90.00', '90.00', '130.00', '100.00', '80.00', '100.00']);
  assert.equal(r.json.suggestions.length, 3);
  assert.equal(r.json.opinions, undefined, 'opinions are for the office');
  assert.ok((await office.get(`/api/v1/applications/${app.qy}/review-report`)).json.opinions.length === 3);
  const other = await signedIn(srv.url, 'applicant2');
  assert.equal((await other.get(`/api/v1/applications/${app.qy}/review-report`)).status, 404);
});

test('the shortlist takes at most the stage maximum per track; the others get their feedback', async () => {
  editConfig(srv.db, pid, (c) => { c.stages.find((s) => s.code === 'shortlist').max.organisation = 2; });
  let r = await office.post(`/api/v1/programmes/${pid}/shortlist`, { applications: [app.hx, app.ly, app.sd] });
  assert.deepEqual([r.status, r.json.error.code], [409, 'shortlist_over_max']);
  editConfig(srv.db, pid, (c) => { c.stages.find((s) => s.code === 'shortlist').max.organisation = 8; });
  r = await office.post(`/api/v1/programmes/${pid}/shortlist`, { applications: [app.hx, app.rejected] });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [409, 'not_accepted', 'applications[1]']);
  r = await office.post(`/api/v1/programmes/${pid}/shortlist`, { applications: [app.hx, app.hx] });
  assert.deepEqual([r.status, r.json.error.code], [400, 'duplicate_application']);
  r = await office.post(`/api/v1/programmes/${pid}/shortlist`, { applications: [app.hx, app.ly, app.wang] });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.not_shortlisted.sort(), [app.sd, app.qy, app.chen].sort());
  const owner = await signedIn(srv.url, 'applicant');
  r = await owner.get(`/api/v1/applications/${app.qy}/feedback`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'not_shortlisted');
  assert.equal(r.json.feedback.score, '70.00');
  assert.equal(r.json.feedback.suggestions.length, 3);
  r = await office.get(`/api/v1/applications/${app.hx}/feedback`);
  assert.deepEqual([r.status, r.json.error.code], [404, 'no_feedback'], 'the shortlisted get no feedback');
  const other = await signedIn(srv.url, 'applicant2');
  assert.equal((await other.get(`/api/v1/applications/${app.qy}/feedback`)).status, 404);
  r = await office.post(`/api/v1/programmes/${pid}/shortlist`, { applications: [] });
  assert.deepEqual([r.status, r.json.error.code], [409, 'already_decided']);
  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'onsite' });
  assert.deepEqual([r.status, r.json.stage], [200, 'onsite']);
});
