//! Billing projections: `price_items`, `invoices`, `invoice_lines` and `invoice_payments`, rewritten
//! from the document in the same transaction as every change (local or from another PC).
use super::views::InvoiceSummary;
use crate::error::{Context, Result};
use clinic_domain::billing::{Invoice, InvoiceStatus, PriceCategory, PriceItem, PriceItemSummary};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use uuid::Uuid;

pub(crate) fn write_price_item(
    tx: &Transaction<'_>,
    id: Uuid,
    item: &PriceItem,
    at: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO price_items (id, code, name, category, unit_price, tax_bp, active, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name,
            category = excluded.category, unit_price = excluded.unit_price, tax_bp = excluded.tax_bp,
            active = excluded.active, updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            id.to_string(),
            item.code,
            item.name,
            item.category.as_str(),
            item.unit_price,
            item.tax_bp,
            item.active,
            at
        ])
    })
    .context("updating the price list")?;
    Ok(())
}

fn price_row(r: &Row<'_>) -> rusqlite::Result<(String, PriceItemSummary)> {
    let id: String = r.get(0)?;
    let category: String = r.get(3)?;
    Ok((
        id,
        PriceItemSummary {
            id: Uuid::nil(),
            code: r.get(1)?,
            name: r.get(2)?,
            category: PriceCategory::parse(&category).unwrap_or(PriceCategory::Procedure),
            unit_price: r.get(4)?,
            tax_bp: r.get(5)?,
            active: r.get(6)?,
        },
    ))
}

const PRICE_COLUMNS: &str = "id, code, name, category, unit_price, tax_bp, active";

fn with_id(rows: Vec<(String, PriceItemSummary)>) -> Result<Vec<PriceItemSummary>> {
    rows.into_iter()
        .map(|(id, s)| {
            Ok(PriceItemSummary {
                id: Uuid::parse_str(&id).context("reading a price item id")?,
                ..s
            })
        })
        .collect()
}

/// The price list, by code. `query` matches code or name (case-insensitive, anywhere).
pub(crate) fn price_items(
    conn: &Connection,
    query: &str,
    include_inactive: bool,
) -> Result<Vec<PriceItemSummary>> {
    let pattern = format!("%{}%", query.trim().replace(['%', '_'], ""));
    let sql = format!(
        "SELECT {PRICE_COLUMNS} FROM price_items
         WHERE (?1 OR active) AND (code LIKE ?2 OR name LIKE ?2) ORDER BY code, id LIMIT 500"
    );
    let mut stmt = conn
        .prepare_cached(&sql)
        .context("reading the price list")?;
    let rows = stmt
        .query_map(params![include_inactive, pattern], price_row)
        .context("reading the price list")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("reading the price list")?;
    with_id(rows)
}

pub(crate) fn price_item(conn: &Connection, id: &str) -> Result<Option<PriceItemSummary>> {
    let sql = format!("SELECT {PRICE_COLUMNS} FROM price_items WHERE id = ?1");
    let row = conn
        .prepare_cached(&sql)
        .and_then(|mut s| s.query_row([id.trim()], price_row).optional())
        .context("reading the price list")?;
    Ok(with_id(row.into_iter().collect())?.pop())
}

/// Whether another item (not `except`) already has `code`.
pub(crate) fn code_taken(conn: &Connection, code: &str, except: Option<Uuid>) -> Result<bool> {
    let except = except.map(|u| u.to_string()).unwrap_or_default();
    conn.prepare_cached("SELECT count(*) FROM price_items WHERE code = ?1 AND id <> ?2")
        .and_then(|mut s| {
            s.query_row(params![code.trim().to_ascii_uppercase(), except], |r| {
                r.get::<_, i64>(0)
            })
        })
        .map(|n| n > 0)
        .context("reading the price list")
}

/// Rewrites the invoice's row, lines and payments.
pub(crate) fn write_invoice(tx: &Transaction<'_>, id: Uuid, inv: &Invoice, at: &str) -> Result<()> {
    let t = inv.totals();
    let id_text = id.to_string();
    let clinician = if inv.clinician_id.is_empty() {
        &inv.created_by
    } else {
        &inv.clinician_id
    };
    let claim = inv.claim.as_ref().map_or("", |c| claim_status(c.status));
    tx.prepare_cached(
        "INSERT INTO invoices (id, number, patient_id, patient_name, status, currency, total, paid,
            balance, clinician_id, created_by, created_at, issued_at, voided_at, claim_status, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT (id) DO UPDATE SET number = excluded.number, patient_id = excluded.patient_id,
            patient_name = excluded.patient_name, status = excluded.status, currency = excluded.currency,
            total = excluded.total, paid = excluded.paid, balance = excluded.balance,
            clinician_id = excluded.clinician_id, created_by = excluded.created_by,
            created_at = excluded.created_at, issued_at = excluded.issued_at,
            voided_at = excluded.voided_at, claim_status = excluded.claim_status,
            updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            id_text, inv.number, inv.patient_id, inv.patient_name, inv.status.as_str(), inv.currency,
            t.total, t.paid, t.balance, clinician, inv.created_by, inv.created_at, inv.issued_at,
            inv.voided_at, claim, at
        ])
    })
    .context("updating the invoices")?;
    for table in ["invoice_lines", "invoice_payments"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE invoice_id = ?1"),
            [&id_text],
        )
        .context("updating the invoices")?;
    }
    let mut line = tx
        .prepare_cached(
            "INSERT OR REPLACE INTO invoice_lines (invoice_id, line_id, item_id, code, description,
                category, net, tax, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .context("updating the invoices")?;
    for l in &inv.lines {
        let a = l.amounts();
        line.execute(params![
            id_text,
            l.id,
            l.item_id,
            l.code,
            l.description,
            l.category.as_str(),
            a.net,
            a.tax,
            a.total
        ])
        .context("updating the invoices")?;
    }
    let mut pay = tx
        .prepare_cached(
            "INSERT OR REPLACE INTO invoice_payments (invoice_id, payment_id, kind, method, amount,
                cashier_id, cashier, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .context("updating the invoices")?;
    for p in &inv.payments {
        let kind = match p.kind {
            clinic_domain::billing::PaymentKind::Payment => "payment",
            clinic_domain::billing::PaymentKind::Refund => "refund",
        };
        pay.execute(params![
            id_text,
            p.id,
            kind,
            p.method.as_str(),
            p.signed(),
            p.by_user_id,
            p.by_username,
            p.at
        ])
        .context("updating the invoices")?;
    }
    Ok(())
}

pub(crate) fn claim_status(s: clinic_domain::billing::ClaimStatus) -> &'static str {
    use clinic_domain::billing::ClaimStatus::*;
    match s {
        Submitted => "submitted",
        Approved => "approved",
        Rejected => "rejected",
        Paid => "paid",
    }
}

/// Invoices, newest first: of one patient, with one status, or whose number or patient matches `query`.
pub(crate) fn invoices(
    conn: &Connection,
    patient_id: Option<&str>,
    status: Option<InvoiceStatus>,
    query: &str,
    limit: u32,
) -> Result<Vec<InvoiceSummary>> {
    let pattern = format!("%{}%", query.trim().replace(['%', '_'], ""));
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, number, patient_id, patient_name, status, currency, total, paid, balance,
                created_by, created_at, issued_at, claim_status FROM invoices
             WHERE (?1 IS NULL OR patient_id = ?1) AND (?2 IS NULL OR status = ?2)
               AND (number LIKE ?3 OR patient_name LIKE ?3)
             ORDER BY created_at DESC, id LIMIT ?4",
        )
        .context("listing invoices")?;
    let rows = stmt
        .query_map(
            params![
                patient_id,
                status.map(|s| s.as_str()),
                pattern,
                limit.min(1000)
            ],
            |r| {
                let status: String = r.get(4)?;
                Ok(InvoiceSummary {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    patient_id: r.get(2)?,
                    patient_name: r.get(3)?,
                    status: InvoiceStatus::parse(&status).unwrap_or(InvoiceStatus::Draft),
                    currency: r.get(5)?,
                    total: r.get(6)?,
                    paid: r.get(7)?,
                    balance: r.get(8)?,
                    created_by: r.get(9)?,
                    created_at: r.get(10)?,
                    issued_at: r.get(11)?,
                    claim_status: r.get(12)?,
                })
            },
        )
        .context("listing invoices")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("listing invoices")
}
