//! The billing rules, as changes to an `Invoice`. Each checks everything first and returns every
//! problem at once; on error the invoice is unchanged.
use super::input::{ClaimInput, DiscountKind, LineInput, PaymentInput, RefundInput};
use super::invoice::{
    ClaimStatus, InsuranceClaim, Invoice, InvoiceLine, InvoiceStatus, Payment, PaymentKind,
};
use super::money::{apply_bp, FULL_BP, MAX_AMOUNT};
use super::price::PriceItemSummary;
use crate::error::{ErrorCode, FieldError, Validation};

pub const MAX_QUANTITY: i64 = 100_000;

/// Who does something, and when (RFC 3339).
#[derive(Debug, Clone)]
pub struct Stamp {
    pub user_id: String,
    pub username: String,
    pub at: String,
}

fn status_error(v: &mut Validation, message: &str) {
    v.push("status", ErrorCode::Conflict, message);
}

/// Builds line `id` from a price item: its code, name, category, price and tax at this moment.
/// `path` prefixes the field names (`lines.2.` on a new invoice, empty for one added line).
pub fn build_line(
    path: &str,
    item: Option<&PriceItemSummary>,
    input: &LineInput,
    id: String,
) -> Result<InvoiceLine, Vec<FieldError>> {
    let mut v = Validation::default();
    match item {
        None => v.push(
            format!("{path}item_id"),
            ErrorCode::NotFound,
            "is not on the price list",
        ),
        Some(i) if !i.active => v.push(
            format!("{path}item_id"),
            ErrorCode::InvalidValue,
            "is no longer on sale",
        ),
        _ => {}
    }
    if !(1..=MAX_QUANTITY).contains(&input.quantity) {
        v.push(
            format!("{path}quantity"),
            ErrorCode::OutOfRange,
            "must be at least 1",
        );
    }
    let (unit_price, tax_bp) = item.map_or((0, 0), |i| (i.unit_price, i.tax_bp));
    let gross = input
        .quantity
        .clamp(0, MAX_QUANTITY)
        .saturating_mul(unit_price);
    let (discount, discount_bp) = match input.discount_kind {
        DiscountKind::None => (0, 0),
        DiscountKind::Amount => (input.discount_value, 0),
        DiscountKind::Percent => {
            if !(0..=FULL_BP).contains(&input.discount_value) {
                v.push(
                    format!("{path}discount_value"),
                    ErrorCode::OutOfRange,
                    "must be between 0 and 100 %",
                );
            }
            (
                apply_bp(gross, input.discount_value.clamp(0, FULL_BP)),
                input.discount_value,
            )
        }
    };
    if input.discount_kind == DiscountKind::Amount && !(0..=gross).contains(&discount) {
        v.push(
            format!("{path}discount_value"),
            ErrorCode::OutOfRange,
            "must be between 0 and the line's amount",
        );
    }
    if gross > MAX_AMOUNT {
        v.push(
            format!("{path}quantity"),
            ErrorCode::OutOfRange,
            "makes the line too large",
        );
    }
    let item = item.cloned();
    v.finish(())?;
    let item = item.ok_or_else(Vec::new)?;
    Ok(InvoiceLine {
        id,
        item_id: item.id.to_string(),
        code: item.code,
        description: item.name,
        category: item.category,
        quantity: input.quantity,
        unit_price,
        discount,
        discount_bp,
        tax_bp,
    })
}

impl Invoice {
    pub fn add_line(&mut self, line: InvoiceLine) -> Result<(), Vec<FieldError>> {
        let mut v = Validation::default();
        if self.status != InvoiceStatus::Draft {
            status_error(&mut v, "lines change only while the invoice is a draft");
        }
        if self.lines.len() >= 200 {
            v.push("lines", ErrorCode::TooLong, "at most 200 lines");
        }
        v.finish(())?;
        self.lines.push(line);
        Ok(())
    }

    pub fn remove_line(&mut self, line_id: &str) -> Result<(), Vec<FieldError>> {
        let mut v = Validation::default();
        if self.status != InvoiceStatus::Draft {
            status_error(&mut v, "lines change only while the invoice is a draft");
        }
        if !self.lines.iter().any(|l| l.id == line_id) {
            v.push(
                "line_id",
                ErrorCode::NotFound,
                "is not a line of this invoice",
            );
        }
        v.finish(())?;
        self.lines.retain(|l| l.id != line_id);
        Ok(())
    }

    /// Issues a draft with its number: from now on its lines are fixed.
    pub fn issue(&mut self, number: String, by: &Stamp) -> Result<(), Vec<FieldError>> {
        let mut v = Validation::default();
        if self.status != InvoiceStatus::Draft {
            status_error(&mut v, "only a draft can be issued");
        }
        if self.lines.is_empty() {
            v.push(
                "lines",
                ErrorCode::Required,
                "an invoice needs at least one line",
            );
        }
        v.finish(())?;
        self.number = number;
        self.status = InvoiceStatus::Issued;
        self.issued_by = by.user_id.clone();
        self.issued_at = by.at.clone();
        Ok(())
    }

    /// Records a payment on an issued invoice. More than the balance is refused unless `credit`.
    pub fn take_payment(
        &mut self,
        input: &PaymentInput,
        id: String,
        by: &Stamp,
    ) -> Result<(), Vec<FieldError>> {
        let mut v = Validation::default();
        if self.status != InvoiceStatus::Issued {
            status_error(&mut v, "payments are taken on issued invoices only");
        }
        let reference = v.optional_text("reference", &input.reference, 100);
        let balance = self.totals().balance;
        if !(1..=MAX_AMOUNT).contains(&input.amount) {
            v.push("amount", ErrorCode::OutOfRange, "must be more than 0");
        } else if input.amount > balance && !input.credit {
            v.push(
                "amount",
                ErrorCode::OutOfRange,
                "is more than the balance (record it as credit to accept it)",
            );
        }
        v.finish(())?;
        self.payments.push(Payment {
            id,
            kind: PaymentKind::Payment,
            method: input.method,
            amount: input.amount,
            reference,
            credit: input.credit && input.amount > balance,
            refund_of: String::new(),
            reason: String::new(),
            by_user_id: by.user_id.clone(),
            by_username: by.username.clone(),
            at: by.at.clone(),
        });
        Ok(())
    }

    /// Gives back (part of) a payment: a new entry with a reason, paid out by the same method.
    pub fn refund(
        &mut self,
        input: &RefundInput,
        id: String,
        by: &Stamp,
    ) -> Result<(), Vec<FieldError>> {
        let mut v = Validation::default();
        if self.status != InvoiceStatus::Issued {
            status_error(&mut v, "refunds are made on issued invoices only");
        }
        let reason = v.required_text("reason", &input.reason, 500);
        let method = self
            .payments
            .iter()
            .find(|p| p.id == input.payment_id && p.kind == PaymentKind::Payment)
            .map(|p| p.method);
        match self.refundable(&input.payment_id) {
            None => v.push(
                "payment_id",
                ErrorCode::NotFound,
                "is not a payment of this invoice",
            ),
            Some(left) if !(1..=left).contains(&input.amount) => v.push(
                "amount",
                ErrorCode::OutOfRange,
                "must be more than 0 and at most what is left of the payment",
            ),
            Some(_) => {}
        }
        v.finish(())?;
        let method = method.ok_or_else(Vec::new)?;
        self.payments.push(Payment {
            id,
            kind: PaymentKind::Refund,
            method,
            amount: input.amount,
            reference: String::new(),
            credit: false,
            refund_of: input.payment_id.clone(),
            reason,
            by_user_id: by.user_id.clone(),
            by_username: by.username.clone(),
            at: by.at.clone(),
        });
        Ok(())
    }

    /// Voids the invoice with a reason. An invoice that still holds money is refused: refund its
    /// payments first, so every movement of cash stays its own entry on the cash-up.
    pub fn void(&mut self, reason: &str, by: &Stamp) -> Result<(), Vec<FieldError>> {
        let mut v = Validation::default();
        if self.status == InvoiceStatus::Void {
            status_error(&mut v, "the invoice is already void");
        } else if self.totals().paid != 0 {
            status_error(&mut v, "refund the payments before voiding the invoice");
        }
        let reason = v.required_text("reason", reason, 500);
        v.finish(())?;
        self.status = InvoiceStatus::Void;
        self.void_reason = reason;
        self.voided_by = by.user_id.clone();
        self.voided_at = by.at.clone();
        Ok(())
    }

    /// Files or updates the insurance claim of an issued invoice.
    pub fn set_claim(&mut self, input: &ClaimInput, by: &Stamp) -> Result<(), Vec<FieldError>> {
        let mut v = Validation::default();
        if self.status != InvoiceStatus::Issued {
            status_error(&mut v, "claims are filed on issued invoices only");
        }
        let insurer = v.required_text("insurer", &input.insurer, 120);
        let policy = v.required_text("policy", &input.policy, 60);
        let notes = v.optional_text("notes", &input.notes, 1000);
        let total = self.totals().total;
        if !(1..=total.max(0)).contains(&input.amount_claimed) {
            v.push(
                "amount_claimed",
                ErrorCode::OutOfRange,
                "must be more than 0 and at most the invoice total",
            );
        }
        if !(0..=input.amount_claimed.max(0)).contains(&input.amount_approved) {
            v.push(
                "amount_approved",
                ErrorCode::OutOfRange,
                "must be at most the amount claimed",
            );
        } else if matches!(input.status, ClaimStatus::Approved | ClaimStatus::Paid)
            && input.amount_approved == 0
        {
            v.push(
                "amount_approved",
                ErrorCode::Required,
                "is required once approved",
            );
        }
        if !(0..=input.amount_approved.max(0)).contains(&input.amount_paid) {
            v.push(
                "amount_paid",
                ErrorCode::OutOfRange,
                "must be at most the amount approved",
            );
        } else if input.status == ClaimStatus::Paid && input.amount_paid == 0 {
            v.push("amount_paid", ErrorCode::Required, "is required once paid");
        }
        v.finish(())?;
        self.claim = Some(InsuranceClaim {
            insurer,
            policy,
            amount_claimed: input.amount_claimed,
            status: input.status,
            amount_approved: input.amount_approved,
            amount_paid: input.amount_paid,
            notes,
            updated_by: by.user_id.clone(),
            updated_at: by.at.clone(),
        });
        Ok(())
    }
}
