//! Text folding shared by search, duplicate detection and import.

/// Lower-case ASCII folding: "Zoë  Ñúñez" → "zoe nunez". Used for accent- and case-insensitive matching.
pub fn fold(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    ascii.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Only the digits of a phone number, so "+256 (0)77-123" and "256077123" compare equal.
pub fn phone_digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Upper-case letters and digits only: national IDs are compared without spaces or dashes.
pub fn id_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_spaces() {
        assert_eq!(fold("  Zoë   ÑÚÑEZ "), "zoe nunez");
        assert_eq!(fold("Élodie"), "elodie");
    }

    #[test]
    fn phone_and_id_keys() {
        assert_eq!(phone_digits("+256 (0)77-123"), "256077123");
        assert_eq!(id_key("cm 90-12a"), "CM9012A");
    }
}
