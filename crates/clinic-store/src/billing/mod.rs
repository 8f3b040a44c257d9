//! Billing: the price list, invoices, payments, refunds, voids, claims, the cash-up and revenue.
//! Every operation: authorize → validate (domain rules) → one transaction writing the document,
//! its projection, the change log and the audit entry; on any error nothing is written.
mod invoices;
pub mod pdf;
pub(crate) mod projection;
mod reports;
pub(crate) use reports::parse_day;
pub mod views;

use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records::{self, Loaded, WriteCtx};
use crate::store::{set_meta, Store};
use chrono::{DateTime, SecondsFormat, Utc};
use clinic_domain::billing::{Currency, PriceItem, PriceItemInput, PriceItemSummary, Stamp};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind};
use uuid::Uuid;

pub use views::{
    BillingPdf, CashUp, CashUpRow, InvoiceSummary, InvoiceView, Revenue, RevenueGroup, RevenueRow,
};

const PRICE: RecordKind = RecordKind::PriceItem;

/// Times in billing documents and projections: UTC with milliseconds, so text order is time order.
pub(crate) fn stamp_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn stamp(actor: &Actor, at: DateTime<Utc>) -> Stamp {
    Stamp {
        user_id: actor.user_id.to_string(),
        username: actor.username.clone(),
        at: stamp_time(at),
    }
}

impl Store {
    /// The clinic's currency (store setting `currency`, `USD` until one is chosen).
    pub fn currency(&self) -> Result<Currency> {
        Ok(self
            .meta("currency")?
            .and_then(|c| Currency::parse(&c))
            .unwrap_or_else(Currency::default_currency))
    }

    /// Chooses the clinic's currency (ISO 4217 code). Invoices keep the currency they were made in.
    pub fn set_currency(&mut self, actor: &Actor, code: &str) -> Result<Currency> {
        self.authorize(actor, Action::PriceListManage)?;
        let currency = Currency::parse(code).ok_or_else(|| {
            Error::field(
                "currency",
                ErrorCode::InvalidFormat,
                "is not a currency code",
            )
        })?;
        set_meta(&self.conn, "currency", &currency.code)?;
        let subject = Subject {
            kind: "setting",
            id: "currency".into(),
        };
        audit::append(
            &self.conn,
            actor,
            AuditAction::Update,
            subject,
            self.clock.now(),
        )?;
        Ok(currency)
    }

    pub fn price_list(
        &self,
        actor: &Actor,
        query: &str,
        include_inactive: bool,
    ) -> Result<Vec<PriceItemSummary>> {
        self.authorize(actor, Action::BillingView)?;
        projection::price_items(&self.conn, query, include_inactive)
    }

    pub fn create_price_item(
        &mut self,
        actor: &Actor,
        input: &PriceItemInput,
    ) -> Result<PriceItemSummary> {
        self.authorize(actor, Action::PriceListManage)?;
        let taken = projection::code_taken(&self.conn, &input.code, None)?;
        let item = input.validate(taken).map_err(Error::Invalid)?;
        let (id, at) = (self.new_id(), self.clock.now());
        let ctx = WriteCtx {
            actor,
            action: "create",
            source: ChangeSource::Ui,
            at,
        };
        let tx = self.write()?;
        records::create_projected(&tx, PRICE, id, &item, &ctx, projection::write_price_item)?;
        tx.commit().context("saving the price item")?;
        Ok(summary(id, item))
    }

    /// Edits an item, `active: false` included (items are deactivated, never deleted). Invoices
    /// already made keep the price they were made with.
    pub fn update_price_item(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &PriceItemInput,
    ) -> Result<PriceItemSummary> {
        self.authorize(actor, Action::PriceListManage)?;
        let taken = projection::code_taken(&self.conn, &input.code, Some(id))?;
        let item = input.validate(taken).map_err(Error::Invalid)?;
        let at = self.clock.now();
        let ctx = WriteCtx {
            actor,
            action: "update",
            source: ChangeSource::Ui,
            at,
        };
        let tx = self.write()?;
        let Loaded { mut doc, .. } = records::load(&tx, PRICE, id, actor.device_id)?
            .ok_or(Error::NotFound { what: "price item" })?;
        let write = projection::write_price_item;
        records::update_projected(&tx, PRICE, id, &mut doc, &item, &ctx, write)?;
        tx.commit().context("saving the price item")?;
        Ok(summary(id, item))
    }
}

fn summary(id: Uuid, i: PriceItem) -> PriceItemSummary {
    PriceItemSummary {
        id,
        code: i.code,
        name: i.name,
        category: i.category,
        unit_price: i.unit_price,
        tax_bp: i.tax_bp,
        active: i.active,
    }
}
