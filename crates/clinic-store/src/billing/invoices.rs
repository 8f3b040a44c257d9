//! Invoice operations. Each loads the document inside the write transaction, applies one domain
//! rule (which checks everything first), then writes document, projection and audit together.
use super::{projection, stamp, stamp_time, InvoiceSummary, InvoiceView};
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records::{self, WriteCtx};
use crate::store::{take_counter, Store};
use clinic_domain::billing::{
    build_line, invoice_number, ClaimInput, Invoice, InvoiceStatus, LineInput, NewInvoiceInput,
    PaymentInput, RefundInput,
};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, FieldError, RecordKind};
use rusqlite::{OptionalExtension, Transaction};
use uuid::Uuid;

const KIND: RecordKind = RecordKind::Invoice;

impl Store {
    /// A draft invoice for a patient, with lines from the price list (prices and tax as they are now).
    pub fn create_invoice(
        &mut self,
        actor: &Actor,
        input: &NewInvoiceInput,
    ) -> Result<InvoiceView> {
        self.authorize(actor, Action::BillingCharge)?;
        let mut errors: Vec<FieldError> = Vec::new();
        let patient = self.patient_for_invoice(&input.patient_id)?;
        if patient.is_none() {
            errors.push(FieldError::new(
                "patient_id",
                ErrorCode::NotFound,
                "is not a registered patient",
            ));
        }
        let mut lines = Vec::new();
        for (i, l) in input.lines.iter().enumerate() {
            let item = projection::price_item(&self.conn, &l.item_id)?;
            match build_line(
                &format!("lines.{i}."),
                item.as_ref(),
                l,
                self.new_id().to_string(),
            ) {
                Ok(line) => lines.push(line),
                Err(e) => errors.extend(e),
            }
        }
        if input.visit_id.chars().count() > 64 {
            errors.push(FieldError::new(
                "visit_id",
                ErrorCode::TooLong,
                "must be at most 64 characters",
            ));
        }
        if !input.clinician_id.trim().is_empty()
            && Uuid::parse_str(input.clinician_id.trim()).is_err()
        {
            errors.push(FieldError::new(
                "clinician_id",
                ErrorCode::InvalidFormat,
                "is not a user id",
            ));
        }
        let Some((patient_number, patient_name)) = patient.filter(|_| errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        let (id, at) = (self.new_id(), self.clock.now());
        let invoice = Invoice {
            number: String::new(),
            patient_id: input.patient_id.trim().to_string(),
            patient_name,
            patient_number,
            visit_id: input.visit_id.trim().to_string(),
            clinician_id: input.clinician_id.trim().to_string(),
            currency: self.currency()?.code,
            status: InvoiceStatus::Draft,
            lines,
            payments: Vec::new(),
            claim: None,
            created_by: actor.user_id.to_string(),
            created_by_name: actor.username.clone(),
            created_at: stamp_time(at),
            issued_by: String::new(),
            issued_at: String::new(),
            void_reason: String::new(),
            voided_by: String::new(),
            voided_at: String::new(),
        };
        let ctx = WriteCtx {
            actor,
            action: "create",
            source: ChangeSource::Ui,
            at,
        };
        let tx = self.write()?;
        records::create_projected(&tx, KIND, id, &invoice, &ctx, projection::write_invoice)?;
        tx.commit().context("saving the invoice")?;
        self.invoice_view(id, invoice)
    }

    fn patient_for_invoice(&self, id: &str) -> Result<Option<(String, String)>> {
        self.conn
            .prepare_cached("SELECT number, given_name || ' ' || family_name FROM patients WHERE id = ?1 AND deleted = 0")
            .and_then(|mut s| s.query_row([id.trim()], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .context("reading the patient")
    }

    pub fn add_invoice_line(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &LineInput,
    ) -> Result<InvoiceView> {
        self.authorize(actor, Action::BillingCharge)?;
        let item = projection::price_item(&self.conn, &input.item_id)?;
        let line = build_line("", item.as_ref(), input, self.new_id().to_string())
            .map_err(Error::Invalid)?;
        self.change_invoice(actor, id, "add_line", |inv, _| {
            inv.add_line(line).map_err(Error::Invalid)
        })
    }

    pub fn remove_invoice_line(
        &mut self,
        actor: &Actor,
        id: Uuid,
        line_id: &str,
    ) -> Result<InvoiceView> {
        self.authorize(actor, Action::BillingCharge)?;
        self.change_invoice(actor, id, "remove_line", |inv, _| {
            inv.remove_line(line_id).map_err(Error::Invalid)
        })
    }

    /// Issues a draft: its number (`INV-<clinic>-<device>-<sequence>`) is taken from this PC's
    /// counter in the same transaction, so numbers never collide between PCs and never skip on error.
    pub fn issue_invoice(&mut self, actor: &Actor, id: Uuid) -> Result<InvoiceView> {
        self.authorize(actor, Action::BillingCharge)?;
        let clinic = self.clinic()?;
        let by = stamp(actor, self.clock.now());
        self.change_invoice(actor, id, "issue", |inv, tx| {
            if inv.status != InvoiceStatus::Draft || inv.lines.is_empty() {
                return inv.issue(String::new(), &by).map_err(Error::Invalid);
            }
            let number = invoice_number(
                &clinic.code,
                &clinic.device_code,
                take_counter(tx, "invoice_number", 1)?,
            );
            inv.issue(number, &by).map_err(Error::Invalid)
        })
    }

    pub fn take_payment(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &PaymentInput,
    ) -> Result<InvoiceView> {
        self.authorize(actor, Action::BillingCharge)?;
        let (pid, by) = (self.new_id().to_string(), stamp(actor, self.clock.now()));
        self.change_invoice(actor, id, "payment", |inv, _| {
            inv.take_payment(input, pid, &by).map_err(Error::Invalid)
        })
    }

    pub fn refund_payment(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &RefundInput,
    ) -> Result<InvoiceView> {
        self.authorize(actor, Action::BillingVoid)?;
        let (rid, by) = (self.new_id().to_string(), stamp(actor, self.clock.now()));
        self.change_invoice(actor, id, "refund", |inv, _| {
            inv.refund(input, rid, &by).map_err(Error::Invalid)
        })
    }

    pub fn void_invoice(&mut self, actor: &Actor, id: Uuid, reason: &str) -> Result<InvoiceView> {
        self.authorize(actor, Action::BillingVoid)?;
        let by = stamp(actor, self.clock.now());
        self.change_invoice(actor, id, "void", |inv, _| {
            inv.void(reason, &by).map_err(Error::Invalid)
        })
    }

    pub fn update_claim(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &ClaimInput,
    ) -> Result<InvoiceView> {
        self.authorize(actor, Action::BillingCharge)?;
        let by = stamp(actor, self.clock.now());
        self.change_invoice(actor, id, "claim", |inv, _| {
            inv.set_claim(input, &by).map_err(Error::Invalid)
        })
    }

    /// Opens one invoice (loads its document) and audits the view.
    pub fn open_invoice(&mut self, actor: &Actor, id: Uuid) -> Result<InvoiceView> {
        self.authorize(actor, Action::BillingView)?;
        let invoice = self.load_invoice(id)?;
        audit::append(
            &self.conn,
            actor,
            AuditAction::View,
            Subject::record(KIND, id),
            self.clock.now(),
        )?;
        self.invoice_view(id, invoice)
    }

    pub fn list_invoices(
        &self,
        actor: &Actor,
        patient_id: Option<&str>,
        status: Option<InvoiceStatus>,
        query: &str,
        limit: u32,
    ) -> Result<Vec<InvoiceSummary>> {
        self.authorize(actor, Action::BillingView)?;
        projection::invoices(&self.conn, patient_id, status, query, limit)
    }

    pub(crate) fn load_invoice(&self, id: Uuid) -> Result<Invoice> {
        let device = self.device()?;
        let loaded = records::load(&self.conn, KIND, id, device.id)?
            .ok_or(Error::NotFound { what: "invoice" })?;
        records::hydrate(&loaded.doc)
    }

    pub(crate) fn invoice_view(&self, id: Uuid, invoice: Invoice) -> Result<InvoiceView> {
        let currency = clinic_domain::billing::Currency::parse(&invoice.currency)
            .map_or_else(|| self.currency(), Ok)?;
        Ok(InvoiceView {
            id: id.to_string(),
            totals: invoice.totals(),
            line_amounts: invoice.lines.iter().map(|l| l.amounts()).collect(),
            invoice,
            currency,
        })
    }

    /// Loads, edits (the rule decides; an error writes nothing), writes, projects and audits.
    fn change_invoice(
        &mut self,
        actor: &Actor,
        id: Uuid,
        action: &str,
        edit: impl FnOnce(&mut Invoice, &Transaction<'_>) -> Result<()>,
    ) -> Result<InvoiceView> {
        let at = self.clock.now();
        let tx = self.write()?;
        let mut doc = records::load(&tx, KIND, id, actor.device_id)?
            .ok_or(Error::NotFound { what: "invoice" })?
            .doc;
        let mut invoice: Invoice = records::hydrate(&doc)?;
        edit(&mut invoice, &tx)?;
        let ctx = WriteCtx {
            actor,
            action,
            source: ChangeSource::Ui,
            at,
        };
        let write = projection::write_invoice;
        records::update_projected(&tx, KIND, id, &mut doc, &invoice, &ctx, write)?;
        tx.commit().context("saving the invoice")?;
        self.invoice_view(id, invoice)
    }
}
