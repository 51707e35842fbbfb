//! `zhulao sync`: sends a Learning Record Store the statements it has not received yet, with the
//! xAPI REST API (`POST {url}/statements`, batches of `BATCH`), pseudonymously: learners are
//! random ids, their names stay on this machine. Help requests go as events do, each once.
//!
//! An event is marked as sent (`lrs_sent`) only after the LRS accepted the batch it was in, so
//! a lost connection marks nothing that did not arrive, and the next sync picks up where this
//! one stopped. Sending a statement the LRS already has is harmless (xAPI statement ids make
//! it a duplicate, which the LRS accepts without storing it twice). A statement the LRS refuses
//! — it holds a different statement with the same id (409), or it finds one invalid (400) — is
//! found by sending that batch one statement at a time, is reported, and is tried again next
//! time; the rest go through.
//!
//! An LRS that is busy (429, or 503 with Retry-After) is waited for as it asks — a few times, a
//! minute at most each — and then left alone: the sync stops with "try later" rather than
//! sending more. Only what the LRS says it stored (the ids in its answer) is marked: an answer
//! without some of them sends those again one at a time, and an LRS that answers even that
//! without the id is not believed.

use std::time::Duration;

use base64::Engine as _;

use super::statement::{Audience, EncodeError, Encoder};
use crate::content::Library;
use crate::inert::inert;
use crate::progress::{Store, StoreError};

pub const BATCH: usize = 100;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// The longest a sync waits when a busy LRS asks it to; asked for longer, it stops.
pub const LONGEST_WAIT: Duration = Duration::from_secs(60);
/// How many times one sync waits for a busy LRS before it stops.
pub const MOST_WAITS: u32 = 3;
/// The first wait when a busy LRS does not say how long (then twice as long each time).
const FIRST_WAIT: Duration = Duration::from_secs(2);

/// A Learning Record Store, by its statements endpoint.
pub struct Lrs {
    endpoint: String,
    authorization: Option<String>,
    agent: ureq::Agent,
}

/// How the LRS answered one POST.
enum Answer {
    /// 204: every statement was already there.
    AllThere,
    /// 200: the ids of the statements it stored.
    Stored(Vec<String>),
    /// 409: it holds a different statement with one of these ids.
    Conflict(String),
    /// Another 4xx but 401/403/429: it refuses the statements themselves.
    Refused(u16, String),
}

/// What came back from one request: an answer, or "busy".
pub(super) enum Busy<T> {
    No(T),
    /// 429, or 503 with Retry-After: try again later (after `wait`, if it said).
    Yes {
        status: u16,
        wait: Option<Duration>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum Stop {
    #[error("could not reach the LRS at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error(
        "the LRS at {url} refused the key and secret (HTTP {status}); check ZHULAO_LRS_KEY and ZHULAO_LRS_SECRET or the [lrs] part of xapi.toml"
    )]
    Credentials { url: String, status: u16 },
    #[error("the LRS at {url} had a problem of its own (HTTP {status}{message})")]
    Server {
        url: String,
        status: u16,
        message: String,
    },
    #[error("the LRS at {url} is busy (HTTP {status}){}", asked(*.wait))]
    Busy {
        url: String,
        status: u16,
        /// How long it last asked zhulao to wait, if it said.
        wait: Option<Duration>,
    },
    #[error("the address {url} answered HTTP {status}: {message}")]
    NotAnLrs {
        url: String,
        status: u16,
        message: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What one sync did, also when it stopped early.
#[derive(Debug, Default)]
pub struct SyncReport {
    /// Statements the LRS accepted (new, or already there) and that are now marked as sent.
    pub sent: u64,
    /// Batches the LRS answered 204: every statement in them was already there.
    pub batches_already_there: u64,
    /// (event id, what the LRS said), for statements it would not take.
    pub refused: Vec<(String, String)>,
    pub conflicts: u64,
    pub skipped: Vec<EncodeError>,
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout_connect(CONNECT_TIMEOUT)
        .timeout(timeout)
        .redirects(0)
        .user_agent(concat!("zhulao/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// ", and asked zhulao to wait 10 minutes", when a busy LRS said how long.
fn asked(wait: Option<Duration>) -> String {
    match wait.map(|w| w.as_secs()) {
        None | Some(0) => String::new(),
        Some(s) if s >= 120 => format!(" and asked zhulao to wait {} minutes", s.div_ceil(60)),
        Some(1) => " and asked zhulao to wait a second".into(),
        Some(s) => format!(" and asked zhulao to wait {s} seconds"),
    }
}

/// The statements endpoint of the LRS at `url` (its base address, as LRSs give it, or already
/// ending in `/statements`), in one form: scheme and host in small letters, `localhost` (and
/// `[::1]`) as 127.0.0.1, no default port, no trailing slash before `statements`. What was
/// sent is remembered under this form, so the same LRS written another way is the same LRS.
pub fn normal_address(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let authority = authority.to_ascii_lowercase();
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
            (host, Some(port.trim_start_matches('0')))
        }
        _ => (authority.as_str(), None),
    };
    if host.is_empty() {
        return None;
    }
    let host = match host {
        "localhost" | "[::1]" => "127.0.0.1",
        host => host,
    };
    let port = match (scheme.as_str(), port) {
        ("http", Some("80")) | ("https", Some("443")) | (_, None) => String::new(),
        (_, Some(port)) => format!(":{port}"),
    };
    let base = path.trim_end_matches('/');
    let base = base.strip_suffix("/statements").unwrap_or(base);
    Some(format!(
        "{scheme}://{host}{port}{}/statements",
        base.trim_end_matches('/')
    ))
}

/// How long a Retry-After header asks to wait: whole seconds, or an HTTP date (after `now`).
fn retry_after(value: &str, now: time::OffsetDateTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at =
        time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc2822).ok()?;
    Some(Duration::try_from(at - now).unwrap_or(Duration::ZERO))
}

impl Lrs {
    /// `url` is the LRS's base address (`http://host:8100/xAPI/`), as LRSs give it; `statements`
    /// is added to it, as xAPI clients do. An address already ending in `/statements` is used
    /// as it is.
    pub fn new(url: &str, key: Option<&str>, secret: Option<&str>) -> Result<Lrs, String> {
        if !super::config::is_web_address(url) || url.contains(['?', '#']) {
            return Err(format!(
                "the LRS address '{}' is not a web address such as https://lrs.example.org/xAPI/",
                inert(url)
            ));
        }
        let endpoint = normal_address(url).ok_or_else(|| {
            format!(
                "the LRS address '{}' is not a web address such as https://lrs.example.org/xAPI/",
                inert(url)
            )
        })?;
        let authorization = (key.is_some() || secret.is_some()).then(|| {
            let pair = format!("{}:{}", key.unwrap_or(""), secret.unwrap_or(""));
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            )
        });
        Ok(Lrs {
            endpoint,
            authorization,
            agent: agent(REQUEST_TIMEOUT),
        })
    }

    /// The same LRS with another limit on each request (tests of an answer that never ends).
    #[cfg(test)]
    fn patience(self, timeout: Duration) -> Lrs {
        Lrs {
            agent: agent(timeout),
            ..self
        }
    }

    /// The statements endpoint; also the name under which what was sent is remembered.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn post(&self, body: &[u8]) -> Result<Busy<Answer>, Stop> {
        let mut request = self
            .agent
            .post(&self.endpoint)
            .set("X-Experience-API-Version", super::statement::XAPI_VERSION)
            .set("Content-Type", "application/json");
        if let Some(auth) = &self.authorization {
            request = request.set("Authorization", auth);
        }
        let url = || inert(&self.endpoint).into_owned();
        match request.send_bytes(body) {
            Ok(response) => accepted(response).map(Busy::No).map_err(|e| match e {
                NotAccepted::Cut(reason) => Stop::Unreachable { url: url(), reason },
                NotAccepted::Other(status, message) => Stop::NotAnLrs {
                    url: url(),
                    status,
                    message,
                },
            }),
            Err(ureq::Error::Status(status, response)) => {
                if let Some(busy) = busy(status, &response) {
                    return Ok(busy);
                }
                let html = is_html(&response);
                let message = short_body(response);
                match status {
                    409 => Ok(Busy::No(Answer::Conflict(message))),
                    401 | 403 => Err(Stop::Credentials { url: url(), status }),
                    // No statements resource here, or a web page: not an LRS's xAPI address.
                    // The first such answer stops the sync (once it went on statement by
                    // statement, 187 lines of "HTTP 404").
                    404 | 405 | 410 | 501 => Err(not_an_lrs(url(), status)),
                    400..=499 if html => Err(not_an_lrs(url(), status)),
                    400..=499 => Ok(Busy::No(Answer::Refused(status, message))),
                    _ => Err(server_trouble(url(), status, message)),
                }
            }
            Err(ureq::Error::Transport(t)) => Err(Stop::Unreachable {
                url: url(),
                reason: plain_transport(&t),
            }),
        }
    }
}

/// "Busy" when the LRS says so: 429, or 503 with a Retry-After.
fn busy<T>(status: u16, response: &ureq::Response) -> Option<Busy<T>> {
    let wait = response
        .header("Retry-After")
        .and_then(|v| retry_after(v, time::OffsetDateTime::now_utc()));
    (status == 429 || (status == 503 && wait.is_some())).then_some(Busy::Yes { status, wait })
}

/// The stop for an LRS that failed itself (5xx), with the start of what it said.
fn server_trouble(url: String, status: u16, message: String) -> Stop {
    Stop::Server {
        url,
        status,
        message: if message.is_empty() {
            String::new()
        } else {
            format!(": {message}")
        },
    }
}

/// The stop for an address that answers as something other than an LRS.
fn not_an_lrs(url: String, status: u16) -> Stop {
    Stop::NotAnLrs {
        url,
        status,
        message: NOT_AN_LRS.into(),
    }
}

/// What a refused statement's note starts with when the LRS has another under its id.
pub const CONFLICT: &str = "the LRS already has a different statement with this id";

/// What `Stop::NotAnLrs` says when the address has no statements resource (or is a web page).
pub const NOT_AN_LRS: &str = "this is not an LRS's xAPI address";

fn is_html(response: &ureq::Response) -> bool {
    response.content_type().eq_ignore_ascii_case("text/html")
}

impl Lrs {
    /// Asks for one statement: a 200 with a statement result says the address is an LRS and
    /// the key and secret are right.
    pub(super) fn check(&self) -> Result<Busy<()>, Stop> {
        let url = format!("{}?limit=1", self.endpoint);
        self.get_json(&url).map(|b| match b {
            Busy::No(_) => Busy::No(()),
            Busy::Yes { status, wait } => Busy::Yes { status, wait },
        })
    }

    /// GETs a page of statements (`url` is the endpoint with a query, or a `more` link): the
    /// statement result, an object with a `statements` list.
    pub(super) fn get_json(&self, url: &str) -> Result<Busy<serde_json::Value>, Stop> {
        let mut request = self
            .agent
            .get(url)
            .set("X-Experience-API-Version", super::statement::XAPI_VERSION);
        if let Some(auth) = &self.authorization {
            request = request.set("Authorization", auth);
        }
        let shown = || inert(&self.endpoint).into_owned();
        match request.call() {
            Ok(response) if response.status() == 200 && !is_html(&response) => {
                let body = response.into_string().map_err(|_| Stop::Unreachable {
                    url: shown(),
                    reason: "the connection was cut while it answered".into(),
                })?;
                match serde_json::from_str::<serde_json::Value>(&body) {
                    Ok(v) if v.get("statements").is_some_and(|s| s.is_array()) => Ok(Busy::No(v)),
                    _ => Err(not_an_lrs(shown(), 200)),
                }
            }
            Ok(response) if (300..400).contains(&response.status()) => Err(Stop::NotAnLrs {
                url: shown(),
                status: response.status(),
                message: format!(
                    "it sends zhulao to {}; give that address instead",
                    inert(response.header("Location").unwrap_or("another address"))
                ),
            }),
            Ok(response) => Err(not_an_lrs(shown(), response.status())),
            Err(ureq::Error::Status(status, response)) => {
                if let Some(busy) = busy(status, &response) {
                    return Ok(busy);
                }
                match status {
                    401 | 403 => Err(Stop::Credentials {
                        url: shown(),
                        status,
                    }),
                    400..=499 => Err(not_an_lrs(shown(), status)),
                    _ => Err(server_trouble(shown(), status, short_body(response))),
                }
            }
            Err(ureq::Error::Transport(t)) => Err(Stop::Unreachable {
                url: shown(),
                reason: plain_transport(&t),
            }),
        }
    }

    /// Where a `more` link (a path on the LRS's host, or a whole address) points.
    pub(super) fn more_url(&self, more: &str) -> String {
        if more.starts_with("http://") || more.starts_with("https://") {
            return more.to_string();
        }
        let origin_end = self
            .endpoint
            .find("://")
            .and_then(|at| self.endpoint[at + 3..].find('/').map(|p| at + 3 + p))
            .unwrap_or(self.endpoint.len());
        format!("{}{more}", &self.endpoint[..origin_end])
    }
}

/// Why a 2xx/3xx answer is not taken as the LRS accepting statements.
enum NotAccepted {
    /// The answer stopped coming (cut, or too slow): a network failure.
    Cut(String),
    Other(u16, String),
}

/// Whether a 2xx/3xx answer really is an LRS accepting statements: 204 (all already there), or
/// 200 with the list of statement ids the xAPI standard asks for. Anything else is not marked
/// as sent: a redirect (the address is not the LRS's own) or a web page from something else.
fn accepted(response: ureq::Response) -> Result<Answer, NotAccepted> {
    let status = response.status();
    match status {
        204 => Ok(Answer::AllThere),
        200 => {
            let body = response.into_string().map_err(|e| {
                NotAccepted::Cut(match e.kind() {
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                        "its answer did not come in time".into()
                    }
                    _ => "the connection was cut while it answered".into(),
                })
            })?;
            match serde_json::from_str::<Vec<String>>(&body) {
                Ok(ids) => Ok(Answer::Stored(ids)),
                Err(_) => Err(NotAccepted::Other(
                    status,
                    "it did not answer as an LRS does (no list of statement ids); is this the LRS's xAPI address?".into(),
                )),
            }
        }
        300..=399 => Err(NotAccepted::Other(
            status,
            format!(
                "it sends zhulao to {}; give that address instead",
                inert(response.header("Location").unwrap_or("another address"))
            ),
        )),
        _ => Err(NotAccepted::Other(
            status,
            "an answer an LRS does not give to statements".into(),
        )),
    }
}

/// The first line or so of what an LRS said, safe to print.
fn short_body(response: ureq::Response) -> String {
    let text = response.into_string().unwrap_or_default();
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = text.chars().take(300).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    inert(&short).into_owned()
}

fn plain_transport(t: &ureq::Transport) -> String {
    let io = std::error::Error::source(t).and_then(|s| s.downcast_ref::<std::io::Error>());
    let from_io = io.map(|e| match e.kind() {
        std::io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
            "it did not answer in time".to_string()
        }
        std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted => {
            "the connection was cut".to_string()
        }
        _ => inert(&e.to_string()).into_owned(),
    });
    match t.kind() {
        ureq::ErrorKind::Dns => "the server's name could not be found".into(),
        ureq::ErrorKind::ConnectionFailed | ureq::ErrorKind::Io => {
            from_io.unwrap_or_else(|| "the connection failed".into())
        }
        ureq::ErrorKind::BadStatus | ureq::ErrorKind::BadHeader => {
            "it did not answer as an LRS does".into()
        }
        _ => inert(&t.to_string()).into_owned(),
    }
}

/// What a sync needs beyond the store and the LRS.
pub struct Sending<'a> {
    pub homepage: &'a str,
    pub library: &'a Library,
    /// Learners' names, numbers and seats go with their statements (the centre's own LRS, by
    /// its choice: `names = true` in xapi.toml); otherwise only their random ids.
    pub with_names: bool,
}

/// Sends every event, help request and roster card `lrs` has not accepted yet. With nothing to send,
/// it still asks the LRS for one statement, so a wrong address or key is found now and not on
/// the day there is something to send. On a stop (the LRS unreachable, refusing the
/// credentials, not an LRS at all, failing itself, busy for longer than zhulao waits) the
/// report says what was sent before it. `pause` waits as a busy LRS asks (the command sleeps;
/// tests note the waits).
pub fn sync(
    store: &mut Store,
    lrs: &Lrs,
    sending: &Sending,
    pause: &mut dyn FnMut(Duration),
) -> (SyncReport, Option<Stop>) {
    let mut report = SyncReport::default();
    let mut sender = Sender {
        lrs,
        pause,
        waits: 0,
    };
    let stop = sync_into(store, &mut sender, sending, &mut report).err();
    (report, stop)
}

/// Posts to the LRS, waiting for it when it is busy — `MOST_WAITS` times in one sync at most.
pub(super) struct Sender<'a> {
    pub(super) lrs: &'a Lrs,
    pub(super) pause: &'a mut dyn FnMut(Duration),
    pub(super) waits: u32,
}

impl Sender<'_> {
    fn post(&mut self, body: &[u8]) -> Result<Answer, Stop> {
        self.patiently(|lrs| lrs.post(body))
    }

    /// Runs `request` again while the LRS says it is busy, as `post` does.
    pub(super) fn patiently<T>(
        &mut self,
        mut request: impl FnMut(&Lrs) -> Result<Busy<T>, Stop>,
    ) -> Result<T, Stop> {
        loop {
            let (status, wait) = match request(self.lrs)? {
                Busy::No(answer) => return Ok(answer),
                Busy::Yes { status, wait } => (status, wait),
            };
            let next = wait.unwrap_or(FIRST_WAIT * 2u32.pow(self.waits.min(16)));
            if self.waits >= MOST_WAITS || next > LONGEST_WAIT {
                return Err(Stop::Busy {
                    url: inert(self.lrs.endpoint()).into_owned(),
                    status,
                    wait,
                });
            }
            self.waits += 1;
            (self.pause)(next);
        }
    }
}

/// One statement to send, by its id.
struct Outgoing {
    id: String,
    body: Vec<u8>,
}

fn sync_into(
    store: &mut Store,
    sender: &mut Sender,
    sending: &Sending,
    report: &mut SyncReport,
) -> Result<(), Stop> {
    let encoder = Encoder {
        homepage: sending.homepage,
        audience: if sending.with_names {
            Audience::File
        } else {
            Audience::Lrs
        },
        library: sending.library,
    };
    let cards = if sending.with_names {
        store.learner_cards()?
    } else {
        Default::default()
    };
    let lrs = sender.lrs;
    let mut anything = send_unsent(
        store,
        sender,
        report,
        |store, after| store.unsent_events(lrs.endpoint(), after, BATCH),
        |store, event| {
            let run_ms = match event.verb {
                crate::progress::Verb::Completed => Some(store.run_time_ms(&event.registration)?),
                _ => None,
            };
            Ok(encoder
                .statement(&event, cards.get(&event.learner_id), run_ms)
                .map(|s| Outgoing {
                    id: event.id.clone(),
                    body: serde_json::to_vec(&s).expect("statements serialise"),
                }))
        },
    )?;
    // Each help request, once, as the events.
    anything |= send_unsent(
        store,
        sender,
        report,
        |store, after| store.unsent_help(lrs.endpoint(), after, BATCH),
        |_, help| {
            Ok(encoder
                .help_statement(&help, cards.get(&help.learner_id))
                .map(|s| Outgoing {
                    id: help.id.clone(),
                    body: serde_json::to_vec(&s).expect("statements serialise"),
                }))
        },
    )?;
    // Each learner's roster card, as it is now, unless this LRS has it already.
    let roster: Vec<Outgoing> = store
        .roster_cards()?
        .into_iter()
        .map(|card| Outgoing {
            id: super::statement::roster_id(&card),
            body: serde_json::to_vec(&encoder.roster_statement(&card)).expect("serialises"),
        })
        .collect();
    for chunk in roster.chunks(BATCH) {
        let ids: Vec<&str> = chunk.iter().map(|o| o.id.as_str()).collect();
        let sent = store.sent_among(lrs.endpoint(), &ids)?;
        let unsent: Vec<Outgoing> = chunk
            .iter()
            .zip(sent)
            .filter(|(_, sent)| !sent)
            .map(|(o, _)| Outgoing {
                id: o.id.clone(),
                body: o.body.clone(),
            })
            .collect();
        if !unsent.is_empty() {
            anything = true;
            send_batch(store, sender, &unsent, report)?;
        }
    }
    if !anything {
        sender.patiently(|lrs| lrs.check())?;
    }
    Ok(())
}

/// Sends, a batch at a time, what `unsent` finds this LRS has not accepted (records after a
/// `seq`), each made a statement by `encode`; whether there was anything.
fn send_unsent<T>(
    store: &mut Store,
    sender: &mut Sender,
    report: &mut SyncReport,
    unsent: impl Fn(&Store, i64) -> Result<Vec<(i64, T)>, StoreError>,
    encode: impl Fn(&Store, T) -> Result<Result<Outgoing, EncodeError>, StoreError>,
) -> Result<bool, Stop> {
    let mut after = 0;
    let mut anything = false;
    loop {
        let batch = unsent(store, after)?;
        let Some(&(last, _)) = batch.last() else {
            return Ok(anything);
        };
        anything = true;
        after = last;
        let mut outgoing = Vec::with_capacity(batch.len());
        for (_, record) in batch {
            match encode(store, record)? {
                Ok(o) => outgoing.push(o),
                Err(e) => report.skipped.push(e),
            }
        }
        send_batch(store, sender, &outgoing, report)?;
    }
}

fn send_batch(
    store: &mut Store,
    sender: &mut Sender,
    outgoing: &[Outgoing],
    report: &mut SyncReport,
) -> Result<(), Stop> {
    let lrs = sender.lrs;
    let bodies: Vec<&[u8]> = outgoing.iter().map(|o| o.body.as_slice()).collect();
    // The ones to send again alone: those it refused (to find which), or did not say it
    // stored.
    let alone: Vec<usize> = match sender.post(&json_array(&bodies))? {
        Answer::AllThere => {
            mark(store, lrs, outgoing.iter(), report)?;
            Vec::new()
        }
        Answer::Stored(ids) => {
            let (stored, missing): (Vec<usize>, Vec<usize>) = (0..outgoing.len()).partition(|&i| {
                ids.iter()
                    .any(|id| id.eq_ignore_ascii_case(&outgoing[i].id))
            });
            mark(store, lrs, stored.iter().map(|&i| &outgoing[i]), report)?;
            missing
        }
        Answer::Conflict(_) | Answer::Refused(..) => (0..outgoing.len()).collect(),
    };
    for i in alone {
        send_alone(store, sender, &outgoing[i], report)?;
    }
    Ok(())
}

/// Sends one statement by itself: marked if the LRS takes it, reported if it refuses it.
fn send_alone(
    store: &mut Store,
    sender: &mut Sender,
    one: &Outgoing,
    report: &mut SyncReport,
) -> Result<(), Stop> {
    let lrs = sender.lrs;
    match sender.post(&one.body)? {
        Answer::AllThere => mark(store, lrs, [one], report),
        Answer::Stored(ids) if ids.iter().any(|id| id.eq_ignore_ascii_case(&one.id)) => {
            mark(store, lrs, [one], report)
        }
        Answer::Stored(_) => Err(Stop::NotAnLrs {
            url: inert(lrs.endpoint()).into_owned(),
            status: 200,
            message: "it said it stored a statement but not which (its answer lacked the statement's id), so nothing more is marked as sent".into(),
        }),
        Answer::Conflict(message) => {
            report.conflicts += 1;
            report.refused.push((
                one.id.clone(),
                format!(
                    "{CONFLICT}{}",
                    if message.is_empty() {
                        String::new()
                    } else {
                        format!(" ({message})")
                    }
                ),
            ));
            Ok(())
        }
        Answer::Refused(status, message) => {
            report
                .refused
                .push((one.id.clone(), format!("HTTP {status}: {message}")));
            Ok(())
        }
    }
}

fn mark<'o>(
    store: &mut Store,
    lrs: &Lrs,
    sent: impl IntoIterator<Item = &'o Outgoing>,
    report: &mut SyncReport,
) -> Result<(), Stop> {
    let ids: Vec<&str> = sent.into_iter().map(|o| o.id.as_str()).collect();
    store.mark_sent(lrs.endpoint(), &ids)?;
    report.sent += ids.len() as u64;
    Ok(())
}

fn json_array(items: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.iter().map(|i| i.len() + 1).sum::<usize>() + 2);
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(item);
    }
    out.push(b']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_is_added_to_the_base_address_as_lrs_clients_do() {
        for (url, endpoint) in [
            (
                "http://127.0.0.1:8100/xAPI/",
                "http://127.0.0.1:8100/xAPI/statements",
            ),
            (
                "http://127.0.0.1:8100/xAPI",
                "http://127.0.0.1:8100/xAPI/statements",
            ),
            (
                "https://lrs.example.org/data/xAPI/statements",
                "https://lrs.example.org/data/xAPI/statements",
            ),
        ] {
            assert_eq!(Lrs::new(url, None, None).unwrap().endpoint(), endpoint);
        }
        for (url, endpoint) in [
            (
                "http://localhost:8100/xAPI",
                "http://127.0.0.1:8100/xAPI/statements",
            ),
            (
                "HTTP://LocalHost:8100/xAPI//",
                "http://127.0.0.1:8100/xAPI/statements",
            ),
            (
                "http://[::1]:8100/xAPI/",
                "http://127.0.0.1:8100/xAPI/statements",
            ),
            (
                "http://LRS.Example.org:80/xAPI/",
                "http://lrs.example.org/xAPI/statements",
            ),
            (
                "https://lrs.example.org:443/xAPI/statements/",
                "https://lrs.example.org/xAPI/statements",
            ),
            (
                "https://lrs.example.org:8443",
                "https://lrs.example.org:8443/statements",
            ),
        ] {
            assert_eq!(normal_address(url).as_deref(), Some(endpoint), "{url}");
            assert_eq!(Lrs::new(url, None, None).unwrap().endpoint(), endpoint);
        }
        for bad in [
            "lrs.example.org",
            "ftp://x/",
            "http://x/xAPI?x=1",
            "http://u:p@x/",
        ] {
            assert!(Lrs::new(bad, None, None).is_err(), "{bad}");
        }
    }

    /// A store with `n` events in it.
    fn events(n: usize) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let learner = store
            .add_learner(&crate::progress::NewLearner::Numbered)
            .unwrap();
        for _ in 0..n {
            store
                .record(&crate::progress::EventDraft {
                    verb: crate::progress::Verb::Attempted,
                    learner_id: learner.id.clone(),
                    registration: None,
                    pack_id: "p".into(),
                    lesson_id: "l".into(),
                    step: None,
                    stars: None,
                    lang: crate::lang::Lang::Zh,
                })
                .unwrap();
        }
        (dir, store)
    }

    fn one_event() -> (tempfile::TempDir, Store) {
        events(1)
    }

    /// Syncs, noting the waits instead of waiting.
    fn sync_noting_waits(store: &mut Store, lrs: &Lrs) -> (SyncReport, Option<Stop>, Vec<u64>) {
        let mut waits = Vec::new();
        let library = Library::default();
        let sending = Sending {
            homepage: DEFAULT,
            library: &library,
            with_names: false,
        };
        let (report, stop) = sync(store, lrs, &sending, &mut |d: Duration| {
            waits.push(d.as_secs())
        });
        (report, stop, waits)
    }

    const DEFAULT: &str = "https://zhulao.invalid/learners";

    /// What a test server does with one request.
    enum Reply {
        /// Writes this and closes the connection.
        Say(String),
        /// Writes the head of a 200 answer and then its body a byte at a time, slowly, until
        /// the client goes away.
        Drip,
    }

    /// A web server on a local port answering each request (its number from 0, the statements
    /// posted) as `reply` says; and the count of requests so far.
    fn serving(
        reply: impl Fn(usize, &[serde_json::Value]) -> Reply + Send + 'static,
    ) -> (Lrs, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        use std::io::{Read, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = count.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { return };
                conn.set_read_timeout(Some(Duration::from_secs(10)))
                    .unwrap();
                let mut request = Vec::new();
                let mut buf = [0u8; 65536];
                let body = loop {
                    let Ok(n) = conn.read(&mut buf) else {
                        break None;
                    };
                    request.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&request).into_owned();
                    if let Some((head, body)) = text.split_once("\r\n\r\n") {
                        let len = head
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap())
                            })
                            .unwrap_or(0);
                        if body.len() >= len {
                            break Some(body.to_string());
                        }
                    }
                    if n == 0 {
                        break None;
                    }
                };
                let Some(body) = body else { continue };
                let posted = match serde_json::from_str(&body).unwrap() {
                    serde_json::Value::Array(items) => items,
                    one => vec![one],
                };
                let n = counted.fetch_add(1, Ordering::SeqCst);
                match reply(n, &posted) {
                    Reply::Say(answer) => {
                        let _ = conn.write_all(answer.as_bytes());
                    }
                    Reply::Drip => {
                        let _ = conn.write_all(
                            b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n[",
                        );
                        // The stimulus, not a wait for something: one byte every 50 ms
                        // until the client gives up and the write fails.
                        while conn.write_all(b" ").is_ok() {
                            std::thread::sleep(Duration::from_millis(50));
                        }
                    }
                }
            }
        });
        let lrs = Lrs::new(&format!("http://127.0.0.1:{port}/xAPI/"), None, None).unwrap();
        (lrs, count)
    }

    /// An HTTP answer that closes the connection.
    fn say(status: &str, headers: &str, body: &str) -> Reply {
        Reply::Say(format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ))
    }

    /// The ids of the statements posted, as an LRS gives them back.
    fn ids(posted: &[serde_json::Value]) -> String {
        serde_json::to_string(&posted.iter().map(|s| s["id"].clone()).collect::<Vec<_>>()).unwrap()
    }

    fn requests(count: &std::sync::atomic::AtomicUsize) -> usize {
        count.load(std::sync::atomic::Ordering::SeqCst)
    }

    #[test]
    fn a_busy_lrs_is_waited_for_as_it_asks_and_then_left_alone() {
        // Busy once, asking for 7 s: waited for, then everything goes.
        let (_dir, mut store) = events(3);
        let (lrs, count) = serving(|n, posted| match n {
            0 => say("429 Too Many Requests", "Retry-After: 7\r\n", ""),
            _ => say("200 OK", "", &ids(posted)),
        });
        let (report, stop, waits) = sync_noting_waits(&mut store, &lrs);
        assert!(stop.is_none(), "{stop:?}");
        // Three answers and the learner's roster card (in a batch of its own).
        assert_eq!((report.sent, waits, requests(&count)), (4, vec![7], 3));

        // Busy for good, over three batches: three waits, then one line's worth of stop —
        // not a statement at a time (once 766 statements made 774 requests).
        for (retry_after, expect_waits) in
            [("Retry-After: 1\r\n", vec![1, 1, 1]), ("", vec![2, 4, 8])]
        {
            let (_dir, mut store) = events(2 * BATCH + 50);
            let (lrs, count) = serving(move |_, _| say("429 Too Many Requests", retry_after, ""));
            let (report, stop, waits) = sync_noting_waits(&mut store, &lrs);
            let stop = stop.expect("a stop");
            assert!(matches!(stop, Stop::Busy { status: 429, .. }), "{stop}");
            assert_eq!(waits, expect_waits);
            assert_eq!(requests(&count), MOST_WAITS as usize + 1);
            assert_eq!((report.sent, report.refused.len()), (0, 0));
            assert_eq!(store.sent_count(lrs.endpoint()).unwrap(), 0);
        }

        // Asked to wait an hour (a 503 saying so, as an LRS under maintenance does): no wait,
        // a stop that says how long.
        let (_dir, mut store) = one_event();
        let (lrs, count) = serving(|_, _| {
            say(
                "503 Service Unavailable",
                "Retry-After: 3600\r\n",
                "maintenance",
            )
        });
        let (_, stop, waits) = sync_noting_waits(&mut store, &lrs);
        let stop = stop.expect("a stop").to_string();
        assert!(
            stop.ends_with("is busy (HTTP 503) and asked zhulao to wait 60 minutes"),
            "{stop}"
        );
        assert_eq!((waits, requests(&count)), (vec![], 1));
    }

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        let now = time::macros::datetime!(2026-12-05 03:00:00 UTC);
        for (value, secs) in [
            ("120", Some(120)),
            (" 0 ", Some(0)),
            ("Sat, 05 Dec 2026 03:01:30 GMT", Some(90)),
            ("Sat, 05 Dec 2026 02:59:00 GMT", Some(0)),
            ("soon", None),
            ("-5", None),
        ] {
            assert_eq!(
                retry_after(value, now).map(|d| d.as_secs()),
                secs,
                "{value}"
            );
        }
    }

    #[test]
    fn only_what_the_lrs_says_it_stored_is_marked_as_sent() {
        // It names the first of two: the second is sent again alone and taken (204).
        let (_dir, mut store) = events(2);
        let (lrs, count) = serving(|n, posted| match n {
            0 => say("200 OK", "", &ids(&posted[..1])),
            _ => say("204 No Content", "", ""),
        });
        let (report, stop, _) = sync_noting_waits(&mut store, &lrs);
        assert!(stop.is_none(), "{stop:?}");
        // The two answers, then the roster card (taken as "all there").
        assert_eq!((report.sent, requests(&count)), (3, 3));

        // An empty list, to the batch and to a statement alone: nothing is marked.
        let (_dir, mut store) = events(5);
        let (lrs, count) = serving(|_, _| say("200 OK", "", "[]"));
        let (report, stop, _) = sync_noting_waits(&mut store, &lrs);
        let stop = stop.expect("a stop").to_string();
        assert!(stop.contains("lacked the statement's id"), "{stop}");
        assert_eq!((report.sent, requests(&count)), (0, 2));
        assert_eq!(store.sent_count(lrs.endpoint()).unwrap(), 0);
    }

    #[test]
    fn an_answer_cut_short_or_too_slow_is_a_network_failure() {
        let (_dir, mut store) = one_event();
        let (lrs, _) = serving(|_, _| {
            Reply::Say(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n[\"0a".into(),
            )
        });
        let (report, stop, _) = sync_noting_waits(&mut store, &lrs);
        let stop = stop.expect("a stop");
        assert!(
            matches!(&stop, Stop::Unreachable { reason, .. } if reason == "the connection was cut while it answered"),
            "{stop}"
        );
        assert_eq!(report.sent, 0);

        let (lrs, _) = serving(|_, _| Reply::Drip);
        let lrs = lrs.patience(Duration::from_millis(300));
        let (report, stop, _) = sync_noting_waits(&mut store, &lrs);
        let stop = stop.expect("a stop");
        assert!(
            matches!(&stop, Stop::Unreachable { reason, .. } if reason == "its answer did not come in time"),
            "{stop}"
        );
        assert_eq!(report.sent, 0);
        assert_eq!(store.sent_count(lrs.endpoint()).unwrap(), 0);
    }

    #[test]
    fn nothing_is_marked_as_sent_when_the_lrs_cannot_be_reached() {
        let (_dir, mut store) = one_event();
        // A port nothing listens on: bind one, note it, let it go.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let lrs = Lrs::new(
            &format!("http://127.0.0.1:{port}/xAPI/"),
            Some("k"),
            Some("s"),
        )
        .unwrap();
        let (report, stop, _) = sync_noting_waits(&mut store, &lrs);
        let stop = stop.expect("a stop");
        assert!(
            matches!(&stop, Stop::Unreachable { reason, .. } if reason == "connection refused"),
            "{stop}"
        );
        assert_eq!(report.sent, 0);
        assert_eq!(store.sent_count(lrs.endpoint()).unwrap(), 0);
    }

    #[test]
    fn an_address_that_is_not_an_lrs_or_an_lrs_in_trouble_gets_nothing_marked() {
        for (answer, expect) in [
            (
                "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n<html></html>",
                "no list of statement ids",
            ),
            (
                "HTTP/1.1 302 Found\r\nLocation: https://lrs.example.org/xAPI/statements\r\nContent-Length: 0\r\n\r\n",
                "it sends zhulao to https://lrs.example.org/xAPI/statements",
            ),
            (
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 11\r\n\r\nmaintenance",
                "had a problem of its own (HTTP 503: maintenance)",
            ),
        ] {
            let (_dir, mut store) = one_event();
            let (lrs, _) = serving(move |_, _| Reply::Say(answer.into()));
            let (report, stop, _) = sync_noting_waits(&mut store, &lrs);
            let stop = stop.expect("a stop").to_string();
            assert!(stop.contains(expect), "{stop}");
            assert_eq!(report.sent, 0);
            assert_eq!(store.sent_count(lrs.endpoint()).unwrap(), 0);
        }
    }
}
