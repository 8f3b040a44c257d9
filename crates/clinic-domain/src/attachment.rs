//! Patient attachments (scanned documents and photos): what may be attached, and how big. Shared by
//! the desktop client and the sync server, so both refuse the same files.
use crate::error::{ErrorCode, FieldError};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest attachment, in bytes (10 MiB). Below the server's request body limit
/// (`sync::MAX_BODY_BYTES`), so an accepted file can always be uploaded.
pub const MAX_ATTACHMENT_BYTES: usize = 10 << 20;

/// What may be attached: scanned documents and photos.
pub const ALLOWED_CONTENT_TYPES: &[&str] = &["application/pdf", "image/png", "image/jpeg"];

/// The type the bytes really are (by their first bytes, never the file name), when accepted.
pub fn sniff_content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Checks a file offered for attachment (field `file`): its size, then its real type.
pub fn check_file(bytes: &[u8]) -> Result<&'static str, FieldError> {
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(FieldError::new(
            "file",
            ErrorCode::TooLarge,
            "is larger than 10 MiB",
        ));
    }
    if bytes.is_empty() {
        return Err(FieldError::new("file", ErrorCode::Required, "is empty"));
    }
    sniff_content_type(bytes).ok_or_else(|| {
        FieldError::new(
            "file",
            ErrorCode::UnsupportedType,
            "is not a PDF, PNG or JPEG",
        )
    })
}

/// An attachment id: the SHA-256 of the bytes, 64 lower-case hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// One file attached to a patient, as the patient document lists it (the bytes live apart, by
/// hash). Never deleted from the list: `removed` hides it, so nothing is lost when PCs merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Attachment {
    #[key]
    pub sha256: String,
    pub file_name: String,
    pub content_type: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Username of who attached it.
    pub added_by: String,
    /// RFC 3339.
    pub added_at: String,
    pub removed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_checked_by_content_and_size() {
        let cases: [(&[u8], Result<&str, ErrorCode>); 5] = [
            (b"%PDF-1.7 ...", Ok("application/pdf")),
            (b"\x89PNG\r\n\x1a\n....", Ok("image/png")),
            (&[0xff, 0xd8, 0xff, 0xe0], Ok("image/jpeg")),
            (b"MZ\x90\x00 an exe", Err(ErrorCode::UnsupportedType)),
            (b"", Err(ErrorCode::Required)),
        ];
        for (bytes, want) in cases {
            assert_eq!(check_file(bytes).map_err(|e| e.code), want);
        }
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_ATTACHMENT_BYTES + 1, 0);
        assert_eq!(check_file(&big).unwrap_err().code, ErrorCode::TooLarge);
        big.truncate(MAX_ATTACHMENT_BYTES);
        assert!(check_file(&big).is_ok());
        const { assert!(MAX_ATTACHMENT_BYTES <= crate::sync::MAX_BODY_BYTES) };
    }

    #[test]
    fn hashes_are_lower_case_hex() {
        assert!(is_sha256_hex(&"a1".repeat(32)));
        assert!(!is_sha256_hex(&"A1".repeat(32)));
        assert!(!is_sha256_hex("../etc/passwd"));
    }
}
