//! `zhulao sync`: sends a Learning Record Store the statements it has not received yet, with the
//! xAPI REST API (`POST {url}/statements`, batches of `BATCH`), pseudonymously: learners are
//! random ids, their names stay on this machine.
//!
//! An event is marked as sent (`lrs_sent`) only after the LRS accepted the batch it was in, so
//! a lost connection marks nothing that did not arrive, and the next sync picks up where this
//! one stopped. Sending a statement the LRS already has is harmless (xAPI statement ids make
//! it a duplicate, which the LRS accepts without storing it twice). A statement the LRS refuses
//! — it holds a different statement with the same id (409), or it finds one invalid (400) — is
//! found by sending that batch one statement at a time, is reported, and is tried again next
//! time; the rest go through.

use std::time::Duration;

use base64::Engine as _;

use super::statement::{Audience, EncodeError, Encoder};
use crate::inert::inert;
use crate::progress::{Event, Store, StoreError};

pub const BATCH: usize = 100;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// A Learning Record Store, by its statements endpoint.
pub struct Lrs {
    endpoint: String,
    authorization: Option<String>,
    agent: ureq::Agent,
}

/// How the LRS answered one POST.
enum Answer {
    /// 200 (stored) or 204 (all already there): accepted.
    Accepted,
    /// 409: it holds a different statement with one of these ids.
    Conflict(String),
    /// Another 4xx but 401/403: it refuses the statements themselves.
    Refused(u16, String),
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
        let base = url.trim_end_matches('/');
        let endpoint = if base.ends_with("/statements") {
            base.to_string()
        } else {
            format!("{base}/statements")
        };
        let authorization = (key.is_some() || secret.is_some()).then(|| {
            let pair = format!("{}:{}", key.unwrap_or(""), secret.unwrap_or(""));
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            )
        });
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .redirects(0)
            .user_agent(concat!("zhulao/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Lrs {
            endpoint,
            authorization,
            agent,
        })
    }

    /// The statements endpoint; also the name under which what was sent is remembered.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn post(&self, body: &[u8]) -> Result<Answer, Stop> {
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
            Ok(response) => accepted(response).map_err(|(status, message)| Stop::NotAnLrs {
                url: url(),
                status,
                message,
            }),
            Err(ureq::Error::Status(status, response)) => {
                let message = short_body(response);
                match status {
                    409 => Ok(Answer::Conflict(message)),
                    401 | 403 => Err(Stop::Credentials { url: url(), status }),
                    400..=499 => Ok(Answer::Refused(status, message)),
                    _ => Err(Stop::Server {
                        url: url(),
                        status,
                        message: if message.is_empty() {
                            String::new()
                        } else {
                            format!(": {message}")
                        },
                    }),
                }
            }
            Err(ureq::Error::Transport(t)) => Err(Stop::Unreachable {
                url: url(),
                reason: plain_transport(&t),
            }),
        }
    }
}

/// Whether a 2xx/3xx answer really is an LRS accepting statements: 204 (all already there), or
/// 200 with the list of statement ids the xAPI standard asks for. Anything else is not marked
/// as sent: a redirect (the address is not the LRS's own) or a web page from something else.
fn accepted(response: ureq::Response) -> Result<Answer, (u16, String)> {
    let status = response.status();
    match status {
        204 => Ok(Answer::Accepted),
        200 => {
            let body = response.into_string().unwrap_or_default();
            match serde_json::from_str::<Vec<String>>(&body) {
                Ok(_) => Ok(Answer::Accepted),
                Err(_) => Err((
                    status,
                    "it did not answer as an LRS does (no list of statement ids); is this the LRS's xAPI address?".into(),
                )),
            }
        }
        300..=399 => Err((
            status,
            format!(
                "it sends zhulao to {}; give that address instead",
                inert(response.header("Location").unwrap_or("another address"))
            ),
        )),
        _ => Err((
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

/// Sends every event `lrs` has not accepted yet. On a stop (the LRS unreachable, refusing the
/// credentials, failing itself) the report says what was sent before it.
pub fn sync(store: &mut Store, lrs: &Lrs, homepage: &str) -> (SyncReport, Option<Stop>) {
    let mut report = SyncReport::default();
    let stop = sync_into(store, lrs, homepage, &mut report).err();
    (report, stop)
}

fn sync_into(
    store: &mut Store,
    lrs: &Lrs,
    homepage: &str,
    report: &mut SyncReport,
) -> Result<(), Stop> {
    let encoder = Encoder {
        homepage,
        audience: Audience::Lrs,
    };
    let mut after = 0;
    loop {
        let batch = store.unsent_events(lrs.endpoint(), after, BATCH)?;
        let Some(&(last, _)) = batch.last() else {
            return Ok(());
        };
        after = last;
        let mut events: Vec<&Event> = Vec::with_capacity(batch.len());
        let mut statements = Vec::with_capacity(batch.len());
        for (_, event) in &batch {
            match encoder.statement(event, None) {
                Ok(s) => {
                    events.push(event);
                    statements.push(serde_json::to_vec(&s).expect("statements serialise"));
                }
                Err(e) => report.skipped.push(e),
            }
        }
        match lrs.post(&json_array(&statements))? {
            Answer::Accepted => {
                mark(store, lrs, &events, report)?;
            }
            Answer::Conflict(_) | Answer::Refused(..) => {
                // Find the ones it will not take, and send the others.
                for (event, statement) in events.iter().zip(&statements) {
                    match lrs.post(statement)? {
                        Answer::Accepted => mark(store, lrs, &[event], report)?,
                        Answer::Conflict(message) => {
                            report.conflicts += 1;
                            report.refused.push((
                                event.id.clone(),
                                format!(
                                    "the LRS already has a different statement with this id{}",
                                    if message.is_empty() {
                                        String::new()
                                    } else {
                                        format!(" ({message})")
                                    }
                                ),
                            ));
                        }
                        Answer::Refused(status, message) => report
                            .refused
                            .push((event.id.clone(), format!("HTTP {status}: {message}"))),
                    }
                }
            }
        }
    }
}

fn mark(
    store: &mut Store,
    lrs: &Lrs,
    events: &[&Event],
    report: &mut SyncReport,
) -> Result<(), Stop> {
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    store.mark_sent(lrs.endpoint(), &ids)?;
    report.sent += ids.len() as u64;
    Ok(())
}

fn json_array(items: &[Vec<u8>]) -> Vec<u8> {
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
        for bad in [
            "lrs.example.org",
            "ftp://x/",
            "http://x/xAPI?x=1",
            "http://u:p@x/",
        ] {
            assert!(Lrs::new(bad, None, None).is_err(), "{bad}");
        }
    }

    /// A store with one event in it.
    fn one_event() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let learner = store
            .add_learner(&crate::progress::NewLearner::Numbered)
            .unwrap();
        store
            .record(&crate::progress::EventDraft {
                verb: crate::progress::Verb::Attempted,
                learner_id: learner.id,
                registration: None,
                pack_id: "p".into(),
                lesson_id: "l".into(),
                step: None,
                stars: None,
                lang: crate::lang::Lang::Zh,
            })
            .unwrap();
        (dir, store)
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
        let (report, stop) = sync(&mut store, &lrs, "https://zhulao.invalid/learners");
        let stop = stop.expect("a stop");
        assert!(
            matches!(&stop, Stop::Unreachable { reason, .. } if reason == "connection refused"),
            "{stop}"
        );
        assert_eq!(report.sent, 0);
        assert_eq!(store.sent_count(lrs.endpoint()).unwrap(), 0);
    }

    /// A web server on a local port that gives `answer` to one request.
    fn answering(answer: &'static str) -> u16 {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            conn.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            // Read the headers and the body (its length is in Content-Length).
            while let Ok(n) = conn.read(&mut buf) {
                request.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&request);
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
                        break;
                    }
                }
                if n == 0 {
                    break;
                }
            }
            let _ = conn.write_all(answer.as_bytes());
        });
        port
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
            let port = answering(answer);
            let lrs = Lrs::new(&format!("http://127.0.0.1:{port}/xAPI/"), None, None).unwrap();
            let (report, stop) = sync(&mut store, &lrs, "https://zhulao.invalid/learners");
            let stop = stop.expect("a stop").to_string();
            assert!(stop.contains(expect), "{stop}");
            assert_eq!(report.sent, 0);
            assert_eq!(store.sent_count(lrs.endpoint()).unwrap(), 0);
        }
    }
}
