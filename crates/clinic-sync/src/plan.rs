//! The pure planner: from where the store stands to the steps of one sync. No I/O, so every case is
//! a row in a table test.

/// What the store knows before a sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LocalState {
    /// Last local change-log `seq` the server acknowledged.
    pub push_cursor: i64,
    /// Newest local change-log `seq` (any source).
    pub newest_local_seq: i64,
    /// Local changes after the push cursor.
    pub pending: u64,
    /// Last server sequence applied here.
    pub pull_cursor: i64,
    pub bootstrapped: bool,
    /// The server's head as last seen, if known.
    pub server_head: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Read every record as a snapshot, then pull after the head recorded first.
    Bootstrap,
    /// The push cursor is past the end of the change log (the log was replaced, e.g. by a
    /// restore): start again from 0; the server recognises what it already has.
    ResetPushCursor,
    /// Push batches of at most `batch` changes until nothing is pending.
    Push {
        batch: usize,
    },
    /// Pull pages of at most `limit` changes until the server says there are no more.
    Pull {
        limit: usize,
    },
    Done,
}

/// Batch and page sizes the plan uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub push_batch: usize,
    pub pull_limit: usize,
}

/// The steps of one sync, in order. A sync with nothing to send is one pull request: even when
/// the last known head equals the pull cursor, another PC may have pushed since.
pub fn plan(state: &LocalState, limits: Limits) -> Vec<Step> {
    let mut steps = Vec::new();
    if !state.bootstrapped {
        steps.push(Step::Bootstrap);
    }
    if state.push_cursor > state.newest_local_seq {
        steps.push(Step::ResetPushCursor);
        if state.newest_local_seq > 0 {
            steps.push(Step::Push {
                batch: limits.push_batch,
            });
        }
    } else if state.pending > 0 {
        steps.push(Step::Push {
            batch: limits.push_batch,
        });
    }
    steps.push(Step::Pull {
        limit: limits.pull_limit,
    });
    steps.push(Step::Done);
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limits = Limits {
        push_batch: 500,
        pull_limit: 1000,
    };
    const PUSH: Step = Step::Push { batch: 500 };
    const PULL: Step = Step::Pull { limit: 1000 };

    fn st(
        push: i64,
        newest: i64,
        pending: u64,
        pull: i64,
        boot: bool,
        head: Option<i64>,
    ) -> LocalState {
        LocalState {
            push_cursor: push,
            newest_local_seq: newest,
            pending,
            pull_cursor: pull,
            bootstrapped: boot,
            server_head: head,
        }
    }

    #[test]
    fn plan_cases() {
        use Step::*;
        let cases: Vec<(&str, LocalState, Vec<Step>)> = vec![
            (
                "new PC: bootstrap then pull",
                st(0, 0, 0, 0, false, None),
                vec![Bootstrap, PULL, Done],
            ),
            (
                "offline PC joining: bootstrap, push its work, pull",
                st(0, 40, 40, 0, false, None),
                vec![Bootstrap, PUSH, PULL, Done],
            ),
            (
                "nothing to do: one pull",
                st(10, 10, 0, 7, true, Some(7)),
                vec![PULL, Done],
            ),
            (
                "only synced changes after the cursor: nothing to push",
                st(10, 25, 0, 30, true, Some(30)),
                vec![PULL, Done],
            ),
            (
                "local edits: push then pull",
                st(10, 12, 2, 7, true, Some(7)),
                vec![PUSH, PULL, Done],
            ),
            (
                "server ahead: pull",
                st(12, 12, 0, 7, true, Some(90)),
                vec![PULL, Done],
            ),
            (
                "cursor past the log: reset and push all",
                st(50, 20, 0, 7, true, None),
                vec![ResetPushCursor, PUSH, PULL, Done],
            ),
            (
                "cursor past an empty log: reset only",
                st(50, 0, 0, 7, true, None),
                vec![ResetPushCursor, PULL, Done],
            ),
        ];
        for (name, state, want) in cases {
            assert_eq!(plan(&state, L), want, "{name}");
        }
    }
}
