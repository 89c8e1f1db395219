/*
 * odoc_docx.c - an official document as an editable .docx: the minimal
 * WordprocessingML package of ECMA-376 (content types, relationships, the
 * document, styles, settings, font table, two footers, core and app
 * properties, the images as media) zipped with libzip. The page is the PDF's
 * (A4, margins 37/26/35/28 mm, a grid of 22 lines of 28 characters); styles
 * carry the official fonts by name (仿宋_GB2312, 方正小标宋简体, 黑体,
 * 楷体_GB2312, each with its common alternative in the font table) so that
 * Word and WPS use them where installed; the footers hold "— PAGE —" in 宋体
 * 4号, right on odd pages and left on even ones. Every string is XML-escaped;
 * control characters never get this far (odoc_check()).
 */
#include "report/odoc.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zip.h>

#include "core/date.h"
#include "report/file.h"
#include "report/odoc_int.h"
#include "report/text.h"

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL NS_R "/"
#define CT "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define TEXT_TWIPS 8845              /* 156 mm */
#define TEXT_EMU 5616000LL           /* 156 mm */
#define HEIGHT_EMU 8100000LL         /* 225 mm */
#define LINE_TWIPS 579               /* 225 mm / 22 */

static const char content_types[] = XML_HEAD
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Default Extension=\"png\" ContentType=\"image/png\"/>"
	"<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"" CT "document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"" CT "styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"" CT "settings+xml\"/>"
	"<Override PartName=\"/word/fontTable.xml\" ContentType=\"" CT "fontTable+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT "footer+xml\"/>"
	"<Override PartName=\"/word/footer2.xml\" ContentType=\"" CT "footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>";

static const char package_rels[] = XML_HEAD
	"<Relationships xmlns=\"" NS_PR "\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_PR "/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL "extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

static const char app_xml[] = XML_HEAD
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>pingxuan</Application></Properties>";

static const char settings_xml[] = XML_HEAD
	"<w:settings xmlns:w=\"" NS_W "\">"
	"<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>"
	"<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
	"</w:settings>";

#define FONT(name, alt, family, pitch)                                                   \
	"<w:font w:name=\"" name "\"><w:altName w:val=\"" alt "\"/><w:charset w:val=\"86\"/>" \
	"<w:family w:val=\"" family "\"/><w:pitch w:val=\"" pitch "\"/></w:font>"

static const char font_table[] = XML_HEAD
	"<w:fonts xmlns:w=\"" NS_W "\">"
	FONT("仿宋_GB2312", "仿宋", "modern", "fixed")
	FONT("方正小标宋简体", "宋体", "script", "variable")
	FONT("黑体", "SimHei", "modern", "fixed")
	FONT("楷体_GB2312", "楷体", "modern", "fixed")
	FONT("宋体", "SimSun", "auto", "variable")
	"<w:font w:name=\"Times New Roman\"><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>"
	"</w:fonts>";

#define FONTS(ea) "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" ea "\" w:cs=\"Times New Roman\"/>"
#define EXACT "<w:spacing w:line=\"579\" w:lineRule=\"exact\"/>"
#define STYLE(id, name, ppr, rpr)                                                          \
	"<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>"   \
	"<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>" ppr "</w:pPr><w:rPr>" rpr "</w:rPr></w:style>"

static const char styles_xml[] = XML_HEAD
	"<w:styles xmlns:w=\"" NS_W "\">"
	"<w:docDefaults><w:rPrDefault><w:rPr>" FONTS("仿宋_GB2312")
	"<w:spacing w:val=\"-5\"/><w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
	"<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/>" EXACT "<w:jc w:val=\"both\"/></w:pPr>"
	"</w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
	"<w:rPr><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
	STYLE("Body", "公文正文", "<w:ind w:firstLineChars=\"200\" w:firstLine=\"632\"/>", "")
	STYLE("Heading1", "heading 1", "<w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"632\"/><w:outlineLvl w:val=\"0\"/>",
	      FONTS("黑体"))
	STYLE("Heading2", "heading 2", "<w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"632\"/><w:outlineLvl w:val=\"1\"/>",
	      FONTS("楷体_GB2312"))
	STYLE("Title", "Title", "<w:snapToGrid w:val=\"0\"/><w:jc w:val=\"center\"/>",
	      FONTS("方正小标宋简体") "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>")
	STYLE("Issuer", "发文机关标志", "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"1984\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
	      FONTS("方正小标宋简体") "<w:b/><w:color w:val=\"FF0000\"/>")
	STYLE("Number", "发文字号", "<w:spacing w:before=\"1158\" w:line=\"579\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>", "")
	STYLE("Recipients", "主送机关", "<w:spacing w:before=\"579\" w:line=\"579\" w:lineRule=\"exact\"/>", "")
	STYLE("Signer", "发文机关署名", "<w:jc w:val=\"right\"/>", "")
	STYLE("Cell", "表格文字", "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
	      "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>")
	STYLE("Picture", "图片", "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>", "")
	STYLE("Imprint", "版记", "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"579\" w:lineRule=\"exact\"/>"
	      "<w:ind w:left=\"280\" w:right=\"280\"/>", "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>")
	STYLE("Folio", "页码", "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>",
	      FONTS("宋体") "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>")
	"</w:styles>";

#define FOOTER(ind, jc)                                                                    \
	XML_HEAD "<w:ftr xmlns:w=\"" NS_W "\"><w:p><w:pPr><w:pStyle w:val=\"Folio\"/>"      \
	"<w:ind " ind "/><w:jc w:val=\"" jc "\"/></w:pPr>"                                    \
	"<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"                                     \
	"<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"                \
	"<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"

static const char footer_odd[] = FOOTER("w:right=\"280\"", "right");
static const char footer_even[] = FOOTER("w:left=\"280\"", "left");

/* Append t with &, <, >, " and ' escaped. */
static void esc(GString *s, const char *t)
{
	for (; t && *t; t++) {
		switch (*t) {
		case '&': g_string_append(s, "&amp;"); break;
		case '<': g_string_append(s, "&lt;"); break;
		case '>': g_string_append(s, "&gt;"); break;
		case '"': g_string_append(s, "&quot;"); break;
		case '\'': g_string_append(s, "&apos;"); break;
		default: g_string_append_c(s, *t);
		}
	}
}

/* One run of text (rpr may be ""): '\n' becomes a line break, '\t' a tab. */
static void run(GString *s, const char *rpr, const char *text)
{
	const char *p = text ? text : "";

	g_string_append_printf(s, "<w:r>%s%s%s", *rpr ? "<w:rPr>" : "", rpr, *rpr ? "</w:rPr>" : "");
	while (*p) {
		size_t n = strcspn(p, "\n\t");
		if (n) {
			g_string_append(s, "<w:t xml:space=\"preserve\">");
			char *part = g_strndup(p, n);
			esc(s, part);
			g_free(part);
			g_string_append(s, "</w:t>");
		}
		p += n;
		if (*p)
			g_string_append(s, *p++ == '\n' ? "<w:br/>" : "<w:tab/>");
	}
	g_string_append(s, "</w:r>");
}

/* A paragraph of style `style` with extra paragraph properties ppr (after the style). */
static void para(GString *s, const char *style, const char *ppr, const char *rpr,
		 const char *text)
{
	g_string_append_printf(s, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr>", style, ppr);
	if (!report_text_empty(text))
		run(s, rpr, text);
	g_string_append(s, "</w:p>");
}

/*
 * 版头: the issuer mark on one line (36 pt, narrowed down to 60 % as the PDF
 * does, then smaller), the number, the red rule under it.
 */
static void masthead(GString *s, const struct odoc *d)
{
	static const char rule[] = "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"11\" "
				   "w:color=\"FF0000\"/></w:pBdr>";
	double width = odoc_text_chars(d->issuer) * 36; /* points at 36 pt */
	int half_points = 72, scale = 100;
	char rpr[128];

	if (width > 440) {
		scale = (int)(440 * 100 / width);
		if (scale < 60) {
			half_points = (int)(72 * 440 / (0.6 * width));
			scale = 60;
		}
	}
	half_points = half_points < 20 ? 20 : half_points;
	snprintf(rpr, sizeof(rpr), "<w:w w:val=\"%d\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>",
		 scale, half_points, half_points);
	para(s, "Issuer", "", rpr, d->issuer);
	para(s, "Number", rule, "", d->number);
}

static void cell(GString *s, int twips, bool head, const char *text)
{
	g_string_append_printf(s, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>"
				  "<w:vAlign w:val=\"center\"/></w:tcPr>", twips);
	para(s, "Cell", head ? "<w:jc w:val=\"center\"/>" : "",
	     head ? FONTS("黑体") "<w:b/>" : "", text);
	g_string_append(s, "</w:tc>");
}

static void table(GString *s, const struct odoc_table *t)
{
	static const char *const sides[] = { "top", "left", "bottom", "right", "insideH",
					     "insideV" };
	double share[ODOC_COLS_MAX];
	int w[ODOC_COLS_MAX];

	odoc_table_shares(t, share);
	g_string_append(s, "<w:tbl><w:tblPr><w:tblW w:w=\"" G_STRINGIFY(TEXT_TWIPS)
			   "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>");
	for (size_t i = 0; i < G_N_ELEMENTS(sides); i++)
		g_string_append_printf(s, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
					  "w:color=\"000000\"/>", sides[i]);
	g_string_append(s, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
			   "<w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/>"
			   "</w:tblCellMar></w:tblPr><w:tblGrid>");
	for (int c = 0; c < t->ncols; c++) {
		w[c] = (int)(TEXT_TWIPS * share[c]);
		g_string_append_printf(s, "<w:gridCol w:w=\"%d\"/>", w[c]);
	}
	g_string_append(s, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	for (int c = 0; c < t->ncols; c++)
		cell(s, w[c], true, t->head[c]);
	g_string_append(s, "</w:tr>");
	for (int r = 0; r < t->nrows; r++) {
		g_string_append(s, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		for (int c = 0; c < t->ncols; c++)
			cell(s, w[c], false, t->cells[(size_t)r * (size_t)t->ncols + (size_t)c]);
		g_string_append(s, "</w:tr>");
	}
	g_string_append(s, "</w:tbl>");
}

/* An inline picture at the text width (or the type area's height), image n of the package. */
static void picture(GString *s, const struct odoc_image *img, int n)
{
	long long cx = TEXT_EMU, cy = TEXT_EMU * img->h / img->w;

	if (cy > HEIGHT_EMU) {
		cx = cx * HEIGHT_EMU / cy;
		cy = HEIGHT_EMU;
	}
	g_string_append_printf(s,
		"<w:p><w:pPr><w:pStyle w:val=\"Picture\"/></w:pPr><w:r><w:drawing>"
		"<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
		"<wp:extent cx=\"%lld\" cy=\"%lld\"/><wp:docPr id=\"%d\" name=\"图片 %d\"/>"
		"<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
		"<pic:pic><pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"image%d.%s\"/><pic:cNvPicPr/></pic:nvPicPr>"
		"<pic:blipFill><a:blip r:embed=\"rIdImage%d\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
		"<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%lld\" cy=\"%lld\"/></a:xfrm>"
		"<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
		"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
		cx, cy, n, n, n, n, img->jpeg ? "jpeg" : "png", n, cx, cy);
}

/*
 * 7.3.5.2, in characters: the signer two in from the right, the date under it
 * starting two characters further right; a date longer than that is two in
 * from the right and the signer moves with it.
 */
static void signature(GString *s, const struct odoc *d)
{
	char date[ODOC_TEXT_LEN], ppr[128];
	double ns = odoc_text_chars(d->signer), nd;
	int date_right, signer_right;

	odoc_date_text(d->date, date);
	nd = odoc_text_chars(date);
	date_right = ns - nd > 2 ? (int)((ns - nd) * 100) : 200;
	signer_right = date_right + (int)((nd + 2 - ns) * 100);
	if (report_text_empty(d->signer) && !date[0])
		return;
	para(s, "Signer", "", "", NULL);
	if (!report_text_empty(d->signer)) {
		snprintf(ppr, sizeof(ppr), "<w:ind w:rightChars=\"%d\" w:right=\"%d\"/>",
			 signer_right, signer_right * 316 / 100);
		para(s, "Signer", ppr, "", d->signer);
	}
	if (date[0]) {
		snprintf(ppr, sizeof(ppr), "<w:ind w:rightChars=\"%d\" w:right=\"%d\"/>",
			 date_right, date_right * 316 / 100);
		para(s, "Signer", ppr, "", date);
	}
}

#define RULE_THICK "w:val=\"single\" w:sz=\"8\" w:space=\"1\" w:color=\"000000\""
#define RULE_THIN "w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\""

/*
 * 版记: 抄送 (continued lines aligned after its colon) and the printer with
 * "…印发" at a right tab, between rules of 0.35 mm (outer) and 0.25 mm
 * (between). It follows the signature; Word does not pin it to the foot.
 */
static void imprint(GString *s, const struct odoc *d)
{
	char cc[ODOC_TEXT_LEN], printed[ODOC_TEXT_LEN], ppr[512];
	bool foot;

	odoc_imprint_text(d, cc, printed);
	foot = printed[0] || !report_text_empty(d->printer);
	if (!cc[0] && !foot)
		return;
	para(s, "Normal", "", "", NULL);
	if (cc[0]) {
		snprintf(ppr, sizeof(ppr), "<w:keepNext/><w:pBdr><w:top " RULE_THICK "/>"
			 "<w:bottom %s/></w:pBdr><w:ind w:left=\"1120\" w:right=\"280\" "
			 "w:hanging=\"840\"/>", foot ? RULE_THIN : RULE_THICK);
		para(s, "Imprint", ppr, "", cc);
	}
	if (!foot)
		return;
	snprintf(ppr, sizeof(ppr), "<w:pBdr>%s<w:bottom " RULE_THICK "/></w:pBdr><w:tabs>"
		 "<w:tab w:val=\"right\" w:pos=\"%d\"/></w:tabs>",
		 cc[0] ? "" : "<w:top " RULE_THICK "/>", TEXT_TWIPS - 2 * 280);
	g_string_append_printf(s, "<w:p><w:pPr><w:pStyle w:val=\"Imprint\"/>%s</w:pPr>", ppr);
	if (!report_text_empty(d->printer))
		run(s, "", d->printer);
	run(s, "", "\t");
	run(s, "", printed);
	g_string_append(s, "</w:p>");
}

static const char sect_pr[] =
	"<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"
	"<w:footerReference w:type=\"even\" r:id=\"rIdFooter2\"/>"
	"<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
	"<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" "
	"w:footer=\"1417\" w:gutter=\"0\"/><w:cols w:space=\"425\"/>"
	"<w:docGrid w:type=\"lines\" w:linePitch=\"579\"/></w:sectPr>";

static GString *document_xml(const struct odoc *d, const struct odoc_image *imgs)
{
	GString *s = g_string_new(XML_HEAD);
	char recipients[ODOC_TEXT_LEN];

	g_string_append(s, "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\" "
			   "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
			   "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
			   "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>");
	masthead(s, d);
	para(s, "Title", "<w:spacing w:before=\"1158\"/>", "", d->title);
	odoc_recipients_text(d->recipients, recipients);
	if (recipients[0])
		para(s, "Recipients", "", "", recipients);
	for (int b = 0; b < d->nblocks; b++) {
		const struct odoc_block *k = &d->blocks[b];
		switch (k->kind) {
		case ODOC_HEADING1: para(s, "Heading1", "", "", k->text); break;
		case ODOC_HEADING2: para(s, "Heading2", "", "", k->text); break;
		case ODOC_PARA: para(s, "Body", "", "", k->text); break;
		case ODOC_TABLE: table(s, k->table); break;
		case ODOC_IMAGE: picture(s, &imgs[b], b + 1); break;
		}
	}
	signature(s, d);
	imprint(s, d);
	para(s, "Normal", "", "", NULL); /* a body never ends in a table */
	g_string_append(s, sect_pr);
	g_string_append(s, "</w:body></w:document>");
	return s;
}

static GString *document_rels(const struct odoc *d, const struct odoc_image *imgs)
{
	GString *s = g_string_new(XML_HEAD);

	g_string_append(s, "<Relationships xmlns=\"" NS_PR "\">"
		"<Relationship Id=\"rIdStyles\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
		"<Relationship Id=\"rIdSettings\" Type=\"" REL "settings\" Target=\"settings.xml\"/>"
		"<Relationship Id=\"rIdFonts\" Type=\"" REL "fontTable\" Target=\"fontTable.xml\"/>"
		"<Relationship Id=\"rIdFooter1\" Type=\"" REL "footer\" Target=\"footer1.xml\"/>"
		"<Relationship Id=\"rIdFooter2\" Type=\"" REL "footer\" Target=\"footer2.xml\"/>");
	for (int b = 0; b < d->nblocks; b++)
		if (imgs[b].data)
			g_string_append_printf(s, "<Relationship Id=\"rIdImage%d\" Type=\"" REL
						  "image\" Target=\"media/image%d.%s\"/>",
					       b + 1, b + 1, imgs[b].jpeg ? "jpeg" : "png");
	g_string_append(s, "</Relationships>");
	return s;
}

static GString *core_xml(const struct odoc *d)
{
	GString *s = g_string_new(XML_HEAD);

	g_string_append(s, "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
			   "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
	esc(s, d->title);
	g_string_append(s, "</dc:title><dc:creator>");
	esc(s, d->issuer);
	g_string_append(s, "</dc:creator></cp:coreProperties>");
	return s;
}

struct zipper {
	zip_t *za;
	const char *path;      /* the final path, for errors */
	time_t mtime;          /* of every entry: the document's date, or 0 for now */
	int rc;
};

/* Add a part holding len bytes of data; with owned, libzip frees data (malloc'd). */
static void add(struct zipper *z, const char *name, const void *data, size_t len, bool owned,
		struct px_err *err)
{
	zip_source_t *src;
	zip_int64_t idx = -1;

	if (z->rc)
		goto out_free;
	if (!(src = zip_source_buffer(z->za, data, len, owned))) {
		z->rc = px_err_set(err, PX_EINTERNAL, "report_docx_failed", "", "docx '%s': %s",
				   z->path, zip_strerror(z->za));
		goto out_free;
	}
	if ((idx = zip_file_add(z->za, name, src, ZIP_FL_ENC_UTF_8)) < 0 ||
	    (z->mtime && zip_file_set_mtime(z->za, (zip_uint64_t)idx, z->mtime, 0))) {
		if (idx < 0)
			zip_source_free(src);
		z->rc = px_err_set(err, PX_EINTERNAL, "report_docx_failed", "", "docx '%s': %s",
				   z->path, zip_strerror(z->za));
	}
	return;
out_free:
	if (owned)
		free((void *)data);
}

static void add_string(struct zipper *z, const char *name, GString *s, struct px_err *err)
{
	size_t len = s->len;

	add(z, name, g_string_free(s, FALSE), len, true, err);
}

static void add_parts(struct zipper *z, const struct odoc *d, const struct odoc_image *imgs,
		      struct px_err *err)
{
	char name[64];

	add(z, "[Content_Types].xml", content_types, strlen(content_types), false, err);
	add(z, "_rels/.rels", package_rels, strlen(package_rels), false, err);
	add_string(z, "docProps/core.xml", core_xml(d), err);
	add(z, "docProps/app.xml", app_xml, strlen(app_xml), false, err);
	add_string(z, "word/document.xml", document_xml(d, imgs), err);
	add_string(z, "word/_rels/document.xml.rels", document_rels(d, imgs), err);
	add(z, "word/styles.xml", styles_xml, strlen(styles_xml), false, err);
	add(z, "word/settings.xml", settings_xml, strlen(settings_xml), false, err);
	add(z, "word/fontTable.xml", font_table, strlen(font_table), false, err);
	add(z, "word/footer1.xml", footer_odd, strlen(footer_odd), false, err);
	add(z, "word/footer2.xml", footer_even, strlen(footer_even), false, err);
	for (int b = 0; b < d->nblocks; b++) {
		if (!imgs[b].data)
			continue;
		snprintf(name, sizeof(name), "word/media/image%d.%s", b + 1,
			 imgs[b].jpeg ? "jpeg" : "png");
		add(z, name, imgs[b].data, imgs[b].len, false, err);
	}
}

int odoc_write_docx(const struct odoc *d, const char *path, struct px_err *err)
{
	struct odoc_image *imgs = NULL;
	struct report_file f;
	struct zipper z = { .path = path };
	char created[ODOC_ISO_LEN];
	px_date day;
	int rc, zerr = 0;

	if ((rc = odoc_check(d, err)) || (rc = odoc_images_load(d, &imgs, err)))
		return rc;
	/* entries dated by the document (DOS times start in 1980), so the same input gives the same file */
	if (odoc_iso_datetime(d->date, created) && !date_parse(created, 10, &day) &&
	    day >= date_from_ymd(1980, 1, 2))
		z.mtime = (time_t)day * 86400;
	if ((rc = report_file_begin(&f, path, false, err)))
		goto out_free;
	if (!(z.za = zip_open(f.tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr))) {
		rc = px_err_set(err, PX_EIO, "report_write_failed", "path", "cannot write '%s'", path);
		report_file_abort(&f);
		goto out_free;
	}
	add_parts(&z, d, imgs, err);
	if (!(rc = z.rc) && zip_close(z.za)) {
		rc = px_err_set(err, PX_EIO, "report_write_failed", "path", "cannot write '%s': %s",
				path, zip_strerror(z.za));
	}
	if (rc) {
		zip_discard(z.za);
		report_file_abort(&f);
		goto out_free;
	}
	chmod(f.tmp, 0600);
	rc = report_file_commit(&f, err);
out_free:
	odoc_images_free(imgs, d->nblocks);
	return rc;
}
