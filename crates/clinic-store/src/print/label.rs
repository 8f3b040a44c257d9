//! Small labels (e.g. a lab sample tube label): a page of a given size with lines of text placed
//! top-down, each line cut to the label's width (never wrapped off the label).
use super::{metrics, text_ops, Style};
use crate::error::Result;
use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};

/// A one-page label being laid out.
pub struct LabelDoc {
    title: String,
    width: f32,
    height: f32,
    margin: f32,
    y: f32,
    ops: Vec<printpdf::Op>,
}

impl LabelDoc {
    /// A label of `width_mm` × `height_mm` with a 2.5 mm margin.
    pub fn new(title: &str, width_mm: f32, height_mm: f32) -> Self {
        Self {
            title: metrics::printable(title),
            width: width_mm,
            height: height_mm,
            margin: 2.5,
            y: 2.5,
            ops: Vec::new(),
        }
    }

    fn line(&mut self, text: &str, size: f32, style: Style) {
        let room = self.width - 2.0 * self.margin;
        let mut text = metrics::printable(text);
        while !text.is_empty() && metrics::text_width_mm(&text, size) > room {
            text.pop();
        }
        let baseline = self.height - self.y - size * 0.3528;
        self.ops
            .extend(text_ops(self.margin, baseline, &text, size, style));
        self.y += size * 0.3528 * 1.25;
    }

    /// A large bold line (the sample id).
    pub fn big(&mut self, text: &str) {
        self.line(text, 13.0, Style::Bold);
    }

    /// A line of regular text at `size_pt`.
    pub fn text(&mut self, text: &str, size_pt: f32) {
        self.line(text, size_pt, Style::Regular);
    }

    /// The finished one-page PDF.
    pub fn finish(self) -> Result<Vec<u8>> {
        let page = PdfPage::new(Mm(self.width), Mm(self.height), self.ops);
        let mut doc = PdfDocument::new(&self.title);
        Ok(doc
            .with_pages(vec![page])
            .save(&PdfSaveOptions::default(), &mut Vec::new()))
    }
}
