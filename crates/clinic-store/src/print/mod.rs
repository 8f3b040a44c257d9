//! Printed documents (receipts, invoices, prescriptions, lab reports): an A4 page builder over
//! `printpdf` with the standard Helvetica font, so a document is a few kilobytes and renders the
//! same in every PDF reader. Text is placed top-down; a new page starts when the next block would
//! run into the footer, and every page carries the footer and "Page n of m". Text the font cannot
//! print is transliterated (`metrics::printable`), never dropped.
pub mod label;
mod metrics;

use crate::error::Result;
use printpdf::{
    BuiltinFont, Color, Greyscale, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, TextItem,
};

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 18.0;
const TOP: f32 = 18.0;
/// Space kept free at the bottom of every page for the footer.
const FOOTER_ZONE: f32 = 22.0;
const BODY: f32 = 10.0;
const SMALL: f32 = 8.0;

/// One column of a `table`: its heading, width, and whether its cells are right-aligned (amounts).
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width_mm: f32,
    pub right: bool,
}

impl Column {
    pub fn left(title: &str, width_mm: f32) -> Self {
        Self {
            title: title.to_string(),
            width_mm,
            right: false,
        }
    }

    pub fn right(title: &str, width_mm: f32) -> Self {
        Self {
            title: title.to_string(),
            width_mm,
            right: true,
        }
    }
}

#[derive(Clone, Copy)]
enum Style {
    Regular,
    Bold,
    Grey,
}

/// A document being laid out. Methods add blocks below the previous one.
pub struct PrintDoc {
    title: String,
    pages: Vec<Vec<Op>>,
    /// Distance of the next block from the top of the page, in millimetres.
    y: f32,
    footer: String,
}

impl PrintDoc {
    pub fn new(title: &str) -> Self {
        Self {
            title: metrics::printable(title),
            pages: vec![Vec::new()],
            y: TOP,
            footer: String::new(),
        }
    }

    fn width(&self) -> f32 {
        PAGE_W - 2.0 * MARGIN
    }

    /// Starts a new page when `height` millimetres do not fit above the footer.
    fn room_for(&mut self, height: f32) {
        if self.y + height > PAGE_H - FOOTER_ZONE && self.y > TOP {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        // `pages` always holds at least the first page.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Writes one line of text with its baseline `size` below the current position, at `x`.
    fn put(&mut self, x: f32, text: &str, size: f32, style: Style) {
        let baseline = PAGE_H - self.y - size * 0.3528;
        let ops = text_ops(x, baseline, text, size, style);
        self.ops().extend(ops);
    }

    fn lines(&mut self, text: &str, size: f32, style: Style) {
        let line_h = size * 0.3528 * 1.35;
        for line in metrics::wrap(&metrics::printable(text), size, self.width()) {
            self.room_for(line_h);
            self.put(MARGIN, &line, size, style);
            self.y += line_h;
        }
    }

    /// The clinic's name, large and bold, with its address and phone lines, then a rule.
    pub fn clinic_header(&mut self, name: &str, lines: &[&str]) {
        self.lines(name, 16.0, Style::Bold);
        for line in lines.iter().filter(|l| !l.trim().is_empty()) {
            self.lines(line, 9.0, Style::Grey);
        }
        self.gap(1.5);
        self.rule();
        self.gap(3.0);
    }

    pub fn title(&mut self, text: &str) {
        self.lines(text, 15.0, Style::Bold);
        self.gap(1.5);
    }

    pub fn text(&mut self, text: &str) {
        self.lines(text, BODY, Style::Regular);
    }

    pub fn bold(&mut self, text: &str) {
        self.lines(text, BODY, Style::Bold);
    }

    pub fn small(&mut self, text: &str) {
        self.lines(text, SMALL, Style::Grey);
    }

    /// Label/value rows: the labels in a bold column, the values wrapped beside them.
    pub fn fields(&mut self, pairs: &[(&str, &str)]) {
        let label_w = pairs
            .iter()
            .map(|(l, _)| metrics::text_width_mm(&metrics::printable(l), BODY))
            .fold(0.0_f32, f32::max)
            .min(self.width() / 3.0)
            + 4.0;
        let line_h = BODY * 0.3528 * 1.35;
        for (label, value) in pairs {
            let label = metrics::wrap(&metrics::printable(label), BODY, label_w - 2.0);
            let value = metrics::wrap(&metrics::printable(value), BODY, self.width() - label_w);
            let rows = label.len().max(value.len());
            self.room_for(line_h * rows as f32);
            for i in 0..rows {
                if let Some(l) = label.get(i) {
                    self.put(MARGIN, l, BODY, Style::Bold);
                }
                if let Some(v) = value.get(i) {
                    self.put(MARGIN + label_w, v, BODY, Style::Regular);
                }
                self.y += line_h;
            }
        }
    }

    /// A table: a bold heading row, a rule, then one row per entry. Cells wrap within their
    /// column; a row never splits across pages (the heading is repeated on the new page).
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let line_h = BODY * 0.3528 * 1.35;
        let heading: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        self.gap(1.5);
        self.table_row(columns, &heading, Style::Bold, line_h);
        self.rule();
        self.gap(1.0);
        for row in rows {
            let cells = wrap_cells(columns, row);
            let height = line_h * cells.iter().map(Vec::len).max().unwrap_or(1) as f32;
            let page = self.pages.len();
            self.room_for(height);
            if self.pages.len() != page {
                self.table_row(columns, &heading, Style::Bold, line_h);
                self.rule();
                self.gap(1.0);
            }
            self.place_cells(columns, &cells, Style::Regular, line_h);
        }
    }

    fn table_row(&mut self, columns: &[Column], row: &[String], style: Style, line_h: f32) {
        let cells = wrap_cells(columns, row);
        let height = line_h * cells.iter().map(Vec::len).max().unwrap_or(1) as f32;
        self.room_for(height);
        self.place_cells(columns, &cells, style, line_h);
    }

    fn place_cells(
        &mut self,
        columns: &[Column],
        cells: &[Vec<String>],
        style: Style,
        line_h: f32,
    ) {
        let rows = cells.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..rows {
            let mut x = MARGIN;
            for (column, lines) in columns.iter().zip(cells) {
                if let Some(line) = lines.get(i) {
                    let at = if column.right {
                        x + column.width_mm - 2.0 - metrics::text_width_mm(line, BODY)
                    } else {
                        x
                    };
                    self.put(at, line, BODY, style);
                }
                x += column.width_mm;
            }
            self.y += line_h;
        }
    }

    /// A thin line across the page.
    pub fn rule(&mut self) {
        self.room_for(1.0);
        let y = PAGE_H - self.y;
        let ops = rule_ops(MARGIN, PAGE_W - MARGIN, y);
        self.ops().extend(ops);
        self.y += 1.0;
    }

    pub fn gap(&mut self, mm: f32) {
        self.y += mm.max(0.0);
    }

    /// A line to sign on, with `label` under it, kept together on one page.
    pub fn signature_line(&mut self, label: &str) {
        self.room_for(18.0);
        self.gap(12.0);
        let y = PAGE_H - self.y;
        let ops = rule_ops(MARGIN, MARGIN + 70.0, y);
        self.ops().extend(ops);
        self.gap(1.5);
        self.small(label);
    }

    /// Text printed at the bottom of every page, beside "Page n of m".
    pub fn footer(&mut self, text: &str) {
        self.footer = metrics::printable(text);
    }

    /// The finished PDF.
    pub fn finish(self) -> Result<Vec<u8>> {
        let total = self.pages.len();
        let footer_lines = metrics::wrap(&self.footer, SMALL, PAGE_W - 2.0 * MARGIN - 30.0);
        let pages = self
            .pages
            .into_iter()
            .enumerate()
            .map(|(i, mut ops)| {
                let base = FOOTER_ZONE - 8.0;
                ops.extend(rule_ops(MARGIN, PAGE_W - MARGIN, base + 4.0));
                for (n, line) in footer_lines.iter().enumerate() {
                    let y = base - n as f32 * SMALL * 0.3528 * 1.3;
                    ops.extend(text_ops(MARGIN, y, line, SMALL, Style::Grey));
                }
                let page = format!("Page {} of {}", i + 1, total);
                let x = PAGE_W - MARGIN - metrics::text_width_mm(&page, SMALL);
                ops.extend(text_ops(x, base, &page, SMALL, Style::Grey));
                PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)
            })
            .collect();
        let mut doc = PdfDocument::new(&self.title);
        let bytes = doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut Vec::new());
        Ok(bytes)
    }
}

fn wrap_cells(columns: &[Column], row: &[String]) -> Vec<Vec<String>> {
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text = metrics::printable(row.get(i).map(String::as_str).unwrap_or(""));
            metrics::wrap(&text, BODY, (c.width_mm - 2.0).max(5.0))
        })
        .collect()
}

fn text_ops(x: f32, baseline: f32, text: &str, size: f32, style: Style) -> Vec<Op> {
    let (font, grey) = match style {
        Style::Regular => (BuiltinFont::Helvetica, 0.0),
        Style::Bold => (BuiltinFont::HelveticaBold, 0.0),
        Style::Grey => (BuiltinFont::Helvetica, 0.35),
    };
    vec![
        Op::StartTextSection,
        Op::SetFillColor {
            col: Color::Greyscale(Greyscale {
                percent: grey,
                icc_profile: None,
            }),
        },
        Op::SetFont {
            font: PdfFontHandle::Builtin(font),
            size: Pt(size),
        },
        Op::SetTextCursor {
            pos: Point::new(Mm(x), Mm(baseline)),
        },
        Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        },
        Op::EndTextSection,
    ]
}

fn rule_ops(x1: f32, x2: f32, y: f32) -> Vec<Op> {
    let point = |x: f32| LinePoint {
        p: Point::new(Mm(x), Mm(y)),
        bezier: false,
    };
    vec![
        Op::SetOutlineThickness { pt: Pt(0.5) },
        Op::DrawLine {
            line: Line {
                points: vec![point(x1), point(x2)],
                is_closed: false,
            },
        },
    ]
}

#[cfg(test)]
mod tests;
