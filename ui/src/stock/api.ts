// Commands of pharmacy stock (docs/IPC.md, "Pharmacy stock").
import { invoke } from "@tauri-apps/api/core";
import { toErrorBody } from "../api";
import type { AdjustInput } from "../bindings/AdjustInput";
import type { BatchLevel } from "../bindings/BatchLevel";
import type { DispenseInput } from "../bindings/DispenseInput";
import type { Drug } from "../bindings/Drug";
import type { ReceiveInput } from "../bindings/ReceiveInput";
import type { StockAlert } from "../bindings/StockAlert";
import type { StockBatchView } from "../bindings/StockBatchView";
import type { StockLevel } from "../bindings/StockLevel";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toErrorBody(raw);
  }
}

export const stockLevels = () => call<StockLevel[]>("stock_levels");
export const stockBatches = (drugId: string) => call<BatchLevel[]>("stock_batches", { drugId });
export const stockBatch = (id: string) => call<StockBatchView>("stock_batch", { id });
export const stockAlerts = () => call<StockAlert[]>("stock_alerts");
export const receiveStock = (input: ReceiveInput) => call<BatchLevel>("receive_stock", { input });
export const dispenseStock = (input: DispenseInput) => call<BatchLevel[]>("dispense_stock", { input });
export const adjustStock = (input: AdjustInput) => call<BatchLevel>("adjust_stock", { input });
export const negativeStockBatch = (issueId: string) => call<StockBatchView>("negative_stock_batch", { issueId });
export const resolveNegativeStock = (issueId: string) => call<null>("resolve_negative_stock", { issueId });
export const searchDrugs = (query: string) => call<Drug[]>("search_drugs", { query });
