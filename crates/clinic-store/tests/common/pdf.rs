//! Reading printed documents back the way a person would: every page rendered to a PNG image by
//! poppler's `pdftoppm`, and the text read off those images by `tesseract` OCR. `pdf_text` reads the
//! text layer instead (`pdftotext`), for exact strings such as hashes that OCR may misread.
use std::path::Path;
use std::process::Command;

fn run(cmd: &mut Command, what: &str) -> std::process::Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what} could not start (is it installed? `make deps`): {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The text OCR reads off every page, rendered at 200 dpi, pages in order.
pub fn png_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    run(
        Command::new("pdftoppm")
            .args(["-r", "200", "-png"])
            .arg(&file)
            .arg(dir.path().join("page")),
        "pdftoppm",
    );
    let mut pngs: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pngs.sort();
    assert!(!pngs.is_empty(), "pdftoppm rendered no page");
    pngs.iter()
        .map(|png| ocr(png))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ocr(png: &Path) -> String {
    let out = run(
        Command::new("tesseract")
            .arg(png)
            .arg("stdout")
            .env("OMP_THREAD_LIMIT", "1"),
        "tesseract",
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text layer, as `pdftotext -layout` extracts it.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = run(
        Command::new("pdftotext")
            .args(["-layout"])
            .arg(&file)
            .arg("-"),
        "pdftotext",
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Number of pages, as `pdfinfo` reports it.
pub fn page_count(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = run(Command::new("pdfinfo").arg(&file), "pdfinfo");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports the page count")
}
