//! Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30 s),
//! the codes any authenticator app makes. Pure: the secret's bytes and the time come in as arguments.
//! The secret is kept base32-encoded in the user's document, so every PC of the clinic can check a
//! code offline.
use totp_rs::{Builder, Secret, Totp};

/// Seconds per code.
pub const STEP_SECONDS: u64 = 30;

/// A new secret from 20 random bytes (160 bits, as RFC 4226 recommends), base32 without padding.
pub fn new_secret(random: [u8; 20]) -> String {
    Secret::new_stack(random).to_base32()
}

fn totp(secret_b32: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_b32.trim()).ok()?;
    // 6 digits, 30 s steps, one step of clock drift either way (RFC 6238 §5.2).
    Builder::new().with_secret(secret).build().ok()
}

/// The time step a correct `code` was made for, or `None` when it is wrong (or the secret is not
/// a valid one). Spaces in the code are ignored; anything else but digits makes it wrong.
pub fn check(secret_b32: &str, code: &str, unix_seconds: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // `check` answers the matching time step (not seconds).
    totp(secret_b32)?.check(&code, unix_seconds)
}

/// The code of the step containing `unix_seconds` (tests, and the enrolment screen's self-check).
pub fn code_at(secret_b32: &str, unix_seconds: u64) -> Option<String> {
    totp(secret_b32).map(|t| t.generate(unix_seconds).to_string())
}

/// The `otpauth://` link authenticator apps read (as a QR code or pasted), labelled
/// `<clinic>:<username>`.
pub fn otpauth_uri(secret_b32: &str, clinic: &str, username: &str) -> String {
    let label = format!("{}:{}", encode(clinic), encode(username));
    format!(
        "otpauth://totp/{label}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits=6&period={STEP_SECONDS}",
        encode(clinic)
    )
}

/// Percent-encoding of everything but RFC 3986 unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 secret "12345678901234567890" (its last 6 digits).
    const RFC_SECRET: &[u8; 20] = b"12345678901234567890";

    #[test]
    fn rfc_6238_vectors() {
        let secret = new_secret(*RFC_SECRET);
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(&secret, time).as_deref(), Some(code), "t={time}");
            assert_eq!(check(&secret, code, time), Some(time / 30), "t={time}");
        }
    }

    #[test]
    fn one_step_of_drift_is_accepted_and_no_more() {
        let secret = new_secret([9; 20]);
        let code = code_at(&secret, 1_000_000).unwrap();
        assert!(check(&secret, &code, 1_000_000 + 30).is_some());
        assert!(check(&secret, &code, 1_000_000 - 30).is_some());
        assert!(check(&secret, &code, 1_000_000 + 90).is_none());
    }

    #[test]
    fn bad_codes_and_secrets_are_wrong_not_panics() {
        let secret = new_secret([9; 20]);
        for code in [
            "",
            "12345",
            "1234567",
            "12a456",
            "１２３４５６",
            "9999999999999",
        ] {
            assert_eq!(check(&secret, code, 1_000_000), None, "{code:?}");
        }
        assert_eq!(check("not base32!", "123456", 1_000_000), None);
        assert_eq!(check("", "123456", 1_000_000), None);
        let code = code_at(&secret, 1_000_000).unwrap();
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(check(&secret, &spaced, 1_000_000).is_some());
    }

    #[test]
    fn the_link_names_the_clinic_and_user() {
        let uri = otpauth_uri("ABC", "Kampala Road", "amina");
        assert_eq!(
            uri,
            "otpauth://totp/Kampala%20Road:amina?secret=ABC&issuer=Kampala%20Road&algorithm=SHA1&digits=6&period=30"
        );
    }
}
