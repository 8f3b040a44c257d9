//! Generates the Tauri context (config, icons, capabilities and the UI's files from ../ui/dist) here
//! rather than in `generate_context!`, so that Cargo rebuilds the binary whenever ui/dist changes.
use std::path::Path;

const PLACEHOLDER: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Clinic</title></head>\n\
<body><h1>Clinic</h1><p>The user interface was not built into this binary: run <code>make ui</code>, then build again.</p>\
</body></html>\n";

fn main() {
    // The binary embeds ui/dist. So that the Rust workspace builds (and its tests run) before the UI is
    // built, a missing ui/dist gets a placeholder page; `make ui` replaces it and Cargo then rebuilds.
    let dist = Path::new("../ui/dist");
    if !dist.join("index.html").exists() {
        println!("cargo:warning=ui/dist is missing: the app shows a placeholder page (run `make ui` first)");
        std::fs::create_dir_all(dist).expect("cannot create ui/dist");
        std::fs::write(dist.join("index.html"), PLACEHOLDER)
            .expect("cannot write ui/dist/index.html");
    }
    let attributes = tauri_build::Attributes::new().codegen(tauri_build::CodegenContext::new());
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
