#!/usr/bin/env bash
# t0300-demo: `pingxuan demo` plays the Qingyuan 2025 award through the API
# up to the stage asked for, and leaves a database whose audit chain is
# intact and whose lists export; the Qingdao quality month's key works are
# there, their board exports and their lead units are reminded; the
# Guangzhou ranking's public vote was played with tens of thousands of votes,
# its fraud quarantined and decided, and its lists carry the valid counts.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
expect "demo stops at the county stage" 0 "*" "*" -- px demo --no-serve --until county --db "$tmp/county.db"
open=$(sqlite3 "$tmp/county.db" "SELECT code FROM stage WHERE programme_id = 1 AND state = 'open'")
[ "$open" = county ] && echo "ok - the programme is left in the county stage" ||
	{ echo "not ok - the open stage is '$open'"; failed=$((failed + 1)); }

start=$(date +%s.%N)
expect 'demo runs to publication' 0 '' '*' -- sh -c '"$0" demo --no-serve --db "$1" > "$2"' "$PINGXUAN_BIN" "$tmp/demo.db" "$tmp/demo.out"
echo "# demo to publication: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
grep -E '网络人气冲榜|quarantined|verify-tally|lists published' "$tmp/demo.out" | sed 's/^ */# /'
expect 'its audit chain verifies' 0 '*' '' -- px audit verify --db "$tmp/demo.db"
winners=$(px export --db "$tmp/demo.db" --programme 1 --what winners --format csv | tail -n +2 | wc -l)
[ "$winners" -ge 5 ] && echo "ok - $winners winners exported" || { echo "not ok - winners: $winners"; failed=$((failed + 1)); }
certs=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM certificate WHERE programme_id = 1")
[ "$certs" = "$winners" ] && echo "ok - a certificate per winner" || { echo "not ok - certificates $certs"; failed=$((failed + 1)); }
hn=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM certificate c JOIN programme g ON g.id = c.programme_id WHERE g.config LIKE '%hunan-famous-products-2022%' AND c.valid_to IS NOT NULL")
[ "$hn" = 100 ] && echo "ok - 湖南名品: 100 certified to the bar" || { echo "not ok - 湖南名品 certificates: $hn"; failed=$((failed + 1)); }
kw=$(sqlite3 "$tmp/demo.db" "SELECT count(*) || ' ' || (SELECT count(*) FROM kw_milestone) || ' ' || (SELECT count(*) FROM kw_milestone WHERE state = 'done') FROM kw_work WHERE owner_region = '370200'")
[ "$kw" = "10 20 9" ] && echo "ok - 青岛: ten key works, 20 milestones, 9 done" || { echo "not ok - key works: $kw"; failed=$((failed + 1)); }
expect 'the key works board as a workbook' 0 '' '' -- px keyworks board --db "$tmp/demo.db" --region 370200 --today 2022-11-15 --out "$tmp/keyworks.xlsx"
unzip -p "$tmp/keyworks.xlsx" xl/sharedStrings.xml | grep -q '开展企业品牌价值测评工作' && echo "ok - the workbook lists the works" ||
	{ echo "not ok - the workbook"; failed=$((failed + 1)); }
expect 'the lead units of open milestones reminded' 0 '' '10 open milestones, 7 reminders sent' -- px keyworks remind --db "$tmp/demo.db" --region 370200 --today 2022-11-16 --all
sv=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM sv_answer")
[ "$sv" = 30 ] && echo "ok - 质量状况调查: 30 enterprises answered" || { echo "not ok - survey answers: $sv"; failed=$((failed + 1)); }
late=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM report_submission s JOIN tg_summary t ON t.request_id = s.request_id WHERE s.late = 1")
[ "$late" = 2 ] && echo "ok - 本地总结: two late (迟报)" || { echo "not ok - late summaries: $late"; failed=$((failed + 1)); }
bv=$(sqlite3 "$tmp/demo.db" "SELECT count(*), count(report_sha), sum(s.value = 38648769 AND s.id = (SELECT min(id) FROM bv_submission)) FROM bv_submission s JOIN bv_round r ON r.id = s.round_id WHERE r.state = 'computed'")
[ "$bv" = "12|12|1" ] && echo "ok - 品牌价值测评: 12 enterprises computed with their reports, the worked example at 38,648,769 yuan" ||
	{ echo "not ok - brand value: $bv"; failed=$((failed + 1)); }
# the Guangzhou vote (programme 2): real ballots through the casting path, the quarantine decided, the lists' counts
gz="SELECT id FROM programme WHERE config LIKE '%guangzhou-top100-brands-2022%'"
counted=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM vote WHERE programme_id = ($gz) AND state = 'counted'")
[ "$counted" -gt 20000 ] && echo "ok - 网络人气冲榜: $counted votes counted" || { echo "not ok - counted votes: $counted"; failed=$((failed + 1)); }
batches=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM audit WHERE action = 'vote.batch'")
[ "$batches" -gt 0 ] && [ "$batches" -lt $((counted / 50)) ] && echo "ok - group commit: $batches batches" ||
	{ echo "not ok - batches: $batches for $counted votes"; failed=$((failed + 1)); }
q=$(sqlite3 "$tmp/demo.db" "SELECT count(*), count(DISTINCT rule), sum(state = 'counted'), sum(state = 'invalid'), sum(state = 'quarantined') FROM vote WHERE programme_id = ($gz) AND rule IS NOT NULL")
IFS='|' read -r qn qrules released confirmed waiting <<< "$q"
[ "$qn" -gt 0 ] && [ "$qrules" -ge 2 ] && echo "ok - quarantine: $qn votes under $qrules rules" || { echo "not ok - quarantine: $q"; failed=$((failed + 1)); }
[ "$released" -gt 0 ] && [ "$confirmed" -gt 0 ] && [ "$waiting" = 0 ] && [ "$released" -lt "$confirmed" ] &&
	echo "ok - the office released $released and confirmed $confirmed" || { echo "not ok - decisions: $q"; failed=$((failed + 1)); }
decided=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM audit WHERE action IN ('vote.quarantine.release', 'vote.quarantine.confirm')")
[ "$decided" -ge 2 ] && echo "ok - each decision audited ($decided)" || { echo "not ok - decisions audited: $decided"; failed=$((failed + 1)); }
lists=$(sqlite3 "$tmp/demo.db" "SELECT count(*), sum(votes > 0), sum(votes <> (SELECT count(*) FROM vote v WHERE v.application_id = r.application_id AND v.state = 'counted')) FROM ranking_result r WHERE programme_id = ($gz)")
IFS='|' read -r places voted wrong <<< "$lists"
[ "$places" -gt 0 ] && [ "$voted" -gt $((places / 2)) ] && [ "$wrong" = 0 ] && echo "ok - the published lists carry the valid counts ($voted of $places places)" ||
	{ echo "not ok - lists: $lists"; failed=$((failed + 1)); }
grep -q 'verify-tally: the published vote log .* matches the audit chain' "$tmp/demo.out" && echo "ok - the vote log verifies against the chain" ||
	{ echo "not ok - verify-tally"; failed=$((failed + 1)); }
phone=$(head -1 "$tmp/demo.db.sms.log" | sed -n 's/.*"phone": *"\([0-9]*\)".*/\1/p')
case "$phone" in 154*) ;; *) phone=none ;; esac
[ "$phone" != none ] && ! grep -aq "$phone" "$tmp/demo.db" "$tmp/demo.db-wal" 2>/dev/null &&
	echo "ok - voters' numbers in the fictional 154 segment, not stored in clear" || { echo "not ok - number '$phone' in the database"; failed=$((failed + 1)); }
expect 'an unknown stage is a usage error' 2 '' '*' -- px demo --no-serve --until lottery
done_testing
