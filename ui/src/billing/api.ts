// Commands of the billing screens (docs/IPC.md, "Billing").
import { invoke } from "@tauri-apps/api/core";
import { toErrorBody } from "../api";
import type { BillingPdf } from "../bindings/BillingPdf";
import type { CashUp } from "../bindings/CashUp";
import type { ClaimInput } from "../bindings/ClaimInput";
import type { Currency } from "../bindings/Currency";
import type { InvoiceStatus } from "../bindings/InvoiceStatus";
import type { InvoiceSummary } from "../bindings/InvoiceSummary";
import type { InvoiceView } from "../bindings/InvoiceView";
import type { LineInput } from "../bindings/LineInput";
import type { NewInvoiceInput } from "../bindings/NewInvoiceInput";
import type { PaymentInput } from "../bindings/PaymentInput";
import type { PriceItemInput } from "../bindings/PriceItemInput";
import type { PriceItemSummary } from "../bindings/PriceItemSummary";
import type { RefundInput } from "../bindings/RefundInput";
import type { Revenue } from "../bindings/Revenue";
import type { RevenueGroup } from "../bindings/RevenueGroup";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toErrorBody(raw);
  }
}

export const billingCurrency = () => call<Currency>("billing_currency");
export const priceList = (query: string, includeInactive: boolean) =>
  call<PriceItemSummary[]>("price_list", { query, includeInactive });
export const createPriceItem = (input: PriceItemInput) => call<PriceItemSummary>("create_price_item", { input });
export const updatePriceItem = (id: string, input: PriceItemInput) =>
  call<PriceItemSummary>("update_price_item", { id, input });
export const listInvoices = (patientId: string | null, status: InvoiceStatus | null, query: string) =>
  call<InvoiceSummary[]>("list_invoices", { patientId, status, query });
export const openInvoice = (id: string) => call<InvoiceView>("open_invoice", { id });
export const createInvoice = (input: NewInvoiceInput) => call<InvoiceView>("create_invoice", { input });
export const addInvoiceLine = (id: string, input: LineInput) => call<InvoiceView>("add_invoice_line", { id, input });
export const removeInvoiceLine = (id: string, lineId: string) =>
  call<InvoiceView>("remove_invoice_line", { id, lineId });
export const issueInvoice = (id: string) => call<InvoiceView>("issue_invoice", { id });
export const takePayment = (id: string, input: PaymentInput) => call<InvoiceView>("take_payment", { id, input });
export const refundPayment = (id: string, input: RefundInput) => call<InvoiceView>("refund_payment", { id, input });
export const voidInvoice = (id: string, reason: string) => call<InvoiceView>("void_invoice", { id, reason });
/** `day`: `YYYY-MM-DD`. */
export const cashUp = (day: string) => call<CashUp>("cash_up", { day });
export const revenue = (from: string, to: string, group: RevenueGroup) => call<Revenue>("revenue", { from, to, group });
export const billingPdf = (id: string, which: "invoice" | "receipt") => call<BillingPdf>("billing_pdf", { id, which });
export const updateClaim = (id: string, input: ClaimInput) => call<InvoiceView>("update_claim", { id, input });
export const setBillingCurrency = (code: string) => call<Currency>("set_billing_currency", { code });
