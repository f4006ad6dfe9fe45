package io.budgetmonitor.scoring.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STHint;

/**
 * 自评报告 as a Word document: the Markdown of {@link ReportRenderer} laid out as a Chinese
 * government report is — A4, 宋体 body with a two-character first-line indent, 黑体 part headings,
 * 楷体 section headings, tables with borders and figures aligned right. Fonts are named for East Asian
 * text explicitly (Word otherwise falls back to a Latin font's metrics for 汉字), with Times New Roman
 * for digits and Latin; a machine without them substitutes fonts of its own (LibreOffice on Debian:
 * Noto Sans CJK throughout).
 */
public final class DocxReport {

    static final String SONG = "宋体";
    static final String HEI = "黑体";
    static final String KAI = "楷体";
    static final String LATIN = "Times New Roman";
    /** A4 (11,906 twips) less the left and right margins */
    static final int TEXT_WIDTH = 11_906 - 1_588 - 1_474;

    /**
     * The fonts the runs name, with what a reader without them should use instead: Word's own names
     * (altName) and the family, so that a substitute for 宋体 is a serif (roman) and for 黑体 a sans.
     */
    private static final String FONT_TABLE = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
              <w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
              <w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
              <w:font w:name="楷体"><w:altName w:val="KaiTi"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
              <w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
            </w:fonts>
            """;

    public byte[] write(String markdown) {
        try (XWPFDocument doc = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pageSetup(doc);
            fontTable(doc);
            List<List<String>> table = new ArrayList<>();
            for (String raw : markdown.split("\n", -1)) {
                String line = raw.stripTrailing();
                boolean literal = line.startsWith("\\");
                if (!literal && line.startsWith("|")) {
                    table.add(MarkdownTable.cells(line));
                    continue;
                }
                if (!table.isEmpty()) {
                    table(doc, table);
                    table.clear();
                }
                if (line.isBlank()) {
                    continue;
                }
                if (literal) {
                    body(doc, line.substring(1));
                } else if (line.startsWith("#")) {
                    heading(doc, line);
                } else if (line.startsWith("- ")) {
                    XWPFParagraph p = paragraph(doc, false);
                    p.setIndentationLeft(420);
                    p.setIndentationHanging(210);
                    runs(p, "· " + line.substring(2), SONG, 10.5, false);
                } else if (line.startsWith("表")) {
                    XWPFParagraph p = paragraph(doc, false);
                    p.setAlignment(ParagraphAlignment.CENTER);
                    p.setSpacingBefore(120);
                    runs(p, line, HEI, 10.5, false);
                } else {
                    body(doc, line);
                }
            }
            if (!table.isEmpty()) {
                table(doc, table);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report document", e);
        }
    }

    private static void fontTable(XWPFDocument doc) {
        try {
            PackagePartName name = PackagingURIHelper.createPartName("/word/fontTable.xml");
            PackagePart part = doc.getPackage()
                    .createPart(name, "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml");
            try (OutputStream xml = part.getOutputStream()) {
                xml.write(FONT_TABLE.strip().getBytes(StandardCharsets.UTF_8));
            }
            doc.getPackagePart()
                    .addRelationship(
                            name,
                            TargetMode.INTERNAL,
                            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable");
        } catch (InvalidFormatException | IOException e) {
            throw new IllegalStateException("cannot add the font table", e);
        }
    }

    /** A4 with the margins of a 公文 (3.7/3.5 cm top/bottom, 2.8/2.6 cm left/right), close enough to Word's defaults. */
    private static void pageSetup(XWPFDocument doc) {
        CTSectPr section = doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.addNewPgSz();
        size.setW(BigInteger.valueOf(11906));
        size.setH(BigInteger.valueOf(16838));
        CTPageMar margins = section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(2098));
        margins.setBottom(BigInteger.valueOf(1984));
        margins.setLeft(BigInteger.valueOf(1588));
        margins.setRight(BigInteger.valueOf(1474));
    }

    private static void heading(XWPFDocument doc, String line) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
            level++;
        }
        String text = line.substring(level).strip();
        XWPFParagraph p = paragraph(doc, false);
        // an outline level makes Word's navigation pane and table of contents see the structure
        p.getCTP().getPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(Math.min(level - 1, 8)));
        p.setKeepNext(true);
        switch (level) {
            case 1 -> {
                p.setAlignment(ParagraphAlignment.CENTER);
                p.setSpacingAfter(360);
                runs(p, text, SONG, 18, true);
            }
            case 2 -> {
                p.setSpacingBefore(240);
                p.setSpacingAfter(120);
                p.setIndentationFirstLine(640);
                runs(p, text, HEI, 16, false);
            }
            case 3 -> {
                p.setSpacingBefore(120);
                p.setIndentationFirstLine(640);
                runs(p, text, KAI, 15, true);
            }
            default -> {
                p.setIndentationFirstLine(600);
                runs(p, text, SONG, 12, true);
            }
        }
    }

    private static void body(XWPFDocument doc, String text) {
        XWPFParagraph p = paragraph(doc, true);
        runs(p, text, SONG, 12, false);
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, boolean indent) {
        XWPFParagraph p = doc.createParagraph();
        if (p.getCTP().getPPr() == null) {
            p.getCTP().addNewPPr();
        }
        p.setSpacingBetween(1.5);
        if (indent) {
            p.setIndentationFirstLine(480); // two characters of 12 pt
            p.setAlignment(ParagraphAlignment.BOTH);
        }
        return p;
    }

    /** The text as runs, **bold** where Markdown says so. */
    private static void runs(XWPFParagraph p, String text, String font, double size, boolean bold) {
        String[] parts = text.split("\\*\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                XWPFRun run = p.createRun();
                run.setText(parts[i]);
                font(run, font, size, bold || i % 2 == 1);
            }
        }
    }

    private static void font(XWPFRun run, String eastAsian, double size, boolean bold) {
        run.setBold(bold);
        run.setFontSize(size);
        // the run properties setBold/setFontSize made: a second <w:rPr> would be ignored by Word
        CTRPr properties =
                run.getCTR().isSetRPr() ? run.getCTR().getRPr() : run.getCTR().addNewRPr();
        CTFonts fonts = properties.sizeOfRFontsArray() > 0 ? properties.getRFontsArray(0) : properties.addNewRFonts();
        fonts.setAscii(LATIN);
        fonts.setHAnsi(LATIN);
        fonts.setEastAsia(eastAsian);
        fonts.setHint(STHint.EAST_ASIA);
        // simplified Chinese glyphs and punctuation, not the Japanese forms a renderer may pick otherwise
        (properties.sizeOfLangArray() > 0 ? properties.getLangArray(0) : properties.addNewLang()).setEastAsia("zh-CN");
    }

    /** The first column (the names) takes what the figures leave. */
    private static int[] widths(int columns) {
        int[] widths = new int[columns];
        // wide tables (the monitoring report's) share what the first column leaves: never more than the page
        int names = columns > 5 ? 3_000 : 2_000;
        int figure = columns > 3 ? Math.min(1_700, (TEXT_WIDTH - names) / (columns - 1)) : 1_600;
        for (int c = 1; c < columns; c++) {
            widths[c] = figure;
        }
        widths[0] = TEXT_WIDTH - figure * (columns - 1);
        return widths;
    }

    private static void table(XWPFDocument doc, List<List<String>> rows) {
        List<String> alignment =
                rows.stream().filter(MarkdownTable::isSeparator).findFirst().orElse(List.of());
        List<List<String>> content =
                rows.stream().filter(r -> !MarkdownTable.isSeparator(r)).toList();
        int columns = content.get(0).size();
        XWPFTable table = doc.createTable(content.size(), columns);
        table.setTableAlignment(TableRowAlign.CENTER);
        // widths in twips, grid and cells alike: percentages alone are ignored by some readers
        int[] widths = widths(columns);
        table.setWidth(Integer.toString(TEXT_WIDTH));
        CTTblGrid grid = table.getCTTbl().getTblGrid() != null
                ? table.getCTTbl().getTblGrid()
                : table.getCTTbl().addNewTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int width : widths) {
            grid.addNewGridCol().setW(BigInteger.valueOf(width));
        }
        for (int r = 0; r < content.size(); r++) {
            XWPFTableRow row = table.getRow(r);
            if (r == 0) {
                row.setRepeatHeader(true);
            }
            for (int c = 0; c < columns; c++) {
                XWPFTableCell cell = row.getCell(c);
                cell.setWidth(Integer.toString(widths[c]));
                XWPFParagraph p = cell.getParagraphs().get(0);
                p.setSpacingBetween(1.15);
                boolean right = c > 0 && c < alignment.size() && MarkdownTable.rightAligned(alignment.get(c));
                p.setAlignment(
                        r == 0
                                ? ParagraphAlignment.CENTER
                                : right ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT);
                String text = c < content.get(r).size() ? content.get(r).get(c) : "";
                runs(p, text, r == 0 ? HEI : SONG, 10.5, false);
            }
        }
        // a little air after a table
        paragraph(doc, false);
    }
}
