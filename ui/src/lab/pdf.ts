// A printed lab document (label or report) as a download link's address; revoke it when replaced.
import { fromBase64 } from "../attachments";
import type { PrintedLabDoc } from "../bindings/PrintedLabDoc";

export type PdfLink = { name: string; url: string };

export function pdfLink(doc: PrintedLabDoc): PdfLink {
  const blob = new Blob([fromBase64(doc.pdf_base64)], { type: "application/pdf" });
  return { name: doc.file_name, url: URL.createObjectURL(blob) };
}
