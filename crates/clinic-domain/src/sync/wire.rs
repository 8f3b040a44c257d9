//! Encoding and decoding of sync bodies: JSON, gzip-compressed, with hard size limits. Everything
//! that arrives over the network goes through [`decode`] first, which never panics and names what
//! is wrong.
use super::{PushRequest, MAX_BATCH_CHANGES, MAX_CHANGE_BYTES, MAX_DECODED_BODY_BYTES};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{Read, Write};

/// The `Content-Type` of every sync body.
pub const CONTENT_TYPE: &str = "application/json";
/// The `Content-Encoding` of compressed sync bodies.
pub const CONTENT_ENCODING: &str = "gzip";

/// Why a body was refused. The text is safe to show and to log: it never quotes the body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("the body is not valid gzip")]
    NotGzip,
    #[error("the body is larger than {0} bytes once decompressed")]
    TooLarge(usize),
    #[error("the body is not valid JSON for this request: {0}")]
    Json(String),
    #[error("protocol version {0} is not supported (this side speaks {1})")]
    UnsupportedProtocol(u32, u32),
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
}

/// JSON, gzip-compressed.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let json = serde_json::to_vec(value).unwrap_or_default();
    let mut gz = GzEncoder::new(
        Vec::with_capacity(json.len() / 3),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(&json);
    gz.finish().unwrap_or_default()
}

/// Decompresses (when `gzip`) at most [`MAX_DECODED_BODY_BYTES`] and parses JSON.
pub fn decode<T: DeserializeOwned>(body: &[u8], gzip: bool) -> Result<T, WireError> {
    let json = if gzip {
        let mut out = Vec::new();
        let limit = MAX_DECODED_BODY_BYTES as u64 + 1;
        GzDecoder::new(body)
            .take(limit)
            .read_to_end(&mut out)
            .map_err(|_| WireError::NotGzip)?;
        if out.len() > MAX_DECODED_BODY_BYTES {
            return Err(WireError::TooLarge(MAX_DECODED_BODY_BYTES));
        }
        out
    } else {
        if body.len() > MAX_DECODED_BODY_BYTES {
            return Err(WireError::TooLarge(MAX_DECODED_BODY_BYTES));
        }
        body.to_vec()
    };
    serde_json::from_slice(&json).map_err(|e| WireError::Json(json_reason(&e)))
}

/// Decodes and checks a push batch: protocol version, batch size, change sizes, ascending
/// sequence numbers. The server calls this on every push before touching the database.
pub fn decode_push(body: &[u8], gzip: bool) -> Result<PushRequest, WireError> {
    let push: PushRequest = decode(body, gzip)?;
    check_protocol(push.protocol)?;
    if push.changes.len() > MAX_BATCH_CHANGES {
        return Err(invalid(
            "changes",
            format!("at most {MAX_BATCH_CHANGES} changes per batch"),
        ));
    }
    let mut last = i64::MIN;
    for (i, c) in push.changes.iter().enumerate() {
        if c.change.0.is_empty() || c.change.0.len() > MAX_CHANGE_BYTES {
            return Err(invalid(
                &format!("changes.{i}.change"),
                format!("must be 1 to {MAX_CHANGE_BYTES} bytes"),
            ));
        }
        if c.local_seq <= last || c.local_seq < 1 {
            return Err(invalid(
                &format!("changes.{i}.local_seq"),
                "must be positive and ascending".into(),
            ));
        }
        last = c.local_seq;
    }
    Ok(push)
}

pub fn check_protocol(version: u32) -> Result<(), WireError> {
    if version == super::PROTOCOL_VERSION {
        Ok(())
    } else {
        Err(WireError::UnsupportedProtocol(
            version,
            super::PROTOCOL_VERSION,
        ))
    }
}

fn invalid(field: &str, reason: String) -> WireError {
    WireError::Invalid {
        field: field.to_string(),
        reason,
    }
}

/// serde_json's message names the line and column and what was expected, never the data itself
/// except for unknown enum variants and field names, which are ours to name.
fn json_reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "the body ends too early".into(),
        Category::Syntax => format!("syntax error at line {} column {}", e.line(), e.column()),
        Category::Data => format!("wrong shape at line {} column {}", e.line(), e.column()),
        Category::Io => "could not be read".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::{PushChange, PROTOCOL_VERSION};
    use crate::RecordKind;

    fn push(changes: Vec<PushChange>) -> PushRequest {
        PushRequest {
            protocol: PROTOCOL_VERSION,
            changes,
            pending_after: 0,
        }
    }

    fn change(seq: i64, len: usize) -> PushChange {
        PushChange {
            local_seq: seq,
            record_id: uuid::Uuid::nil(),
            kind: RecordKind::Patient,
            change: vec![7; len].into(),
        }
    }

    #[test]
    fn a_batch_round_trips_compressed() {
        let p = push(vec![change(1, 10), change(2, 300)]);
        let bytes = encode(&p);
        assert_eq!(decode_push(&bytes, true).unwrap(), p);
        assert!(bytes.len() < serde_json::to_vec(&p).unwrap().len());
    }

    #[test]
    fn bad_bodies_are_refused_with_a_reason() {
        let cases: Vec<(Vec<u8>, bool, &str)> = vec![
            (b"not gzip".to_vec(), true, "not valid gzip"),
            (b"{\"protocol\": 1".to_vec(), false, "ends too early"),
            (b"[1,2]".to_vec(), false, "wrong shape"),
            (
                serde_json::to_vec(&serde_json::json!({"protocol": 9, "changes": [], "pending_after": 0})).unwrap(),
                false,
                "protocol version 9",
            ),
            (
                serde_json::to_vec(&serde_json::json!({"protocol": 1, "pending_after": 0,
                    "changes": [{"local_seq": 1, "record_id": uuid::Uuid::nil(), "kind": "patient", "change": "%%"}]})).unwrap(),
                false,
                "wrong shape",
            ),
            (serde_json::to_vec(&push(vec![change(2, 1), change(2, 1)])).unwrap(), false, "changes.1.local_seq"),
            (serde_json::to_vec(&push(vec![change(1, 0)])).unwrap(), false, "changes.0.change"),
            (serde_json::to_vec(&push(vec![change(1, MAX_CHANGE_BYTES + 1)])).unwrap(), false, "changes.0.change"),
        ];
        for (body, gzip, expected) in cases {
            let err = decode_push(&body, gzip).unwrap_err().to_string();
            assert!(
                err.contains(expected),
                "{err:?} should mention {expected:?}"
            );
        }
    }

    #[test]
    fn a_decompression_bomb_stops_at_the_limit() {
        let zeros = vec![b' '; MAX_DECODED_BODY_BYTES + 10];
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&zeros).unwrap();
        let bomb = gz.finish().unwrap();
        assert!(bomb.len() < 1 << 20);
        assert_eq!(
            decode_push(&bomb, true).unwrap_err(),
            WireError::TooLarge(MAX_DECODED_BODY_BYTES)
        );
    }

    #[test]
    fn too_many_changes_are_refused() {
        let many = (1..=MAX_BATCH_CHANGES as i64 + 1)
            .map(|s| change(s, 1))
            .collect();
        let err = decode_push(&serde_json::to_vec(&push(many)).unwrap(), false).unwrap_err();
        assert!(err.to_string().starts_with("changes:"));
    }

    /// Random bytes, truncations and bit flips of a valid body never panic the decoder.
    #[test]
    fn arbitrary_bytes_never_panic() {
        let valid = encode(&push(vec![change(1, 50), change(2, 60)]));
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3_000 {
            let mut body = valid.clone();
            match next() % 3 {
                0 => body.truncate((next() as usize) % body.len()),
                1 => {
                    let i = (next() as usize) % body.len();
                    body[i] ^= 1 << (next() % 8);
                }
                _ => body = (0..(next() % 200)).map(|_| next() as u8).collect(),
            }
            let _ = decode_push(&body, next() % 2 == 0);
        }
    }
}
