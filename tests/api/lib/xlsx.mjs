// xlsx.mjs - a minimal .xlsx workbook for import tests: rows of strings
// (shared strings) and integers (numbers), '' left out as a gap, the first
// sheet reached through the workbook's relationships; zipped by python3's
// zipfile and returned as base64.
import { execFileSync } from 'node:child_process';

export function xlsx(rows) {
  const script = `
import base64, io, json, sys, zipfile
from xml.sax.saxutils import escape
rows = json.load(sys.stdin)
strings, cells = [], []
def col(i): return chr(65 + i)
for r, row in enumerate(rows, 1):
    cs = []
    for i, v in enumerate(row):
        if v == '': continue
        ref = f'{col(i)}{r}'
        if isinstance(v, int): cs.append(f'<c r="{ref}"><v>{v}</v></c>')
        else:
            strings.append(v); cs.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
    cells.append(f'<row r="{r}">{"".join(cs)}</row>')
NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
parts = {
  '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  'xl/workbook.xml': f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets><sheet name="荣誉" sheetId="1" r:id="rId7"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="x" Target="worksheets/honours.xml"/></Relationships>',
  'xl/worksheets/honours.xml': f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{"".join(cells)}</sheetData></worksheet>',
  'xl/sharedStrings.xml': f'<?xml version="1.0"?><sst xmlns="{NS}">' + ''.join(f'<si><t>{escape(s)}</t></si>' for s in strings) + '</sst>',
}
out = io.BytesIO()
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, body in parts.items(): z.writestr(name, body)
print(base64.b64encode(out.getvalue()).decode())
`;
  return execFileSync('python3', ['-c', script], { input: JSON.stringify(rows) }).toString().trim();
}
