//! Escaping and the page layout. Every value that reaches a page goes through [`esc`].
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};

/// Text made safe for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A duration in plain words: "5 min", "3 h", "2 days".
pub fn ago(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds().max(0);
    match secs {
        0..60 => "less than a minute".into(),
        60..3600 => format!("{} min", secs / 60),
        3600..172_800 => format!("{} h", secs / 3600),
        _ => format!("{} days", secs / 86_400),
    }
}

/// `2026-11-22 19:24 UTC (3 h ago)`, or `never`.
pub fn when(t: Option<DateTime<Utc>>) -> String {
    match t {
        Some(t) => format!(
            "{} ({} ago)",
            t.format("%Y-%m-%d %H:%M UTC"),
            ago(Utc::now(), t)
        ),
        None => "never".into(),
    }
}

const STYLE: &str = "
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f1f1}td.n{text-align:right}
tr.behind td{background:#fff1e6}tr.behind td.reasons{color:#8a3b00;font-weight:600}
.ok{color:#236b2e}.error{color:#a40000;font-weight:600}
nav{display:flex;gap:1rem;align-items:center;border-bottom:1px solid #ddd;padding-bottom:.5rem}
nav form{margin-left:auto}.exports a{margin-right:.6rem;font-size:.85rem}
label{display:block;margin:.6rem 0}input{font-size:1rem;padding:.3rem}
";

/// A whole page. `user` is the logged-in admin and the session's CSRF token (for the logout form).
pub fn page(title: &str, user: Option<(&str, &str)>, body: &str) -> String {
    let nav = match user {
        Some((name, csrf)) => format!(
            "<nav><a href=\"/admin\">Overview</a><span>Signed in as {}</span>\
             <form method=\"post\" action=\"/admin/logout\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <button type=\"submit\" id=\"logout\">Log out</button></form></nav>",
            esc(name),
            esc(csrf)
        ),
        None => String::new(),
    };
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Clinic central</title><style>{STYLE}</style></head>\
         <body>{nav}<main><h1>{}</h1>{body}</main></body></html>",
        esc(title),
        esc(title)
    )
}

/// A plain message page with a status code (403, 404, ...).
pub fn message(status: StatusCode, title: &str, text: &str) -> Response {
    let body = format!(
        "<p class=\"error\">{}</p><p><a href=\"/admin\">Back to the overview</a></p>",
        esc(text)
    );
    (status, Html(page(title, None, &body))).into_response()
}

/// One `<table>`: headers and rows of already escaped cells (`(class, html)`).
pub fn table(id: &str, headers: &[&str], rows: &[(String, Vec<(&str, String)>)]) -> String {
    let mut out = format!("<table id=\"{}\"><thead><tr>", esc(id));
    for h in headers {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    if rows.is_empty() {
        out.push_str(&format!(
            "<tr><td colspan=\"{}\">Nothing yet.</td></tr>",
            headers.len()
        ));
    }
    for (attrs, cells) in rows {
        out.push_str(&format!("<tr{attrs}>"));
        for (class, html) in cells {
            if class.is_empty() {
                out.push_str(&format!("<td>{html}</td>"));
            } else {
                out.push_str(&format!("<td class=\"{class}\">{html}</td>"));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The answer to a report page asked for a clinic code nobody has.
pub fn no_such_clinic() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "No such clinic",
        "There is no clinic with this code.",
    )
}

/// Links to the CSV and JSON versions of a table (optionally of one clinic).
pub fn exports(table: &str, clinic: Option<&str>) -> String {
    let q = clinic
        .map(|c| format!("?clinic={}", esc(c)))
        .unwrap_or_default();
    format!(
        "<p class=\"exports\"><a class=\"csv\" data-table=\"{t}\" href=\"/admin/reports/{t}.csv{q}\">CSV</a>\
         <a class=\"json\" data-table=\"{t}\" href=\"/admin/api/{t}{q}\">JSON</a></p>",
        t = esc(table)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')&\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn durations_read_plainly() {
        let now = Utc::now();
        assert_eq!(ago(now, now), "less than a minute");
        assert_eq!(ago(now, now - chrono::Duration::minutes(5)), "5 min");
        assert_eq!(ago(now, now - chrono::Duration::hours(3)), "3 h");
        assert_eq!(ago(now, now - chrono::Duration::days(4)), "4 days");
    }
}
