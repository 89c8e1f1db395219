// t1000-ranking: the Guangzhou Top-100 quality-brand ranking of 2022 (广州市质量强市办 2022-07-18 通知,
// 广州市质量强市工作领导小组办公室, notice of 2022-07-14) without its public vote.
// Registration runs 2022-07-18 (Monday) to 2022-08-10 (Wednesday): refused the
// working day before and the day after, with exact codes; each brand chooses
// 1 or 2 of the five tracks; each district bureau sees its district only; the
// promotion group of 10 (one per member unit) and the expert panel of 7 score
// every candidate on the five criteria without seeing others' sheets before
// giving their own; the composite (vote 30 %, promotion 30 %, expert 40 %, the
// vote counts 0 until the vote lands) gives the Top 20 of each track among
// the brands that chose it; the five lists are published and downloadable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, ok, fails, cli } from './lib/server.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orgUscc } from './lib/ident.mjs';
import { TEMPLATE, DISTRICTS, UNITS, account, setClock, advance, districtOrg, registration, sheet }
  from './lib/ranking.mjs';

let srv, gz, tianhe, yuexiu, pid;
const promotion = [], experts = [];
const members = {}, judges = {};
const apps = { leading: [], both: [], tech: [], consumer: [] };
let yuexiuApp;

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  gz = await signedIn(srv.url, 'gzoffice');
  await account(gz, 'gz-tianhe', 'county', '天河区市场监管局', DISTRICTS.tianhe);
  await account(gz, 'gz-yuexiu', 'county', '越秀区市场监管局', DISTRICTS.yuexiu);
  tianhe = await signedIn(srv.url, 'gz-tianhe');
  yuexiu = await signedIn(srv.url, 'gz-yuexiu');
  for (let i = 0; i < UNITS.length; i++) promotion.push(await account(gz, `gz-m${i}`, 'member', UNITS[i]));
  for (let i = 0; i < 7; i++) experts.push(await account(gz, `gz-e${i}`, 'expert', `广州质量品牌专家${i}`));
  const r = await gz.post('/api/v1/programmes', { template: TEMPLATE });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('the rules are public before anyone registers: weights, Top 20, tie-breaks, panels, district contacts', async () => {
  const rules = ok(await srv_public().get(`/api/v1/programmes/${pid}/ranking/rules`));
  assert.deepEqual(rules.weights, { vote: 300, promotion: 300, expert: 400 });
  assert.equal(rules.top_n, 20);
  assert.equal(rules.max_tracks, 2);
  assert.deepEqual(rules.tie_break, ['expert_desc', 'promotion_desc', 'votes_desc', 'submitted_asc', 'id_asc']);
  assert.deepEqual(rules.tracks.map((t) => t.name), ['行业领引品牌', '消费知名品牌', '新晋科技品牌', '网络人气品牌', '老字号新活力及驰名商标品牌']);
  assert.deepEqual([rules.panels.promotion.size, rules.panels.promotion.units.length, rules.panels.expert.size], [10, 10, 7]);
  assert.equal(rules.districts.length, 11);
  assert.deepEqual(rules.districts.find((d) => d.name === '南沙区'),
    { region: '440115', name: '南沙区', bureau: '南沙区市场监管局（产品质量监督管理处）', phone: '84985699' });
});

test('registration opens on 2022-07-18 and closes after 2022-08-10', async () => {
  const org = await districtOrg(tianhe, DISTRICTS.tianhe, '广州早到品牌有限公司');
  await setClock(gz, '2022-07-15'); // the Friday before
  fails(await tianhe.post(`/api/v1/programmes/${pid}/ranking/registrations`, registration(org, ['leading'])),
    409, 'wrong_stage', 'stage');
  await advance(gz, pid, 'registration');
  fails(await tianhe.post(`/api/v1/programmes/${pid}/ranking/registrations`, registration(org, ['leading'])),
    409, 'registration_not_open', 'stage');
  await setClock(gz, '2022-07-18');
  const reg = ok(await tianhe.post(`/api/v1/programmes/${pid}/ranking/registrations`,
    registration(org, ['leading', 'tech'], '早到')), 201);
  assert.deepEqual(reg.tracks, ['leading', 'tech']);
  assert.equal(reg.state, 'submitted');
  assert.equal(reg.district, '天河区');
  assert.equal(reg.industry, 'C');
  apps.both.push(reg.id);
  fails(await tianhe.post(`/api/v1/programmes/${pid}/ranking/registrations`, registration(org, ['consumer'])),
    409, 'application_exists');
});

test('a brand chooses 1 or 2 tracks, states its industry and attests its materials', async () => {
  const org = await districtOrg(tianhe, DISTRICTS.tianhe);
  const url = `/api/v1/programmes/${pid}/ranking/registrations`;
  fails(await tianhe.post(url, registration(org, ['leading', 'consumer', 'tech'])), 400, 'too_many_tracks', 'tracks');
  fails(await tianhe.post(url, registration(org, [])), 400, 'no_track', 'tracks');
  fails(await tianhe.post(url, registration(org, ['leading', 'leading'])), 400, 'duplicate_track', 'tracks[1]');
  fails(await tianhe.post(url, registration(org, ['leading', 'sports'])), 400, 'unknown_track', 'tracks[1]');
  fails(await tianhe.post(url, { ...registration(org, ['leading']), attest: false }), 400, 'truth_attestation_missing', 'attest');
  fails(await tianhe.post(url, { ...registration(org, ['leading']), industry: 'Z' }), 400, 'invalid_industry', 'industry');
  const reg = ok(await tianhe.post(url, { ...registration(org, ['tech'], '科创'), industry: 'I' }), 201);
  assert.equal(reg.industry, 'I');
  assert.equal(reg.industry_name, '信息传输、软件和信息技术服务业');
  apps.tech.push(reg.id);
  // another district's bureau cannot register a Tianhe organisation
  const other = await districtOrg(tianhe, DISTRICTS.tianhe);
  fails(await yuexiu.post(url, registration(other, ['leading'])), 404, 'not_found', 'organisation');
  for (let i = 0; i < 21; i++) {
    const o = await districtOrg(tianhe, DISTRICTS.tianhe);
    apps.leading.push(ok(await tianhe.post(url, registration(o, ['leading'], `领引${i}`)), 201).id);
  }
  const y = await districtOrg(yuexiu, DISTRICTS.yuexiu, '越秀老字号有限公司');
  const reg2 = ok(await yuexiu.post(url, registration(y, ['heritage', 'leading'], '越秀老字号')), 201);
  yuexiuApp = reg2.id;
  apps.both.push(reg2.id);
});

test('an applicant registers its own brand; nobody registers another\'s or one outside Guangzhou', async () => {
  await account(gz, 'gz-brand', 'applicant', '广州海珠羊城味道食品有限公司', DISTRICTS.haizhu);
  const me = await signedIn(srv.url, 'gz-brand');
  let r = await me.post('/api/v1/organisations', { uscc: orgUscc(DISTRICTS.haizhu, 900), name: '广州海珠羊城味道食品有限公司',
    industry: 'C', region: DISTRICTS.haizhu, founded_on: '1998-06-01' });
  assert.equal(r.status, 202, r.text); // an applicant's own registration tells nothing of others'
  const own = ok(await me.get('/api/v1/applicants/mine')).organisation;
  const url = `/api/v1/programmes/${pid}/ranking/registrations`;
  const other = await districtOrg(tianhe, DISTRICTS.tianhe);
  fails(await me.post(url, registration(other, ['consumer'])), 404, 'not_found', 'organisation');
  const reg = ok(await me.post(url, registration(own.id, ['consumer'], '羊城味道')), 201);
  assert.equal(reg.district, '海珠区');
  assert.equal(ok(await me.get(`/api/v1/applications/${reg.id}/ranking`)).brand, '羊城味道');
  fails(await tianhe.get(`/api/v1/applications/${reg.id}/ranking`), 404, 'not_found');
  // an organisation of Qingyuan is outside the programme's region
  const qy = await signedIn(srv.url, 'applicant');
  r = await qy.post('/api/v1/organisations', { uscc: orgUscc('441802', 902), name: '清远某企业有限公司', industry: 'C',
    region: '441802', founded_on: '2001-01-01' });
  assert.equal(r.status, 202, r.text);
  const qyOrg = ok(await qy.get('/api/v1/applicants/mine')).organisation;
  fails(await qy.post(url, registration(qyOrg.id, ['consumer'])), 400, 'region_outside_programme', 'organisation');
  apps.consumer = [reg.id];
});

test('each district bureau sees its district only; the office sees all', async () => {
  const t = ok(await tianhe.get(`/api/v1/programmes/${pid}/ranking/registrations`));
  assert.ok(t.registrations.every((x) => x.region === DISTRICTS.tianhe));
  assert.equal(t.registrations.length, 23);
  assert.deepEqual(t.districts.map((d) => [d.name, d.bureau, d.phone, d.registrations]),
    [["天河区", "天河区市场监管局（质量发展科）", "38211973", 23]]);
  const y = ok(await yuexiu.get(`/api/v1/programmes/${pid}/ranking/registrations`));
  assert.deepEqual(y.registrations.map((x) => x.id), [yuexiuApp]);
  fails(await tianhe.get(`/api/v1/applications/${yuexiuApp}/ranking`), 404, 'not_found');
  fails(await tianhe.get(`/api/v1/applications/${yuexiuApp}`), 404, 'not_found');
  ok(await yuexiu.get(`/api/v1/applications/${yuexiuApp}/ranking`));
  const all = ok(await gz.get(`/api/v1/programmes/${pid}/ranking/registrations?track=heritage`));
  assert.deepEqual(all.registrations.map((x) => x.id), [yuexiuApp]);
  assert.equal(all.districts.length, 11);
  // member units read only what they are asked about: the panel's candidates come with its sheet
  fails(await (await signedIn(srv.url, 'gz-m0')).get(`/api/v1/programmes/${pid}/ranking/registrations`), 403, 'forbidden_role');
  const every = ok(await gz.get(`/api/v1/programmes/${pid}/ranking/registrations`));
  assert.equal(every.registrations.length, 25);
  assert.ok(every.registrations.every((x) => !x.uscc_masked || x.uscc_masked.includes('*')));
});

test('registration closes after 2022-08-10', async () => {
  const org = await districtOrg(tianhe, DISTRICTS.tianhe);
  await setClock(gz, '2022-08-11');
  fails(await tianhe.post(`/api/v1/programmes/${pid}/ranking/registrations`, registration(org, ['leading'])),
    409, 'stage_closed', 'stage');
});

test('the two panels are seated as the notice composes them', async () => {
  await setClock(gz, '2022-08-15');
  await advance(gz, pid, 'vote');
  await advance(gz, pid, 'review');
  const url = `/api/v1/programmes/${pid}/ranking/panels`;
  // the review stage cannot close before both panels sit
  fails(await gz.post(`/api/v1/programmes/${pid}/advance`, { to: 'publication' }), 409, 'panel_incomplete', 'panels.promotion');
  fails(await gz.request('PUT', `${url}/promotion`, { body: { accounts: promotion.slice(0, 9) } }), 400, 'panel_size', 'accounts');
  fails(await gz.request('PUT', `${url}/promotion`, { body: { accounts: [...promotion.slice(0, 9), experts[0]] } }),
    400, 'wrong_role', 'accounts[9]');
  const stray = await account(gz, 'gz-stray', 'member', '广州市教育局');
  fails(await gz.request('PUT', `${url}/promotion`, { body: { accounts: [...promotion.slice(0, 9), stray] } }),
    400, 'unit_not_in_group', 'accounts[9]');
  const dup = await account(gz, 'gz-m0b', 'member', UNITS[0]);
  fails(await gz.request('PUT', `${url}/promotion`, { body: { accounts: [...promotion.slice(0, 9), dup] } }),
    400, 'unit_twice', 'accounts[9]');
  fails(await gz.request('PUT', `${url}/jury`, { body: { accounts: experts } }), 400, 'unknown_panel', 'panel');
  let r = ok(await gz.request('PUT', `${url}/promotion`, { body: { accounts: promotion } }));
  assert.deepEqual(r.promotion.map((m) => m.unit).sort(), [...UNITS].sort());
  r = ok(await gz.request('PUT', `${url}/expert`, { body: { accounts: experts } }));
  assert.equal(r.expert.length, 7);
  for (let i = 0; i < 10; i++) members[i] = await signedIn(srv.url, `gz-m${i}`);
  for (let i = 0; i < 7; i++) judges[i] = await signedIn(srv.url, `gz-e${i}`);
});

// Totals chosen so that the composite is known: promotion p, expert e.
const leadingTotal = (i) => ({ p: 60 + i, e: 50 + 2 * i });

test('each member scores on the five criteria and sees no other sheet before giving their own', async () => {
  const url = `/api/v1/programmes/${pid}/ranking/scores`;
  const mine = ok(await members[0].get(`/api/v1/programmes/${pid}/ranking/sheet`));
  assert.equal(mine.panel, 'promotion');
  assert.equal(mine.candidates.length, 25);
  assert.deepEqual(mine.rubric.items.map((x) => x.name),
    ['质量品牌战略', '履行社会责任', '经济效益', '卓越绩效', '质量文化']);
  fails(await tianhe.get(`/api/v1/programmes/${pid}/ranking/sheet`), 403, 'forbidden_role');
  const first = apps.leading[0];
  fails(await members[0].get(`/api/v1/applications/${first}/ranking-scores`), 403, 'review_first');
  fails(await members[0].post(url, { application: first, scores: { ...sheet(60), quality_culture: 25 } }),
    400, 'sheet_points_out_of_range', 'quality_culture');
  const { brand_strategy: _, ...partial } = sheet(60);
  fails(await members[0].post(url, { application: first, scores: partial }), 400, 'sheet_missing_item', 'brand_strategy');
  ok(await members[0].post(url, { application: first, scores: sheet(60) }), 201);
  fails(await members[0].post(url, { application: first, scores: sheet(61) }), 409, 'score_exists');
  ok(await judges[0].post(url, { application: first, scores: sheet(50) }), 201);
  // after giving their own: their own panel's sheets, without names
  const seen = ok(await members[0].get(`/api/v1/applications/${first}/ranking-scores`));
  assert.deepEqual(seen.sheets.map((s) => [s.panel, s.total, s.account, s.unit]), [['promotion', '60', undefined, undefined]]);
  fails(await members[1].get(`/api/v1/applications/${first}/ranking-scores`), 403, 'review_first');
  // a judge sees the expert panel's sheets only, never the promotion group's
  const judged = ok(await judges[0].get(`/api/v1/applications/${first}/ranking-scores`));
  assert.deepEqual(judged.sheets.map((x) => [x.panel, x.total]), [['expert', '50']]);
  fails(await tianhe.get(`/api/v1/applications/${first}/ranking-scores`), 403, 'forbidden_role');
  const office = ok(await gz.get(`/api/v1/applications/${first}/ranking-scores`));
  assert.equal(office.sheets.length, 2);
  assert.ok(office.sheets.every((s) => s.unit));
  // the review stage cannot close while sheets are missing
  fails(await gz.post(`/api/v1/programmes/${pid}/advance`, { to: 'publication' }), 409, 'scores_missing', `A${apps.both[0]}`);
});

test('every sheet in: the review stage closes', async () => {
  const url = `/api/v1/programmes/${pid}/ranking/scores`;
  const give = async (client, id, total) => ok(await client.post(url, { application: id, scores: sheet(total) }), 201);
  const plan = new Map();
  apps.leading.forEach((id, i) => plan.set(id, leadingTotal(i)));
  plan.set(apps.both[0], { p: 95, e: 95 }); // 早到: leading and tech
  plan.set(apps.both[1], { p: 70, e: 70 }); // 越秀老字号: heritage and leading
  plan.set(apps.tech[0], { p: 90, e: 99 });
  plan.set(apps.consumer[0], { p: 80, e: 80 });
  for (const [id, { p, e }] of plan) {
    for (let i = 0; i < 10; i++) if (!(i === 0 && id === apps.leading[0])) await give(members[i], id, p);
    for (let i = 0; i < 7; i++) if (!(i === 0 && id === apps.leading[0])) await give(judges[i], id, e);
  }
  await setClock(gz, '2022-09-01'); // the quality-month launch
  await advance(gz, pid, 'publication');
});

test('the composite gives the Top 20 of each track among the brands that chose it', async () => {
  const c = ok(await gz.get(`/api/v1/programmes/${pid}/ranking/composite`));
  assert.deepEqual(c.weights, { vote: 300, promotion: 300, expert: 400 });
  const track = (code) => c.tracks.find((t) => t.code === code).candidates;
  const leading = track('leading');
  assert.equal(leading.length, 23); // 21 + 早到 + 越秀老字号
  assert.equal(leading[0].brand, '早到');
  assert.equal(leading[0].score, '66.50'); // 0 x 30 % + 95 x 30 % + 95 x 40 %
  assert.equal(leading[0].votes, 0);
  assert.equal(leading[0].vote_score, '0.00');
  assert.equal(leading.filter((x) => x.placed).length, 20);
  assert.deepEqual(leading.slice(20).map((x) => x.placed), [false, false, false]);
  // the lowest of the leading track: 领引0 (60 / 50) is out
  assert.equal(leading[22].brand, '领引0');
  assert.equal(leading[22].score, '38.00');
  assert.deepEqual(track('tech').map((x) => x.brand), ['科创', '早到']);
  assert.deepEqual(track('heritage').map((x) => x.brand), ['越秀老字号']);
  assert.deepEqual(track('consumer').map((x) => [x.brand, x.score, x.placed]), [['羊城味道', '56.00', true]]);
  assert.deepEqual(track('online'), []);
});

test('the five lists are published as notices and as a workbook', async () => {
  fails(await srv_public().get(`/api/v1/programmes/${pid}/ranking/lists`), 409, 'not_published');
  fails(await tianhe.post(`/api/v1/programmes/${pid}/ranking/publish`, {}), 403, 'forbidden_role');
  const lists = ok(await gz.post(`/api/v1/programmes/${pid}/ranking/publish`, {}), 201);
  assert.deepEqual(lists.tracks.map((t) => [t.name, t.entries.length]),
    [['行业领引品牌', 20], ['消费知名品牌', 1], ['新晋科技品牌', 2], ['网络人气品牌', 0], ['老字号新活力及驰名商标品牌', 1]]);
  fails(await gz.post(`/api/v1/programmes/${pid}/ranking/publish`, {}), 409, 'already_published');
  const pub = ok(await srv_public().get(`/api/v1/programmes/${pid}/ranking/lists`));
  assert.deepEqual(pub, lists);
  assert.deepEqual(pub.tracks[0].entries.map((e) => e.rank), Array.from({ length: 20 }, (_, i) => i + 1));
  // the brand map: brands placed in any track, each once, per district
  assert.deepEqual(pub.districts.map((d) => [d.name, d.brands]), [['越秀区', 1], ['海珠区', 1], ['天河区', 20]]);
  const notices = ok(await srv_public().get(`/api/v1/programmes/${pid}/notices`));
  const titles = (notices.notices ?? notices).map((n) => n.title);
  assert.ok(titles.includes('2022年广州百强质量品牌推介榜单（行业领引品牌）'), titles.join());
  // each list is shown 5 working days from the launch (Thursday 2022-09-01): 1, 2, 5, 6, 7 September
  const leadingNotice = (notices.notices ?? notices).find((n) => n.title.endsWith('（行业领引品牌）'));
  assert.deepEqual([leadingNotice.starts_on, leadingNotice.ends_on, leadingNotice.workdays], ['2022-09-01', '2022-09-07', 5]);
  assert.equal((notices.notices ?? notices).filter((n) => n.stage === 'publication').length, 5);
  const x = await srv_public().get(`/api/v1/programmes/${pid}/ranking/lists.xlsx`);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
});

test('a poster per track: a 1080 x 1920 PNG to share', async () => {
  const res = await fetch(`${srv.url}/api/v1/programmes/${pid}/ranking/posters/leading`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.readUInt32BE(16), 1080);
  assert.equal(png.readUInt32BE(20), 1920);
  fails(await srv_public().get(`/api/v1/programmes/${pid}/ranking/posters/sports`), 404, 'unknown_track', 'track');
  const lists = ok(await srv_public().get(`/api/v1/programmes/${pid}/ranking/lists`));
  assert.equal(lists.tracks[0].published_on, '2022-09-01');
});

test('pingxuan ranking writes the workbook and the posters', async () => {
  const out = join(srv.dir, 'lists.xlsx'), poster = join(srv.dir, 'heritage.png');
  let r = cli(['ranking', 'lists', '--db', srv.db, '--programme', String(pid), '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK');
  r = cli(['ranking', 'poster', '--db', srv.db, '--programme', String(pid), '--track', 'heritage', '--out', poster]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(poster).readUInt32BE(20), 1920);
  r = cli(['ranking', 'poster', '--db', srv.db, '--programme', String(pid), '--out', poster]);
  assert.equal(r.status, 2);
});

function srv_public() {
  return { get: (p) => fetch(srv.url + p).then(async (res) => {
    const text = await res.text();
    let json; try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, headers: res.headers, json, text };
  }) };
}
