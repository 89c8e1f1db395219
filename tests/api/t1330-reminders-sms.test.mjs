// t1330-reminders-sms: the quality month's reminders (深质强办〔2015〕17号)
// reach the units that have not submitted in-app and, through the SMS
// gateway (the `file` driver here), on their contact's (联络员) mobile. The
// office sets a unit's contact one by one or imports the campaign's units
// list as CSV; a unit sets its own. Numbers are kept encrypted and shown
// masked in every answer. One SMS per unit, request and day; a unit without
// a number is reminded in-app only; before the deadline and after it.
import { test, before, after } from 'node:test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { startServer, signedIn, ok, fails, cli } from './lib/server.mjs';
import { setClock } from './lib/award.mjs';
import { sql } from './lib/fixture.mjs';
import { TEMPLATE, szOffice, unitAccounts } from './lib/campaign.mjs';

const TEXT = '【深圳市质量强市办】《${title}》应于${due_on}前报送（${days}个工作日），请登录系统报送。';
let srv, office, u, pid, req = {}, smsLog, smsConfig;
const NUM = { futian: '13800000001', luohu: '13900000002', dapeng: '13700000003' };

// The messages the gateway has written: [{phone, params, text}].
function messages() {
  if (!existsSync(smsLog)) return [];
  return readFileSync(smsLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

const put = (client, path, body) => client.request('PUT', path, { body });

function noClearNumber(answer) {
  const text = JSON.stringify(answer);
  for (const n of Object.values(NUM)) assert.ok(!text.includes(n), `a clear number in ${text}`);
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxremind-'));
  smsLog = join(dir, 'sms.log');
  smsConfig = join(dir, 'sms.json');
  writeFileSync(smsConfig, JSON.stringify({ driver: 'file', path: smsLog, templates: { reminder: TEXT } }));
  srv = await startServer({ dir, args: ['--rehearsal', '--sms', smsConfig] });
  office = await szOffice(srv);
  u = await unitAccounts(srv, office, [['fgw', '市发展改革委'], ['futian', '福田区'], ['luohu', '罗湖区'], ['dapeng', '大鹏新区']]);
  pid = ok(await office.post('/api/v1/programmes', { template: TEMPLATE }), 201).id;
  await setClock(office, '2015-08-05');
  for (const x of ok(await office.post(`/api/v1/programmes/${pid}/campaign/requests`, {}), 201).requests) req[x.code] = x.id;
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('the office sets a unit contact, the unit its own; numbers are masked and kept encrypted', async () => {
  const path = (who) => `/api/v1/accounts/${u[who].id}/contact`;
  assert.deepEqual(ok(await office.get(path('futian'))), { unit: u.futian.id, contact: null });
  let r = ok(await put(office, path('futian'), { name: '张明', mobile: NUM.futian }));
  assert.deepEqual(r, { unit: u.futian.id, contact: { name: '张明', mobile: '138****0001' } });
  r = ok(await put(u.dapeng.client, path('dapeng'), { name: '李华', mobile: `+86 ${NUM.dapeng}` }));
  assert.deepEqual(r.contact, { name: '李华', mobile: '137****0003' });
  assert.deepEqual(ok(await u.futian.client.get(path('futian'))).contact, { name: '张明', mobile: '138****0001' });
  // another unit may not; an office of another region does not see the account
  fails(await put(u.fgw.client, path('futian'), { name: '王五', mobile: '13600000000' }), 403, 'not_your_unit', 'unit');
  fails(await u.fgw.client.get(path('futian')), 403, 'not_your_unit', 'unit');
  const gz = await signedIn(srv.url, 'gzoffice');
  fails(await put(gz, path('futian'), { name: '王五', mobile: '13600000000' }), 404, 'not_found');
  fails(await gz.get(path('futian')), 404, 'not_found');
  // every input checked
  fails(await put(office, path('futian'), { name: '张明', mobile: '1380000000' }), 400, 'invalid_mobile', 'mobile');
  fails(await put(office, path('futian'), { name: '张明', mobile: '12800000001' }), 400, 'invalid_mobile', 'mobile');
  fails(await put(office, path('futian'), { name: '', mobile: NUM.futian }), 400, 'invalid_text', 'name');
  fails(await put(office, path('futian'), { name: '张'.repeat(40), mobile: NUM.futian }), 400, 'too_long', 'name');
  fails(await put(office, '/api/v1/accounts/1/contact', { name: '张明', mobile: NUM.futian }), 404, 'not_found');
  // stored sealed: no clear number in the table, a masked copy beside it
  const rows = sql(srv.db, 'SELECT mobile_masked, mobile_sealed FROM unit_contact ORDER BY account_id');
  assert.ok(!Object.values(NUM).some((n) => rows.includes(n)), rows);
  assert.match(rows, /138\*\*\*\*0001/);
});

test('the office imports the units list with contacts as CSV; a faulty file imports nothing', async () => {
  const gz = await signedIn(srv.url, 'gzoffice');
  const good = `unit,name,mobile\n罗湖区,陈静,${NUM.luohu}\n`;
  fails(await gz.post(`/api/v1/programmes/${pid}/campaign/contacts`, { csv: good }), 404, 'not_found');
  fails(await u.luohu.client.post(`/api/v1/programmes/${pid}/campaign/contacts`, { csv: good }), 403, 'forbidden_role');
  const bad = `单位,联络员,手机\n罗湖区,陈静,${NUM.luohu}\n广州市,赵六,13600000000\n盐田区,钱七,13600000001\n大鹏新区,孙八,1234\n`;
  const r = await office.post(`/api/v1/programmes/${pid}/campaign/contacts`, { csv: bad });
  assert.deepEqual([r.status, r.json.error.code], [400, 'invalid_rows'], r.text);
  assert.deepEqual(r.json.error.rows.map((x) => [x.line, x.column, x.code]),
    [[3, 'unit', 'unknown_unit'], [4, 'unit', 'no_unit_account'], [5, 'mobile', 'invalid_mobile']]);
  assert.equal(ok(await office.get(`/api/v1/accounts/${u.luohu.id}/contact`)).contact, null);
  fails(await office.post(`/api/v1/programmes/${pid}/campaign/contacts`, { csv: 'unit,mobile\n罗湖区,13900000002\n' }),
    400, 'bad_header', 'csv');
  assert.deepEqual(ok(await office.post(`/api/v1/programmes/${pid}/campaign/contacts`, { csv: good }), 201), { imported: 1 });
  const st = ok(await office.get(`/api/v1/report-requests/${req.coordinators}/status`));
  const contact = (who) => st.units.find((x) => x.unit === u[who].id).contact;
  assert.deepEqual(contact('luohu'), { name: '陈静', mobile: '139****0002' });
  assert.deepEqual(contact('dapeng'), { name: '李华', mobile: '137****0003' });
  assert.equal(contact('fgw'), null);
  noClearNumber(st);
});

test('before the deadline: an SMS to each unit that has not submitted and has a number, once a day', async () => {
  ok(await u.futian.client.post(`/api/v1/report-requests/${req.coordinators}/submission`,
    { content: { coordinators: [{ name: '张明', position: '科长', office_tel: '0755-88120000' }] } }), 201);
  const r = ok(await office.post(`/api/v1/report-requests/${req.coordinators}/reminders`, {}));
  noClearNumber(r);
  assert.equal(r.channel, 'sms');
  // in-app: everyone who has not submitted; by SMS: those with a number
  assert.deepEqual(r.sent.map((x) => [x.unit, x.kind, x.sms]).sort(),
    [[u.fgw.id, 'before', false], [u.luohu.id, 'before', true], [u.dapeng.id, 'before', true]].sort());
  assert.deepEqual(r.sms, { sent: 2, failed: 0, no_number: 1, already: 0 });
  const m = messages();
  assert.deepEqual(m.map((x) => x.phone).sort(), [NUM.luohu, NUM.dapeng].sort()); // not futian (submitted), not fgw (no number)
  assert.ok(m.every((x) => x.text === TEXT));
  // 2015-08-05 (Wed) .. 08-10 (Mon): 4 working days
  assert.deepEqual(m[0].params, { title: '宣传报道协调人员名单', due_on: '2015-08-10', days: 4 });
  // once a day
  const again = ok(await office.post(`/api/v1/report-requests/${req.coordinators}/reminders`, {}));
  assert.deepEqual(again.sent, []);
  assert.deepEqual(again.sms, { sent: 0, failed: 0, no_number: 1, already: 2 });
  assert.equal(messages().length, 2);
  // the unit sees both channels in its todo; the number is in no answer
  const todo = ok(await u.luohu.client.get('/api/v1/reporting/mine'));
  assert.deepEqual(todo.reminders.map((x) => [x.channel, x.kind]).sort(), [['app', 'before'], ['sms', 'before']]);
  assert.equal(ok(await u.fgw.client.get('/api/v1/reporting/mine')).reminders.length, 1);
  const log = sql(srv.db, "SELECT account_id, channel FROM report_reminder WHERE channel = 'sms' ORDER BY account_id");
  assert.equal(log.split('\n').filter(Boolean).length, 2, log);
  assert.ok(!srv.log().includes(NUM.luohu) && !srv.log().includes(NUM.dapeng));
});

test('after the deadline: a late submission stops the SMS; the others are chased the next working day', async () => {
  await setClock(office, '2015-08-11');
  ok(await u.luohu.client.post(`/api/v1/report-requests/${req.coordinators}/submission`,
    { content: { coordinators: [{ name: '陈静', position: '科员', office_tel: '0755-82220000' }] } }), 201);
  const before = messages().length;
  const r = ok(await office.post(`/api/v1/report-requests/${req.coordinators}/reminders`, {}));
  assert.deepEqual(r.sent.map((x) => [x.unit, x.kind, x.sms]).sort(),
    [[u.fgw.id, 'after', false], [u.dapeng.id, 'after', true]].sort());
  const m = messages().slice(before);
  assert.deepEqual(m.map((x) => x.phone), [NUM.dapeng]);
  assert.deepEqual(m[0].params, { title: '宣传报道协调人员名单', due_on: '2015-08-10', days: 1 });
});

test('`pingxuan remind --sms` sends through the gateway too, once a day', async () => {
  const before = messages().length;
  let r = cli(['remind', '--db', srv.db, '--sms', smsConfig, '--request', String(req.coordinators), '--today', '2015-08-12']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /2 reminders sent \(sms\)/);
  assert.match(r.stderr, /sms sent 1, failed 0, without a number 1/);
  assert.ok(!r.stdout.includes(NUM.dapeng) && !r.stderr.includes(NUM.dapeng));
  assert.deepEqual(messages().slice(before).map((x) => [x.phone, x.params.days]), [[NUM.dapeng, 2]]);
  r = cli(['remind', '--db', srv.db, '--sms', smsConfig, '--request', String(req.coordinators), '--today', '2015-08-12']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /sms sent 0/);
  assert.equal(messages().length, before + 1);
  // without a gateway: in-app only, as before
  r = cli(['remind', '--db', srv.db, '--request', String(req.coordinators), '--today', '2015-08-13']);
  assert.match(r.stderr, /2 reminders sent \(app\)/);
  assert.equal(messages().length, before + 1);
  // a gateway config that does not open stops the command
  assert.notEqual(cli(['remind', '--db', srv.db, '--sms', join(srv.dir, 'none.json'), '--request', '1']).status, 0);
});
