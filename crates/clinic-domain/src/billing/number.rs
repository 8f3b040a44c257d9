//! Invoice numbers that cannot collide between PCs working offline: `INV-<clinic>-<device>-<sequence>`,
//! e.g. `INV-KLA-A1-000042`. The sequence is the device's own counter, taken when the invoice is issued;
//! two PCs of one clinic have different device codes, so their numbers never meet.
use crate::patient_number::{valid_clinic_code, valid_device_code};

pub fn invoice_number(clinic: &str, device: &str, sequence: u64) -> String {
    format!("INV-{clinic}-{device}-{sequence:06}")
}

/// `(clinic, device, sequence)` of a well-formed invoice number.
pub fn parse_invoice_number(s: &str) -> Option<(String, String, u64)> {
    let s = s.trim().to_ascii_uppercase();
    let parts: Vec<&str> = s.split('-').collect();
    let ["INV", clinic, device, seq] = parts.as_slice() else {
        return None;
    };
    if !valid_clinic_code(clinic)
        || !valid_device_code(device)
        || seq.len() < 6
        || !seq.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let sequence: u64 = seq.parse().ok()?;
    (sequence > 0).then(|| (clinic.to_string(), device.to_string(), sequence))
}
