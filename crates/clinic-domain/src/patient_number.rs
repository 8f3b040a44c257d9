//! Patient numbers that cannot collide between PCs working offline:
//! clinic code + device code + the device's own sequence + an ISO 7064 MOD 37,36 check character.
//! Example: `KLA-A7-00042-Q`. Two PCs of one clinic have different device codes, so their
//! sequences never meet; the check character catches a mistyped or swapped character.
use std::fmt;

const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientNumber {
    pub clinic: String,
    pub device: String,
    pub sequence: u64,
}

/// Clinic codes: 2–6 upper-case letters or digits.
pub fn valid_clinic_code(code: &str) -> bool {
    (2..=6).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Device codes: 2–4 upper-case letters or digits, unique within a clinic.
pub fn valid_device_code(code: &str) -> bool {
    (2..=4).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn char_value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// ISO/IEC 7064 MOD 37,36 check character over upper-case alphanumerics.
pub fn check_char(body: &str) -> Option<char> {
    const M: u32 = 36;
    let mut p = M;
    for b in body.bytes() {
        let v = char_value(b)?;
        p = (p + v) % M;
        if p == 0 {
            p = M;
        }
        p = (p * 2) % (M + 1);
    }
    let check = (M + 1 - p) % M;
    Some(ALPHABET[check as usize] as char)
}

impl PatientNumber {
    fn body(&self) -> String {
        format!("{}{}{:05}", self.clinic, self.device, self.sequence)
    }

    /// Parses and checks a number such as `KLA-A7-00042-Q` (case and spaces forgiven).
    pub fn parse(s: &str) -> Option<Self> {
        let cleaned: String = s
            .trim()
            .to_ascii_uppercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let parts: Vec<&str> = cleaned.split('-').collect();
        let [clinic, device, seq, check] = parts.as_slice() else {
            return None;
        };
        if !valid_clinic_code(clinic)
            || !valid_device_code(device)
            || seq.len() < 5
            || check.len() != 1
        {
            return None;
        }
        if !seq.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number = PatientNumber {
            clinic: clinic.to_string(),
            device: device.to_string(),
            sequence: seq.parse().ok()?,
        };
        if number.sequence == 0 || number.to_string() != cleaned {
            return None;
        }
        Some(number)
    }
}

impl fmt::Display for PatientNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let check = check_char(&self.body()).unwrap_or('?');
        write!(
            f,
            "{}-{}-{:05}-{}",
            self.clinic, self.device, self.sequence, check
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(seq: u64) -> PatientNumber {
        PatientNumber {
            clinic: "KLA".into(),
            device: "A7".into(),
            sequence: seq,
        }
    }

    #[test]
    fn formats_and_parses_back() {
        for seq in [1, 42, 99_999, 123_456] {
            let s = n(seq).to_string();
            assert_eq!(PatientNumber::parse(&s), Some(n(seq)), "{s}");
            assert_eq!(PatientNumber::parse(&s.to_lowercase()), Some(n(seq)));
        }
    }

    #[test]
    fn catches_every_single_substitution_and_adjacent_swap() {
        let s = n(4217).to_string();
        let bytes = s.as_bytes();
        for i in 0..bytes.len() {
            if bytes[i] == b'-' {
                continue;
            }
            for &c in ALPHABET {
                if c == bytes[i] {
                    continue;
                }
                let mut altered = bytes.to_vec();
                altered[i] = c;
                let altered = String::from_utf8(altered).unwrap();
                assert_eq!(PatientNumber::parse(&altered), None, "{altered} accepted");
            }
            if i + 1 < bytes.len() && bytes[i + 1] != b'-' && bytes[i] != bytes[i + 1] {
                let mut swapped = bytes.to_vec();
                swapped.swap(i, i + 1);
                let swapped = String::from_utf8(swapped).unwrap();
                assert_eq!(PatientNumber::parse(&swapped), None, "{swapped} accepted");
            }
        }
    }

    #[test]
    fn different_devices_never_share_a_number() {
        let a: Vec<String> = (1..500)
            .map(|s| {
                PatientNumber {
                    device: "A1".into(),
                    ..n(s)
                }
                .to_string()
            })
            .collect();
        let b: Vec<String> = (1..500)
            .map(|s| {
                PatientNumber {
                    device: "B2".into(),
                    ..n(s)
                }
                .to_string()
            })
            .collect();
        assert!(a.iter().all(|x| !b.contains(x)));
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "KLA-A7-00042",
            "K-A7-00042-Q",
            "KLA-A7-0004-Q",
            "KLA-A7-00000-0",
            "KLA-A7-0004X-Q",
        ] {
            assert_eq!(PatientNumber::parse(bad), None, "{bad}");
        }
        assert!(
            valid_clinic_code("KLA") && !valid_clinic_code("kla") && !valid_clinic_code("TOOLONG7")
        );
        assert!(valid_device_code("A7") && !valid_device_code("A") && !valid_device_code("A-7"));
    }
}
