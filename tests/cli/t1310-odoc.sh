#!/usr/bin/env bash
# t1310-odoc - an office renders an official document (公文) from its JSON
# description: a GB/T 9704 PDF (A4, fonts embedded, several pages) and a .docx
# that an independent reader (python-docx) opens, finding every paragraph and
# every table cell as written; then bad input refused with its field.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3 # Debian's python, where python3-docx is installed (scripts/deps.sh)
# the -asan binary: no list of the suppressed leaks of cairo and fontconfig on stderr
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0"

# a 320 x 160 PNG, written without any imaging library
"$PY" - "$tmp/photo.png" <<'PYEOF'
import struct, sys, zlib
w, h = 320, 160
raw = b''.join(b'\0' + bytes(v for x in range(w) for v in (x * 255 // w, y * 255 // h, 160)) for y in range(h))
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
PYEOF
"$PY" "$here/odoc-sample.py" "$tmp/doc.json" "$tmp/photo.png" 26 10

expect "the document is rendered as PDF and .docx" 0 '*' "" \
	-- px odoc --json "$tmp/doc.json" --pdf "$tmp/doc.pdf" --docx "$tmp/doc.docx"
out=$(px odoc --json "$tmp/doc.json" --pdf "$tmp/doc.pdf" --docx "$tmp/doc.docx")
echo "# $out" | tr '\n' ' '; echo
assert "it reports the pages of the PDF" grep -Eq '^pdf: .*/doc.pdf, [0-9]+ pages, [0-9]+ ms$' <<<"$out"
assert "the PDF is A4" grep -q 'Page size: *595.276 x 841.89 pts (A4)' < <(pdfinfo "$tmp/doc.pdf")
pages=$(pdfinfo "$tmp/doc.pdf" | awk '/^Pages:/ { print $2 }')
assert "the PDF has many pages ($pages)" test "$pages" -gt 20
assert "the CJK fonts are embedded" grep -Eq 'NotoSerifCJK.* yes yes ' < <(pdffonts "$tmp/doc.pdf")
assert "page 1 renders" pdftoppm -r 30 -f 1 -l 1 -singlefile "$tmp/doc.pdf" "$tmp/page1"
# 版头 in red: the issuer mark and the rule, in the upper half of page 1, nowhere in the lower
red_pixels() {
	"$PY" - "$tmp/page1.ppm" "$1" <<'PYEOF'
import sys
data = open(sys.argv[1], 'rb').read()
parts = data.split(maxsplit=4)
w, h, px = int(parts[1]), int(parts[2]), parts[4]
rows = range(0, h // 2) if sys.argv[2] == 'upper' else range(h // 2, h)
print(sum(1 for y in rows for x in range(w)
          if px[3 * (y * w + x)] > 180 and px[3 * (y * w + x) + 1] < 90 and px[3 * (y * w + x) + 2] < 90))
PYEOF
}
assert "the masthead is red" test "$(red_pixels upper)" -gt 300
assert "the body is not" test "$(red_pixels lower)" -eq 0
zip_sound() { unzip -tq "$1" >/dev/null; }
assert "the .docx is a sound zip" zip_sound "$tmp/doc.docx"

# python-docx reads back every paragraph and every cell, in order
expect "python-docx finds every paragraph and cell" 0 "ok 26 units, 260 activities, 27 table rows" "" \
	-- "$PY" - "$tmp/doc.json" "$tmp/doc.docx" <<'PYEOF'
import json, sys
import docx
src = json.load(open(sys.argv[1], encoding='utf-8'))
d = docx.Document(sys.argv[2])
want = [src['issuer'], src['number'], src['title'], src['recipients'] + '：']
want += [b['text'] for b in src['blocks'] if b['kind'] in ('heading1', 'heading2', 'para')]
want += [src['signer'], '2015年10月30日', '抄送：' + src['cc'] + '。', src['printer'] + '\t2015年10月30日印发']
got = [p.text for p in d.paragraphs if p.text]
assert got == want, [(g, w) for g, w in zip(got, want) if g != w][:3] or (len(got), len(want))
table = [b for b in src['blocks'] if b['kind'] == 'table'][0]
rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
assert rows == [table['head']] + table['rows'], rows[:2]
assert len(d.inline_shapes) == 1 and abs(d.inline_shapes[0].width.mm - 156) < 0.1
s = d.sections[0]
assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297, (s.page_width.mm, s.page_height.mm)
assert round(s.top_margin.mm) == 37 and round(s.left_margin.mm) == 28, (s.top_margin.mm, s.left_margin.mm)
units = sum(1 for b in src['blocks'] if b['kind'] == 'heading2' and b['text'] in got)
acts = sum(1 for b in src['blocks'] if b['kind'] == 'para' and '活动：' in b['text'] and b['text'] in got)
print(f'ok {units} units, {acts} activities, {len(rows)} table rows')
PYEOF

# --- refusals -------------------------------------------------------------------
expect "--json and an output are required" 2 "" \
	"pingxuan odoc: --json and at least one of --pdf, --docx are required
(see 'pingxuan odoc --help')" \
	-- px odoc --pdf "$tmp/x.pdf"
printf '{"issuer": "办公室", "title": "通知", "blocks": [{"kind": "para", "text": "第一段\\u0007"}]}' >"$tmp/bad.json"
expect "a control character is refused, naming the block" 1 "" \
	"pingxuan odoc: error: blocks[0].text: blocks[0].text contains control character u+0007 [report_control_char]" \
	-- px odoc --json "$tmp/bad.json" --pdf "$tmp/bad.pdf" --docx "$tmp/bad.docx"
printf '{"issuer": "办公室", "title": "通知", "blocks": [{"kind": "image", "path": "%s"}]}' "$tmp/doc.json" >"$tmp/img.json"
expect "an image that is not PNG or JPEG is refused" 1 "" \
	"pingxuan odoc: error: blocks[0].image_path: image '$tmp/doc.json': not a PNG or JPEG image of at most 25 megapixels [report_bad_image]" \
	-- px odoc --json "$tmp/img.json" --docx "$tmp/bad.docx"
printf '{"issuer": "办公室", "title": "通知", "blocks": [{"kind": "chart"}]}' >"$tmp/kind.json"
expect "an unknown kind of block" 1 "" \
	"pingxuan odoc: error: kind: blocks[0]: kind is heading1, heading2, para, table or image [invalid_json]" \
	-- px odoc --json "$tmp/kind.json" --pdf "$tmp/bad.pdf"
printf '{"issuer": "办公室", "title": "通知", "blocks": [{"kind": "table", "head": ["序号"], "rows": [[1]]}]}' >"$tmp/cell.json"
expect "a table cell that is not a string" 1 "" \
	"pingxuan odoc: error: cells: blocks[0]: table cells and headers are strings [invalid_json]" \
	-- px odoc --json "$tmp/cell.json" --pdf "$tmp/bad.pdf"
assert "nothing is left of refused documents" test ! -e "$tmp/bad.pdf" -a ! -e "$tmp/bad.docx"
done_testing
