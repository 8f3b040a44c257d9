//! What a command may read from its surroundings: environment variables (passed in, so tests
//! never touch the process's own) and whether a person is at the terminal to answer prompts.
use std::collections::HashMap;
use std::io::{IsTerminal, Write};

pub struct Env {
    vars: HashMap<String, String>,
    interactive: bool,
}

impl Env {
    pub fn from_process() -> Self {
        Self {
            vars: std::env::vars().collect(),
            interactive: std::io::stdin().is_terminal(),
        }
    }

    /// A fixed environment with no terminal: prompts are refused with a clear error.
    pub fn with_vars<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            interactive: false,
        }
    }

    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub fn interactive(&self) -> bool {
        self.interactive
    }

    /// A secret from `var`, or typed at a hidden prompt when a person is there.
    pub fn secret(&self, var: &str, prompt: &str) -> clinic_store::Result<String> {
        if let Some(v) = self.var(var) {
            return Ok(v.to_string());
        }
        if !self.interactive {
            return Err(clinic_store::Error::field(
                var,
                clinic_domain::ErrorCode::Required,
                format!("is not set and there is no terminal to ask for it (set {var})"),
            ));
        }
        rpassword::prompt_password(prompt)
            .map_err(|_| clinic_store::Error::Storage("reading the password".into()))
    }
}

/// Where a command writes: results to `out`, messages and progress to `err`.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}
