//! `zhulao sync --pull`: one centre, many machines. Each machine sends the centre's LRS its
//! records (`sync`); pulling brings every other machine's records — answers, learners, their
//! groups, learners on the roster who never started — from the LRS into this one, so the
//! teacher's screens and reports show the whole centre. The LRS is the shared store; zhulao
//! has no server of its own.
//!
//! Help requests (the learners' 求助) come back the same way as answers, and count with them.
//!
//! Statements are read oldest first, a page at a time, following the LRS's `more` links, and
//! merged as `import` merges a file: idempotent, order-free, secret answers masked. What came
//! from the LRS is marked as sent to it (it has them), so the next sync does not send them back.
//! This machine's own statements are found already here and change nothing. Where the last pull
//! got to (the LRS's `stored` time) is kept, and the next pull starts a little before it.

use std::time::Duration;

use serde_json::Value;

use super::statement::{Record, Refusal, decode_record, mask_secret};
use super::sync::{Lrs, Sender, Stop};
use crate::content::Library;
use crate::inert::inert;
use crate::progress::Store;
use crate::progress::store::{
    AddedLearner, Incoming, IncomingHelp, MergeReport, Merged, RosterCard,
};

/// Statements asked for per page.
pub const PAGE: usize = 500;
/// How far before the last `stored` time a pull starts again (statements stored in the same
/// moment as the last one read are not missed; reading one twice is harmless).
const OVERLAP_SECONDS: i64 = 60;

/// What one pull did.
#[derive(Debug, Default)]
pub struct PullReport {
    pub pages: u64,
    /// Statements from other machines that are new here.
    pub added: u64,
    /// Statements that were here already (this machine's own, or pulled before).
    pub already_there: u64,
    /// A statement with an id known here but different content: the record here is kept.
    pub conflicts: u64,
    /// Other systems' statements in the LRS, left alone.
    pub not_zhulao: u64,
    /// zhulao-like statements that could not be read (their ids, and why).
    pub invalid: Vec<(String, String)>,
    pub roster_cards: u64,
    pub groups_changed: u64,
    pub learners_added: Vec<AddedLearner>,
}

fn cursor_key(lrs: &Lrs) -> String {
    format!("lrs_pulled:{}", lrs.endpoint())
}

/// Pulls every statement the LRS has that this machine has not (see the module's doc).
pub fn pull(
    store: &mut Store,
    lrs: &Lrs,
    library: &Library,
    pause: &mut dyn FnMut(Duration),
) -> (PullReport, Option<Stop>) {
    let mut report = PullReport::default();
    let mut sender = Sender {
        lrs,
        pause,
        waits: 0,
    };
    let stop = pull_into(store, &mut sender, library, &mut report).err();
    (report, stop)
}

fn pull_into(
    store: &mut Store,
    sender: &mut Sender,
    library: &Library,
    report: &mut PullReport,
) -> Result<(), Stop> {
    let lrs = sender.lrs;
    let since = store
        .meta_value(&cursor_key(lrs))?
        .and_then(|t| crate::progress::store::parse_time(&t))
        .map(|t| crate::progress::store::format_time(t - time::Duration::seconds(OVERLAP_SECONDS)));
    let mut url = format!("{}?ascending=true&limit={PAGE}", lrs.endpoint());
    if let Some(since) = &since {
        url.push_str("&since=");
        url.push_str(&since.replace('+', "%2B").replace(':', "%3A"));
    }
    let mut newest_stored: Option<time::OffsetDateTime> = None;
    loop {
        let page: Value = sender.patiently(|lrs| lrs.get_json(&url))?;
        report.pages += 1;
        let statements = page["statements"].as_array().cloned().unwrap_or_default();
        let mut events = Vec::new();
        let mut cards = Vec::new();
        let mut help = Vec::new();
        let mut ids = Vec::new();
        for statement in &statements {
            if let Some(stored) = statement["stored"]
                .as_str()
                .and_then(crate::progress::store::parse_time)
            {
                newest_stored = newest_stored.max(Some(stored));
            }
            match decode_record(statement) {
                Ok(Record::Event(decoded)) => {
                    let mut event = decoded.event;
                    mask_secret(library, &mut event);
                    ids.push(event.id.clone());
                    events.push(Incoming {
                        event,
                        learner: decoded.learner,
                    });
                }
                Ok(Record::Help(request, learner)) => {
                    ids.push(request.id.clone());
                    help.push(IncomingHelp {
                        help: request,
                        learner,
                    });
                }
                Ok(Record::Roster(card)) => {
                    if let Some(id) = statement["id"].as_str() {
                        ids.push(id.to_ascii_lowercase());
                    }
                    cards.push(card);
                }
                Err(Refusal::NotZhulao) => report.not_zhulao += 1,
                Err(refusal) => report.invalid.push((
                    inert(statement["id"].as_str().unwrap_or("?")).into_owned(),
                    inert(&refusal.to_string()).into_owned(),
                )),
            }
        }
        apply(store, &cards, &events, &help, report)?;
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        store.mark_sent(lrs.endpoint(), &ids)?;
        if let Some(newest) = newest_stored {
            store.set_meta_value(
                &cursor_key(lrs),
                &crate::progress::store::format_time(newest),
            )?;
        }
        match page["more"].as_str() {
            Some(more) if !more.is_empty() && !statements.is_empty() => {
                url = lrs.more_url(more);
            }
            _ => return Ok(()),
        }
    }
}

/// A page's roster cards first (so learners come in with their names and groups), then its
/// answers and help requests.
fn apply(
    store: &mut Store,
    cards: &[RosterCard],
    events: &[Incoming],
    help: &[IncomingHelp],
    report: &mut PullReport,
) -> Result<(), Stop> {
    if !cards.is_empty() {
        let applied = store.apply_roster(cards)?;
        report.roster_cards += cards.len() as u64;
        report.groups_changed += applied.groups_changed;
        report.learners_added.extend(applied.learners_added);
    }
    if !events.is_empty() {
        let merged = store.merge(events)?;
        count(store, merged, report);
    }
    if !help.is_empty() {
        let merged = store.merge_help(help)?;
        count(store, merged, report);
    }
    Ok(())
}

/// Counts what one merge did, and gives way to the app's own saves.
fn count(store: &mut Store, merged: MergeReport, report: &mut PullReport) {
    store.give_way();
    for outcome in merged.outcomes {
        match outcome {
            Merged::Added => report.added += 1,
            Merged::AlreadyThere => report.already_there += 1,
            Merged::Conflict { .. } => report.conflicts += 1,
        }
    }
    report.learners_added.extend(merged.learners_added);
}
