//! How wide text is in the standard PDF font (Helvetica), so lines wrap before the margin, and
//! which characters it can print. The widths are the Adobe Helvetica-Bold metrics (1/1000 em) of
//! the printable ASCII range; bold is never narrower than regular for these glyphs, so measuring
//! everything as bold errs on the side of wrapping early, never of running off the page.

/// Helvetica-Bold advance widths for U+0020..=U+007E.
const ASCII_WIDTHS: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278,
    278, // ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // digits
    333, 333, 584, 584, 584, 611, 975, // ':'..'@'
    722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667,
    611, 722, 667, 944, 667, 667, 611, // 'A'..'Z'
    333, 278, 333, 584, 556, 333, // '['..'`'
    556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556,
    333, 611, 556, 778, 556, 556, 500, // 'a'..'z'
    389, 280, 389, 584, // '{'..'~'
];

/// Width in millimetres of `text` at `size_pt` points.
pub(crate) fn text_width_mm(text: &str, size_pt: f32) -> f32 {
    let units: u32 = text.chars().map(char_width).sum();
    units as f32 / 1000.0 * size_pt * 25.4 / 72.0
}

fn char_width(c: char) -> u32 {
    match c as u32 {
        cp @ 0x20..=0x7E => u32::from(ASCII_WIDTHS[(cp - 0x20) as usize]),
        // Accented Latin letters are as wide as their base letter; a wide glyph (M, W) bounds them.
        _ => 944,
    }
}

/// `text` as the standard fonts can print it (WinAnsi): Latin-1 and the usual typographic marks
/// stay as they are; any other character is transliterated (`Ł` → `L`, `Алла` → `Alla`), so a name
/// in another script comes out readable instead of as `?`. Control characters become spaces.
pub(crate) fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c as u32 {
            0x20..=0x7E | 0xA0..=0xFF => out.push(c),
            _ if "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c) => {
                out.push(c)
            }
            _ if c.is_control() || c.is_whitespace() => out.push(' '),
            _ => out.push_str(deunicode::deunicode_char(c).unwrap_or("?")),
        }
    }
    out
}

/// Splits `text` into lines no wider than `width_mm`, at spaces where possible; a word longer
/// than the line is cut. Explicit line breaks are kept. Never returns an empty list.
pub(crate) fn wrap(text: &str, size_pt: f32, width_mm: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width_mm(&candidate, size_pt) <= width_mm {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone may still be too long: cut it.
            let mut rest = word.to_string();
            while text_width_mm(&rest, size_pt) > width_mm && rest.chars().count() > 1 {
                let fit = fitting_prefix(&rest, size_pt, width_mm);
                lines.push(rest.chars().take(fit).collect());
                rest = rest.chars().skip(fit).collect();
            }
            line = rest;
        }
        lines.push(line);
    }
    lines
}

fn fitting_prefix(word: &str, size_pt: f32, width_mm: f32) -> usize {
    let mut width = 0.0;
    for (i, c) in word.chars().enumerate() {
        width += char_width(c) as f32 / 1000.0 * size_pt * 25.4 / 72.0;
        if width > width_mm {
            return i.max(1);
        }
    }
    word.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_the_font() {
        // "Hello" in Helvetica-Bold: 722 + 556 + 278 + 278 + 611 = 2445 units.
        let mm = text_width_mm("Hello", 10.0);
        assert!((mm - 2.445 * 10.0 * 25.4 / 72.0).abs() < 1e-3, "{mm}");
    }

    #[test]
    fn other_scripts_are_transliterated_not_lost() {
        assert_eq!(printable("Müller – Zoë"), "Müller – Zoë");
        assert_eq!(printable("Łukasz"), "Lukasz");
        assert_eq!(printable("Алла"), "Alla");
        assert_eq!(printable("a\tb"), "a b");
    }

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let text =
            "Amoxicillin 500 mg capsule, one capsule three times a day for seven days after meals";
        let lines = wrap(text, 10.0, 40.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| text_width_mm(l, 10.0) <= 40.0));
        assert_eq!(lines.join(" "), text);
        let long = wrap(&"x".repeat(200), 10.0, 20.0);
        assert!(long.iter().all(|l| text_width_mm(l, 10.0) <= 20.0));
        assert_eq!(long.concat().len(), 200);
        assert_eq!(wrap("", 10.0, 20.0), vec![String::new()]);
    }
}
