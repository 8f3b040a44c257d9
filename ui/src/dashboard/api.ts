// The front-desk dashboard command (docs/IPC.md, "Front-desk dashboard").
import { call } from "../api";
import type { Dashboard } from "../bindings/Dashboard";

export const dashboard = () => call<Dashboard>("dashboard");
