//! Printed invoices and receipts, through the shared `PrintDoc` builder. Labels follow the PC's
//! language (English or French); amounts are printed with the invoice's currency.
use super::InvoiceView;
use crate::audit::{self, AuditAction, Subject};
use crate::error::Result;
use crate::print::{Column, PrintDoc};
use crate::store::Store;
use crate::views::ClinicInfo;
use clinic_domain::billing::{InvoiceStatus, PaymentKind};
use clinic_domain::{Action, Actor, RecordKind};
use uuid::Uuid;

/// Which document to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillingDoc {
    Invoice,
    Receipt,
}

pub(crate) struct Labels {
    invoice: &'static str,
    receipt: &'static str,
    draft: &'static str,
    void: &'static str,
    number: &'static str,
    patient: &'static str,
    date: &'static str,
    cashier: &'static str,
    item: &'static str,
    qty: &'static str,
    price: &'static str,
    discount: &'static str,
    tax: &'static str,
    amount: &'static str,
    subtotal: &'static str,
    total: &'static str,
    paid: &'static str,
    balance: &'static str,
    payments: &'static str,
    refund: &'static str,
    thanks: &'static str,
}

const EN: Labels = Labels {
    invoice: "Invoice",
    receipt: "Receipt",
    draft: "DRAFT - not valid for payment",
    void: "VOID",
    number: "Invoice number",
    patient: "Patient",
    date: "Date",
    cashier: "Issued by",
    item: "Description",
    qty: "Qty",
    price: "Unit price",
    discount: "Discount",
    tax: "Tax",
    amount: "Amount",
    subtotal: "Subtotal",
    total: "Total",
    paid: "Amount paid",
    balance: "Balance",
    payments: "Payments",
    refund: "Refund",
    thanks: "Thank you",
};

const FR: Labels = Labels {
    invoice: "Facture",
    receipt: "Reçu",
    draft: "BROUILLON - ne vaut pas facture",
    void: "ANNULÉE",
    number: "Numéro de facture",
    patient: "Patient",
    date: "Date",
    cashier: "Émise par",
    item: "Désignation",
    qty: "Qté",
    price: "Prix unitaire",
    discount: "Remise",
    tax: "Taxe",
    amount: "Montant",
    subtotal: "Sous-total",
    total: "Total",
    paid: "Montant payé",
    balance: "Solde",
    payments: "Paiements",
    refund: "Remboursement",
    thanks: "Merci",
};

impl Store {
    /// The invoice or receipt of invoice `id` as PDF bytes (audited as an export).
    pub fn billing_pdf(&mut self, actor: &Actor, id: Uuid, which: BillingDoc) -> Result<Vec<u8>> {
        self.authorize(actor, Action::BillingView)?;
        if which == BillingDoc::Receipt {
            self.authorize(actor, Action::BillingCharge)?;
        }
        let invoice = self.load_invoice(id)?;
        let view = self.invoice_view(id, invoice)?;
        let labels = if self.locale()? == "fr" { &FR } else { &EN };
        let bytes = render(&self.clinic()?, &view, which, labels)?;
        let subject = Subject::record(RecordKind::Invoice, id);
        audit::append(
            &self.conn,
            actor,
            AuditAction::Export,
            subject,
            self.clock.now(),
        )?;
        Ok(bytes)
    }
}

/// Lays out one invoice or receipt. Public within the crate for the benchmark.
pub(crate) fn render(
    clinic: &ClinicInfo,
    v: &InvoiceView,
    which: BillingDoc,
    l: &Labels,
) -> Result<Vec<u8>> {
    let inv = &v.invoice;
    let money = |m: i64| v.currency.format(m);
    let title = if which == BillingDoc::Receipt {
        l.receipt
    } else {
        l.invoice
    };
    let number = if inv.number.is_empty() {
        "-"
    } else {
        inv.number.as_str()
    };
    let mut doc = PrintDoc::new(&format!("{title} {number}"));
    doc.clinic_header(&clinic.name, &[&clinic.code]);
    doc.title(&format!("{title} {number}"));
    match inv.status {
        InvoiceStatus::Draft => doc.bold(l.draft),
        InvoiceStatus::Void => doc.bold(&format!("{} - {}", l.void, inv.void_reason)),
        InvoiceStatus::Issued => {}
    }
    let patient = if inv.patient_number.is_empty() {
        inv.patient_name.clone()
    } else {
        format!("{} ({})", inv.patient_name, inv.patient_number)
    };
    let date = inv
        .issued_at
        .get(..10)
        .unwrap_or(inv.created_at.get(..10).unwrap_or(""));
    doc.fields(&[
        (l.number, number),
        (l.patient, &patient),
        (l.date, date),
        (l.cashier, &inv.created_by_name),
    ]);
    doc.gap(3.0);
    let columns = [
        Column::left(l.item, 70.0),
        Column::right(l.qty, 12.0),
        Column::right(l.price, 26.0),
        Column::right(l.discount, 22.0),
        Column::right(l.tax, 18.0),
        Column::right(l.amount, 26.0),
    ];
    let rows: Vec<Vec<String>> = inv
        .lines
        .iter()
        .zip(&v.line_amounts)
        .map(|(line, a)| {
            vec![
                line.description.clone(),
                line.quantity.to_string(),
                money(line.unit_price),
                money(a.discount),
                money(a.tax),
                money(a.total),
            ]
        })
        .collect();
    doc.table(&columns, &rows);
    doc.rule();
    let t = &v.totals;
    let (subtotal, discount, tax, total) = (
        money(t.subtotal),
        money(t.discount),
        money(t.tax),
        money(t.total),
    );
    let (paid, balance) = (money(t.paid), money(t.balance));
    doc.fields(&[
        (l.subtotal, &subtotal),
        (l.discount, &discount),
        (l.tax, &tax),
        (l.total, &total),
        (l.paid, &paid),
        (l.balance, &balance),
    ]);
    if !inv.payments.is_empty() {
        doc.gap(3.0);
        doc.bold(l.payments);
        let rows: Vec<Vec<String>> = inv
            .payments
            .iter()
            .map(|p| {
                let what = match p.kind {
                    PaymentKind::Payment => p.method.as_str().replace('_', " "),
                    PaymentKind::Refund => format!("{} ({})", l.refund, p.reason),
                };
                vec![
                    p.at.get(..16).unwrap_or("").replace('T', " "),
                    what,
                    p.reference.clone(),
                    money(p.signed()),
                ]
            })
            .collect();
        let cols = [
            Column::left(l.date, 34.0),
            Column::left(l.item, 70.0),
            Column::left("Ref.", 40.0),
            Column::right(l.amount, 30.0),
        ];
        doc.table(&cols, &rows);
    }
    doc.gap(6.0);
    doc.text(l.thanks);
    doc.footer(&format!("{} - {title} {number}", clinic.name));
    doc.finish()
}
