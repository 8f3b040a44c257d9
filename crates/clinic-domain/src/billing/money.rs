//! Money as integer minor units (cents) with the clinic's one currency. Never floats.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The currency used when the clinic has not chosen one (store setting `currency`).
pub const DEFAULT_CURRENCY: &str = "USD";

/// Largest amount accepted anywhere (one hundred million major units at two digits): far above any
/// clinic bill, far below where sums of many lines could overflow an `i64`.
pub const MAX_AMOUNT: i64 = 10_000_000_000;

/// Basis points: 10 000 = 100 %.
pub const FULL_BP: i64 = 10_000;

/// A currency code with its number of minor-unit digits (ISO 4217 exponent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Currency {
    pub code: String,
    pub minor_digits: u32,
}

impl Currency {
    /// Known codes get their ISO 4217 exponent; any other three-letter code gets two digits.
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let minor_digits = match code.as_str() {
            "UGX" | "RWF" | "XOF" | "XAF" | "BIF" | "GNF" | "JPY" | "KRW" | "CLP" | "VND" => 0,
            "BHD" | "KWD" | "OMR" | "TND" | "JOD" | "LYD" | "IQD" => 3,
            _ => 2,
        };
        Some(Self { code, minor_digits })
    }

    pub fn default_currency() -> Self {
        Self {
            code: DEFAULT_CURRENCY.into(),
            minor_digits: 2,
        }
    }

    /// `1234567` → `12,345.67 USD` (two digits). For receipts; the UI formats with the locale.
    pub fn format(&self, minor: i64) -> String {
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        let scale = 10u64.pow(self.minor_digits);
        let (major, frac) = (abs / scale, abs % scale);
        let digits = major.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if self.minor_digits == 0 {
            format!("{sign}{grouped} {}", self.code)
        } else {
            let width = self.minor_digits as usize;
            format!("{sign}{grouped}.{frac:0width$} {}", self.code)
        }
    }
}

/// `value × bp / 10 000`, rounded half up (away from zero for the halves) to the minor unit.
/// Computed in 128 bits: no overflow for any `i64` inputs the rules accept.
pub fn apply_bp(value: i64, bp: i64) -> i64 {
    let product = value as i128 * bp as i128;
    let half = FULL_BP as i128 / 2;
    let rounded = if product >= 0 {
        (product + half) / FULL_BP as i128
    } else {
        -((-product + half) / FULL_BP as i128)
    };
    rounded.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}
