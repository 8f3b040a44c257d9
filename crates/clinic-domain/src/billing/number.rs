//! Invoice numbers that cannot collide between PCs working offline: `INV-<clinic>-<device>-<sequence>`,
//! e.g. `INV-KLA-A1-000042`. The sequence is the device's own counter, taken when the invoice is issued.
use crate::device_number::{device_number, parse_device_number};

pub fn invoice_number(clinic: &str, device: &str, sequence: u64) -> String {
    device_number("INV", clinic, device, sequence)
}

/// `(clinic, device, sequence)` of a well-formed invoice number.
pub fn parse_invoice_number(s: &str) -> Option<(String, String, u64)> {
    parse_device_number("INV", s)
}
