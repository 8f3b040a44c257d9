//! The front-desk dashboard as the desktop window calls it.
use super::App;
use crate::dashboard::Dashboard;
use crate::error::Result;

impl App {
    /// Today's dashboard in this PC's local time.
    pub fn dashboard(&self) -> Result<Dashboard> {
        self.as_user(|store, actor| {
            let now = store.clock().now().with_timezone(&chrono::Local);
            store.dashboard(actor, now.date_naive(), *now.offset())
        })
    }
}
