//! Billing: the price list, invoices with their lines, payments, refunds and insurance claim, and
//! the rules that keep the money right. Money is `i64` minor units of the clinic's one currency.
mod input;
mod invoice;
mod money;
mod number;
mod price;
#[cfg(test)]
mod price_tests;
mod rules;
#[cfg(test)]
mod tests;

pub use input::{ClaimInput, DiscountKind, LineInput, NewInvoiceInput, PaymentInput, RefundInput};
pub use invoice::{
    ClaimStatus, InsuranceClaim, Invoice, InvoiceLine, InvoiceStatus, InvoiceTotals, LineAmounts,
    Payment, PaymentKind, PaymentMethod,
};
pub use money::{apply_bp, Currency, DEFAULT_CURRENCY, FULL_BP, MAX_AMOUNT};
pub use number::{invoice_number, parse_invoice_number};
pub use price::{PriceCategory, PriceItem, PriceItemInput, PriceItemSummary};
pub use rules::{build_line, Stamp, MAX_QUANTITY};
