//! The server's push decoder on arbitrary bytes, compressed or not: it must answer Ok or a
//! reason, never panic, hang or allocate without bound.
#![no_main]
use clinic_domain::sync::wire::decode_push;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((&flag, body)) = data.split_first() {
        let _ = decode_push(body, flag & 1 == 1);
    }
});
