//! Numbers that cannot collide between PCs working offline: `<PREFIX>-<clinic>-<device>-<sequence>`,
//! e.g. `INV-KLA-A1-000042` or `LAB-KLA-A1-000007`. The sequence is the device's own counter; two PCs
//! of one clinic have different device codes, so their numbers never meet.
use crate::patient_number::{valid_clinic_code, valid_device_code};

pub fn device_number(prefix: &str, clinic: &str, device: &str, sequence: u64) -> String {
    format!("{prefix}-{clinic}-{device}-{sequence:06}")
}

/// `(clinic, device, sequence)` of a well-formed number with this prefix (e.g. typed or read from a label).
pub fn parse_device_number(prefix: &str, s: &str) -> Option<(String, String, u64)> {
    let s = s.trim().to_ascii_uppercase();
    let parts: Vec<&str> = s.split('-').collect();
    let [p, clinic, device, seq] = parts.as_slice() else {
        return None;
    };
    if *p != prefix
        || !valid_clinic_code(clinic)
        || !valid_device_code(device)
        || seq.len() < 6
        || !seq.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let sequence: u64 = seq.parse().ok()?;
    (sequence > 0).then(|| (clinic.to_string(), device.to_string(), sequence))
}
