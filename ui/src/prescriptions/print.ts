// Opens a printed prescription (PDF bytes from the core) in a new window, like an attachment.
import { fromBase64 } from "../attachments";
import type { PrintedPrescription } from "../bindings/PrintedPrescription";

export function openPdf(printed: PrintedPrescription): void {
  const blob = new Blob([fromBase64(printed.pdf_base64)], { type: "application/pdf" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.target = "_blank";
  link.download = printed.file_name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
