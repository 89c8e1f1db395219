// t1100-certification: the 湖南名品 certification of 湘市监办发〔2022〕71号 (百).
// The province office (430000) opens the programme; enterprises of 长沙 and
// 株洲 apply with the four indicators and their evidence; each city bureau
// (市州) recommends its own applications only (another city's bureau meets
// them as 404); the engine's double-random draw picks the experts, who score
// on the indicator rubric; the bar is a threshold, not a ranking: exactly at
// the bar is certified, 0.1 below is not; the certificates form a register
// whose status moves (suspend, reinstate, revoke) carry a reason and date,
// expire by themselves the day after valid_to (rehearsal clock), and are
// found by the public by number, name and region, with a verification link
// and a QR code. Without a rehearsal date the housekeeping pass records the
// expiries of the real calendar; and the national division table lets
// enterprises register in 东莞 (a city without counties), a municipality's
// district and a county the province administers directly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, signedIn, Client, PASSWORD, startServer } from './lib/server.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from './lib/fixture.mjs';
import { setClock, advance, poolCsv, pdf, upload } from './lib/award.mjs';
import { orgUscc } from './lib/ident.mjs';

let srv, hunan, changsha, zhuzhou, pid;
const apps = {};
const FORM = {
  product: '湘绣', brand: '湘绣坊', quality_level: '执行 GB/T 标准，近三年监督抽查合格率100%', market_share: 12.5,
  brand_awareness: '省著名商标，品牌价值评价', customer_satisfaction: 95.2, contact: '李经理', contact_mobile: '13800138000',
};
// the sheets: every reviewer gives the same points, so the mean is the sheet's total
const SHEETS = {
  at: { quality_level: 20, market_share: 20, brand_awareness: 20, customer_satisfaction: 20 },       // 80.0 = the bar
  below: { quality_level: 20, market_share: 20, brand_awareness: 20, customer_satisfaction: 19.9 },  // 79.9
  high: { quality_level: 24, market_share: 22, brand_awareness: 23, customer_satisfaction: 21 },     // 90.0
  zz: { quality_level: 21, market_share: 21, brand_awareness: 21, customer_satisfaction: 21 },       // 84.0
};

function addUser(login, role, unit, region) {
  const r = cli(['user', 'add', '--db', srv.db, '--login', login, '--role', role, '--unit', unit, '--region', region,
    '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxtest-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--files-dir', join(dir, 'files'), '--public-url', 'https://zlpp.example.cn'] });
  addUser('hunan', 'office', '湖南省市场监督管理局', '430000');
  addUser('changsha', 'county', '长沙市市场监督管理局', '430100');
  addUser('zhuzhou', 'county', '株洲市市场监督管理局', '430200');
  addUser('furong', 'county', '长沙市芙蓉区市场监督管理局', '430102');
  for (const e of ['hx1', 'hx2', 'hx3', 'hx4']) addUser(e, 'expert', '湖南名品评审专家库', '430000');
  hunan = await signedIn(srv.url, 'hunan');
  changsha = await signedIn(srv.url, 'changsha');
  zhuzhou = await signedIn(srv.url, 'zhuzhou');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

async function apply(name, region, n) {
  let r = await hunan.post('/api/v1/organisations', { uscc: orgUscc(region, n), name, industry: 'C', region,
    founded_on: '2010-03-01' });
  assert.equal(r.status, 201, r.text);
  r = await hunan.post(`/api/v1/programmes/${pid}/applications`, { track: 'product', form: 'famous_product',
    organisation: r.json.id });
  assert.equal(r.status, 201, r.text);
  const aid = r.json.id;
  r = await hunan.request('PUT', `/api/v1/applications/${aid}/form`, { body: { ...FORM, product: name.slice(0, 4) + '牌产品' } });
  assert.equal(r.status, 200, r.text);
  r = await hunan.post(`/api/v1/applications/${aid}/internal-notice`, { from: '2022-07-04', to: '2022-07-08', note: '公司公告栏' });
  assert.equal(r.status, 200, r.text);
  r = await hunan.post(`/api/v1/applications/${aid}/attest`, { no_record: true });
  assert.equal(r.status, 200, r.text);
  r = await upload(hunan, aid, [['质量水平证明材料.pdf', pdf(4096, n)]]);
  assert.equal(r.status, 201, r.text);
  r = await hunan.post(`/api/v1/applications/${aid}/submit`, {});
  assert.equal(r.status, 200, r.text);
  return aid;
}

test('1. the province office opens the certification and enterprises apply with the four indicators', async () => {
  let r = await hunan.post('/api/v1/programmes', { template: 'hunan-famous-products-2022' });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
  await setClock(hunan, '2022-07-15');
  await advance(hunan, pid, 'application');
  apps.at = await apply('长沙华韵湘绣有限公司', '430102', 1);      // 芙蓉区, 长沙
  apps.below = await apply('长沙岳麓茶业有限公司', '430104', 2);   // 岳麓区, 长沙
  apps.high = await apply('长沙星城机械股份有限公司', '430111', 3); // 雨花区, 长沙
  apps.zz = await apply('株洲醴陵瓷业有限公司', '430281', 4);      // 醴陵市, 株洲
  apps.no = await apply('株洲炎陵黄桃有限公司', '430225', 5);      // 炎陵县, 株洲
});

test('2. each city bureau recommends its own applications; another city meets them as 404', async () => {
  await advance(hunan, pid, 'city');
  let r = await changsha.get(`/api/v1/certification/programmes/${pid}/applications`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.applications.map((a) => a.id), [apps.at, apps.below, apps.high]);
  r = await zhuzhou.post(`/api/v1/certification/applications/${apps.at}/recommendation`, { recommend: true, opinion: '同意' });
  assert.equal(r.status, 404, r.text);
  r = await changsha.post(`/api/v1/certification/applications/${apps.zz}/recommendation`, { recommend: true, opinion: '同意' });
  assert.equal(r.status, 404, r.text);
  // a county bureau does not recommend in this programme: the 市州 does, even for the county's own enterprise
  const furong = await signedIn(srv.url, 'furong');
  r = await furong.post(`/api/v1/certification/applications/${apps.at}/recommendation`, { recommend: true, opinion: '同意' });
  assert.equal(r.status, 404, r.text);
  r = await changsha.post(`/api/v1/certification/applications/${apps.at}/recommendation`, { recommend: true });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'missing_field', 'opinion']);
  // the stage cannot be left while a city has not decided
  r = await hunan.post(`/api/v1/programmes/${pid}/advance`, { to: 'material' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'recommendations_open']);
  for (const [c, id, yes] of [[changsha, apps.at, true], [changsha, apps.below, true], [changsha, apps.high, true],
    [zhuzhou, apps.zz, true], [zhuzhou, apps.no, false]]) {
    r = await c.post(`/api/v1/certification/applications/${id}/recommendation`, { recommend: yes, opinion: yes ? '同意推荐' : '材料不足' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, yes ? 'recommended' : 'not_recommended');
  }
  r = await changsha.post(`/api/v1/certification/applications/${apps.at}/recommendation`, { recommend: true, opinion: '再次' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'wrong_state']);
  await advance(hunan, pid, 'material');
  assert.equal(sql(srv.db, `SELECT state FROM application WHERE id = ${apps.at}`), 'accepted');
  assert.equal(sql(srv.db, `SELECT state FROM application WHERE id = ${apps.no}`), 'not_recommended');
});

test('3. the double-random draw picks three experts for each application; they score on the indicator rubric', async () => {
  let r = await hunan.post('/api/v1/experts/import', { csv: poolCsv([
    ['H01', '专家一', '湖南大学', '430100', 'C', '', 'hx1'], ['H02', '专家二', '中南大学', '430100', 'C', '', 'hx2'],
    ['H03', '专家三', '湘潭大学', '430300', 'C', '', 'hx3'], ['H04', '专家四', '湖南省产商品质量检验研究院', '430100', 'C', '', 'hx4']]) });
  assert.equal(r.status, 201, r.text);
  r = await hunan.post(`/api/v1/programmes/${pid}/draws`, { stage: 'material' });
  assert.equal(r.status, 201, r.text);
  r = await hunan.post(`/api/v1/draws/${r.json.id}/run`, { seed: r.json.seed });
  assert.equal(r.status, 200, r.text);
  const sheetOf = Object.fromEntries(Object.entries(apps).map(([k, id]) => [id, SHEETS[k]]));
  let reviews = 0;
  for (const login of ['hx1', 'hx2', 'hx3', 'hx4']) {
    const e = await signedIn(srv.url, login);
    for (const a of (await e.get('/api/v1/reviews/mine')).json.assignments) {
      r = await e.post(`/api/v1/assignments/${a.assignment}/review`, { scores: sheetOf[a.application.id],
        opinion: '指标材料齐全。', suggestions: '建议加强品牌推广。', integrity: true });
      assert.equal(r.status, 201, r.text);
      reviews++;
    }
  }
  assert.equal(reviews, 4 * 3);
  await advance(hunan, pid, 'certification');
});

test('4. a threshold, not a ranking: at the bar is certified, 0.1 below is not; the count is shown against the target', async () => {
  await setClock(hunan, '2022-10-20');
  let r = await hunan.post(`/api/v1/programmes/${pid}/certification`, {});
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.bar, r.json.target, r.json.certified], ['80.00', 100, 3]);
  const by = Object.fromEntries(r.json.applications.map((a) => [a.id, a]));
  assert.deepEqual([by[apps.at].score, by[apps.at].state], ['80.00', 'winner']);
  assert.deepEqual([by[apps.below].score, by[apps.below].state, by[apps.below].certificate], ['79.90', 'not_proposed', null]);
  assert.deepEqual([by[apps.high].state, by[apps.zz].state], ['winner', 'winner']);
  r = await hunan.post(`/api/v1/programmes/${pid}/certification`, {});
  assert.equal(r.status, 200, r.text); // nothing left in review: applying it again changes nothing
  assert.equal(r.json.certified, 3);
  r = await changsha.get(`/api/v1/programmes/${pid}/certification`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.valid, 3);
  r = await hunan.get(`/api/v1/programmes/${pid}/register?sort=no`);
  assert.deepEqual(r.json.entries.map((e) => e.no), ['HNMP-2022-001', 'HNMP-2022-002', 'HNMP-2022-003']);
  const e = r.json.entries.find((x) => x.holder === '长沙华韵湘绣有限公司');
  assert.deepEqual([e.valid_from, e.valid_to, e.status, e.region_name, e.score], ['2022-10-20', '2025-10-19', 'valid', '芙蓉区', '80.00']);
  apps.cert = e.id;
  apps.code = e.code;
  apps.zzCert = r.json.entries.find((x) => x.holder === '株洲醴陵瓷业有限公司').id;
});

test('5. status moves carry a reason and date, each audited; another region cannot touch them', async () => {
  let r = await hunan.post(`/api/v1/certificates/${apps.cert}/status`, { action: 'suspend' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'missing_field', 'reason']);
  r = await hunan.post(`/api/v1/certificates/${apps.cert}/status`, { action: 'reinstate', reason: '整改完成' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'wrong_status']);
  r = await hunan.post(`/api/v1/certificates/${apps.cert}/status`, { action: 'destroy', reason: 'x' });
  assert.deepEqual([r.status, r.json.error.code], [400, 'bad_action']);
  const gz = await signedIn(srv.url, 'gzoffice');
  r = await gz.post(`/api/v1/certificates/${apps.cert}/status`, { action: 'suspend', reason: '抽查不合格' });
  assert.equal(r.status, 404, r.text);
  await setClock(hunan, '2023-03-01');
  r = await hunan.post(`/api/v1/certificates/${apps.cert}/status`, { action: 'suspend', reason: '监督抽查不合格' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'suspended');
  await setClock(hunan, '2023-04-03');
  r = await hunan.post(`/api/v1/certificates/${apps.cert}/status`, { action: 'reinstate', reason: '整改复查合格' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.events.map((x) => [x.action, x.from, x.to, x.reason, x.on]), [
    ['issue', '', 'valid', 'issued', '2022-10-20'],
    ['suspend', 'valid', 'suspended', '监督抽查不合格', '2023-03-01'],
    ['reinstate', 'suspended', 'valid', '整改复查合格', '2023-04-03']]);
  r = await hunan.post(`/api/v1/certificates/${apps.zzCert}/status`, { action: 'revoke', reason: '发生重大质量事故' });
  assert.equal(r.status, 200, r.text);
  r = await hunan.post(`/api/v1/certificates/${apps.zzCert}/status`, { action: 'reinstate', reason: '申诉' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'wrong_status']);
  const audit = sql(srv.db, "SELECT action FROM audit WHERE action LIKE 'certificate.%' ORDER BY seq").split('\n');
  assert.deepEqual(audit, ['certificate.issue', 'certificate.issue', 'certificate.issue', 'certificate.suspend',
    'certificate.reinstate', 'certificate.revoke']);
});

test('6. the public register: search by number, name and region, paged and sorted; verification with a QR code', async () => {
  const pub = new Client(srv.url);
  let r = await pub.get('/api/v1/register?name=' + encodeURIComponent('湘绣'));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.entries.map((e) => e.holder), ['长沙华韵湘绣有限公司']);
  assert.ok(!('score' in r.json.entries[0]), 'the public register shows no review score');
  r = await pub.get('/api/v1/register?region=430100&sort=holder');
  assert.equal(r.status, 200, r.text); // the order of names is the database's collation: compare as sets
  assert.deepEqual(r.json.entries.map((e) => e.holder).sort(), ['长沙华韵湘绣有限公司', '长沙星城机械股份有限公司'].sort());
  r = await pub.get('/api/v1/register?region=430200');
  assert.deepEqual(r.json.entries.map((e) => [e.holder, e.status]), [['株洲醴陵瓷业有限公司', 'revoked']]);
  r = await pub.get('/api/v1/register?no=HNMP-2022-00&per_page=2&page=2');
  assert.deepEqual([r.json.total, r.json.page, r.json.entries.length], [3, 2, 1]);
  const gz = await signedIn(srv.url, 'gzoffice');
  r = await gz.get(`/api/v1/programmes/${pid}/register`);
  assert.equal(r.status, 404, 'another region\'s office does not list them');
  r = await pub.get('/api/v1/register?sort=price');
  assert.deepEqual([r.status, r.json.error.code], [400, 'bad_sort']);
  r = await pub.get(`/api/v1/register/${apps.code.toLowerCase().replace(/-/g, '')}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.holder, r.json.status, r.json.valid_to], ['长沙华韵湘绣有限公司', 'valid', '2025-10-19']);
  assert.equal(r.json.url, `https://zlpp.example.cn/register/${apps.code}`);
  const engine = await pub.get(`/api/v1/certificates/verify/${apps.code}`);
  assert.deepEqual([engine.json.valid, engine.json.status, engine.json.no], [true, 'valid', r.json.no]);
  assert.ok(r.json.events.every((e) => !('actor' in e)), 'the public sees no account');
  r = await pub.get(`/api/v1/register/${apps.code}/qr.svg`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^image\/svg\+xml/);
  assert.match(r.text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
  r = await pub.get('/api/v1/register/AAAA-BBBB-CCCC');
  assert.deepEqual([r.status, r.json.error.code], [404, 'certificate_not_found']);
});

test('7. expiry happens by itself on its date: the day after valid_to the certificate is expired everywhere, audited', async () => {
  await setClock(hunan, '2025-10-19');
  let r = await new Client(srv.url).get(`/api/v1/register/${apps.code}`);
  assert.equal(r.json.status, 'valid', 'valid on its last day');
  await setClock(hunan, '2025-10-20');
  r = await new Client(srv.url).get(`/api/v1/register/${apps.code}`);
  assert.equal(r.json.status, 'expired');
  assert.deepEqual(r.json.events.at(-1), { action: 'expire', from: 'valid', to: 'expired', reason: 'validity period ended',
    on: '2025-10-20' });
  r = await new Client(srv.url).get(`/api/v1/certificates/verify/${apps.code}`);
  assert.deepEqual([r.json.valid, r.json.status, r.json.valid_to], [false, 'expired', '2025-10-19'], 'the engine\'s check agrees');
  r = await hunan.get(`/api/v1/programmes/${pid}/certification`);
  assert.equal(r.json.valid, 0);
  r = await hunan.post(`/api/v1/certificates/${apps.cert}/status`, { action: 'suspend', reason: '抽查' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'wrong_status']);
  const expired = sql(srv.db, "SELECT count(*) FROM audit WHERE action = 'certificate.expire'");
  assert.equal(expired, '2', 'the two certificates still valid expire; the revoked one stays revoked');
  r = await new Client(srv.url).get('/api/v1/register?region=430200');
  assert.equal(r.json.entries[0].status, 'revoked');
});

test('8. the national division table: enterprises register in a city without counties and in a municipality\'s district', async () => {
  for (const [login, region, name] of [['dgfirm', '441900', '东莞精工电子有限公司'], ['bjfirm', '110101', '北京东城老字号食品有限公司'],
    ['xtfirm', '429004', '仙桃无纺布制品有限公司']]) {
    addUser(login, 'applicant', name, region);
    const c = await signedIn(srv.url, login);
    const r = await c.post('/api/v1/organisations', { uscc: orgUscc(region, 7), name, industry: 'C', region, founded_on: '2012-06-01' });
    assert.equal(r.status, 202, `${region}: ${r.text}`); // an applicant's registration answers alike whatever it met
    assert.equal(sql(srv.db, `SELECT name FROM organisation WHERE region = '${region}'`), name);
  }
  const hb = await signedIn(srv.url, 'dgfirm');
  const r = await hb.post('/api/v1/organisations', { uscc: orgUscc('440000', 8), name: '广东某公司', industry: 'C', region: '440000',
    founded_on: '2012-06-01' });
  assert.deepEqual([r.status, r.json.error.code], [400, 'region_not_county']);
});

test('9. without a rehearsal date, the housekeeping pass at start records what expired on the real calendar', async () => {
  // a certificate whose validity ended before today (the real date), still stored as valid
  sql(srv.db, 'INSERT INTO certificate (no, code, application_id, programme_id, holder, track_code, issued_on, sha256, created_at, ' +
    `status, valid_from, valid_to, region) VALUES ('HNMP-2022-099', 'QRST-UVWX-YZ23', ${apps.below}, ${pid}, '长沙岳麓茶业有限公司', ` +
    `'product', '2019-01-02', '', ${Date.now() * 1000}, 'valid', '2019-01-02', '2022-01-01', '430104')`);
  const first = await srv.stop();
  assert.equal(first.code, 0, srv.log());
  const again = await startServer({ db: srv.db });
  try {
    let r = await new Client(again.url).get('/api/v1/register/QRST-UVWX-YZ23');
    assert.equal(r.json.status, 'expired', 'expired by the date, recorded or not');
    // the pass runs on its own thread as the server starts
    for (let i = 0; i < 100 && !r.json.events.length; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      r = await new Client(again.url).get('/api/v1/register/QRST-UVWX-YZ23');
    }
    assert.deepEqual(r.json.events.map((e) => [e.action, e.on]), [['expire', '2022-01-02']]);
    const audit = sql(srv.db, "SELECT payload FROM audit WHERE action = 'certificate.expire' ORDER BY seq DESC LIMIT 1");
    assert.match(audit, /"during":"housekeeping"/);
    assert.match(audit, /"valid_to":"2022-01-01"/);
  } finally {
    const r = await again.stop();
    again.cleanup();
    assert.equal(r.code, 0, again.log());
  }
});
