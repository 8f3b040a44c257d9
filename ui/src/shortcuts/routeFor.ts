// Where an app-wide shortcut goes. `seq` changes on every shortcut so that pressing one again opens its
// screen afresh (a new booking form, a new invoice) even when it is already showing.
import type { Route } from "../screens/MainShell";
import type { ShortcutAction } from "./table";

export function routeFor(action: Exclude<ShortcutAction, "help">, seq: number): Route {
  switch (action) {
    case "search":
      return { name: "list" };
    case "newPatient":
      return { name: "new" };
    case "queue":
      return { name: "queue", seq };
    case "book":
      return { name: "queue", tab: "book", seq };
    case "billing":
      return { name: "billing", seq };
    case "newInvoice":
      return { name: "billing", newInvoice: true, seq };
    case "dashboard":
      return { name: "dashboard" };
  }
}
