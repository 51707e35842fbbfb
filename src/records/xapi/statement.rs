//! One event as one xAPI 1.0.3 statement, and back.
//!
//! The mapping is a pure function of the event (and of the centre's home page for the actor),
//! so the same event sent to an LRS from two machines is the same statement, and the LRS sees
//! the second as a harmless duplicate. `decode` is its exact inverse: `decode(encode(e)) == e`
//! for every event, which is what makes export → import lossless.
//!
//! | event | statement |
//! | --- | --- |
//! | `id` | `id` |
//! | `learner_id` | `actor.account.name` (homePage: the centre's, see `config`) |
//! | `verb` | `verb.id`: the ADL verb of the same name |
//! | pack, lesson, step | `object.id`: `ACTIVITY_BASE` + `pack/P[/lesson/L[/step/S]]` |
//! | `step.outcome` | `result.success` |
//! | `step.response` | `result.response` (left out when empty on a read step) |
//! | `step.duration_ms` | `result.duration` (`PT3.2S`, to the millisecond) |
//! | `stars` | `result.score` (raw, min 0, max 3); `completed` has `result.completion` |
//! | `registration` | `context.registration` |
//! | `lang` | `context.language` (`zh-CN`, `en`) |
//! | `device_id`, `step.step_kind`, `step.attempt` | `context.extensions` |
//! | `at` | `timestamp` |
//!
//! A help request (the learner opened the `?` page on a step, `help::HelpRequest`) is a statement
//! of its own: ADL's `asked` ("an inquiry by an actor with the expectation of a response") about
//! the step's activity, as the step's answers name it, with `asked-for: help-page` in its
//! context; its id is the request's own UUID (`Encoder::help_statement`, `decode_record`).
//!
//! Activity ids are fixed (they do not depend on a machine or a centre's settings), so
//! statements about the same lesson aggregate in an LRS whichever machine sent them.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::content::{Exercise, Library, StepKind};
use crate::lang::Lang;
use crate::progress::store::help::HelpRequest;
use crate::progress::store::{LearnerCard, RosterCard};
use crate::progress::store::{format_time, parse_time};
use crate::progress::{Event, Outcome, StepAnswer, Timed, Verb};

pub const XAPI_VERSION: &str = "1.0.3";
/// What a secret answer is kept as, wherever it came from.
pub use crate::screens::player::SECRET_MASK;
/// `context.platform` of every zhulao statement.
pub const PLATFORM: &str = "zhulao";
/// Where zhulao's activity ids live. zhulao has no web domain: `.invalid` is reserved (RFC 2606)
/// and can never be a real site, so these ids only ever name zhulao's packs, lessons and steps.
pub const ACTIVITY_BASE: &str = "https://zhulao.invalid/xapi/activities/";
/// The actor's `account.homePage` when the centre has not set its own. Learner ids are random
/// UUIDs, unique everywhere, so one fixed home page never mixes two people.
pub const DEFAULT_HOMEPAGE: &str = "https://zhulao.invalid/learners";

/// The centre's roster: a learner's roster card is a statement that they are on it
/// (`registered`), with their groups (see `Encoder::roster_statement`).
pub const ROSTER_ACTIVITY: &str = "https://zhulao.invalid/xapi/activities/roster";
const ROSTER_TYPE: &str = "https://zhulao.invalid/xapi/activity-types/roster";
const GROUP_TYPE: &str = "https://zhulao.invalid/xapi/activity-types/group";
const VERB_REGISTERED: &str = "http://adlnet.gov/expapi/verbs/registered";
/// A roster card's groups: the list of their names (an empty list: in no group).
pub const EXT_GROUPS: &str = "https://zhulao.invalid/xapi/extensions/groups";

/// A help request: the learner asked (for help) about a step.
pub const VERB_ASKED: &str = "http://adlnet.gov/expapi/verbs/asked";
/// What a help request asked for: `HELP_PAGE`, the step's help page (`?`).
pub const EXT_ASKED_FOR: &str = "https://zhulao.invalid/xapi/extensions/asked-for";
pub const HELP_PAGE: &str = "help-page";

/// Context extensions (their keys must be IRIs).
pub const EXT_DEVICE: &str = "https://zhulao.invalid/xapi/extensions/device";
pub const EXT_STEP_KIND: &str = "https://zhulao.invalid/xapi/extensions/step-kind";
pub const EXT_ATTEMPT: &str = "https://zhulao.invalid/xapi/extensions/attempt";
/// Choice and order steps: the ids in the order this run showed them.
pub const EXT_SHOWN: &str = "https://zhulao.invalid/xapi/extensions/shown";
/// "since-last" when the answer's duration counts from the answer before it on its step (see
/// `Timed`); absent in statements from older zhulao, whose durations count from the step shown.
pub const EXT_TIMED: &str = "https://zhulao.invalid/xapi/extensions/timed";
/// The learner's name, number and seat: in exported files only, never sent to an LRS.
pub const EXT_LEARNER: &str = "https://zhulao.invalid/xapi/extensions/learner";

const ACTIVITY_COURSE: &str = "http://adlnet.gov/expapi/activities/course";
const ACTIVITY_LESSON: &str = "http://adlnet.gov/expapi/activities/lesson";
const ACTIVITY_INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

/// The ADL verb for each of zhulao's verbs, with its display words.
fn verb_json(verb: Verb) -> VerbJson {
    let (id, en, zh) = match verb {
        Verb::Attempted => (
            "http://adlnet.gov/expapi/verbs/attempted",
            "attempted",
            "开始学习",
        ),
        Verb::Experienced => (
            "http://adlnet.gov/expapi/verbs/experienced",
            "experienced",
            "阅读",
        ),
        Verb::Answered => (
            "http://adlnet.gov/expapi/verbs/answered",
            "answered",
            "回答",
        ),
        Verb::Completed => (
            "http://adlnet.gov/expapi/verbs/completed",
            "completed",
            "学完",
        ),
    };
    VerbJson {
        id,
        display: Display {
            en_us: en,
            zh_cn: zh,
        },
    }
}

fn verb_from_iri(iri: &str) -> Option<Verb> {
    Verb::ALL.iter().copied().find(|v| verb_json(*v).id == iri)
}

/// Whether the learner's name, number and seat go with the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A file for another zhulao: the learner's card rides along, so names match there.
    File,
    /// A Learning Record Store: pseudonymous, the learner is only a random id.
    Lrs,
}

/// Everything a statement needs beyond the event itself.
#[derive(Debug, Clone, Copy)]
pub struct Encoder<'a> {
    pub homepage: &'a str,
    pub audience: Audience,
    /// Names the activities (in Chinese and English) and says which answers are secret.
    pub library: &'a Library,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EncodeError {
    #[error("event {id} has a time that cannot be read ('{at}')")]
    BadTime { id: String, at: String },
}

impl Encoder<'_> {
    /// The statement for `event`, as a serialisable value (borrowing from the event).
    /// `run_ms` is the time of the run a `completed` event ends (`Store::run_time_ms`).
    pub fn statement<'e>(
        &'e self,
        event: &'e Event,
        learner: Option<&'e LearnerCard>,
        run_ms: Option<u64>,
    ) -> Result<Statement<'e>, EncodeError> {
        // Stored times are canonical already; an older record's form is made canonical.
        let timestamp = if is_canonical_time(&event.at) {
            Cow::Borrowed(event.at.as_str())
        } else {
            match parse_time(&event.at) {
                Some(t) => Cow::Owned(format_time(t)),
                None => {
                    return Err(EncodeError::BadTime {
                        id: event.id.clone(),
                        at: event.at.clone(),
                    });
                }
            }
        };
        let named = Named::new(self.library, event);
        let pack = activity_iri(&event.pack_id, None, None);
        let lesson = activity_iri(&event.pack_id, Some(&event.lesson_id), None);
        let step = event.step.as_ref();
        let pack_activity = || Activity::new(pack.clone(), ACTIVITY_COURSE, named.pack());
        let lesson_activity = || Activity::new(lesson.clone(), ACTIVITY_LESSON, named.lesson());
        let (object, context_activities) = match step {
            Some(s) => (
                Activity::new(
                    activity_iri(&event.pack_id, Some(&event.lesson_id), Some(&s.step_id)),
                    ACTIVITY_INTERACTION,
                    named.step(s.step_kind),
                ),
                ContextActivities {
                    parent: [lesson_activity()],
                    grouping: Some([pack_activity()]),
                },
            ),
            None => (
                lesson_activity(),
                ContextActivities {
                    parent: [pack_activity()],
                    grouping: None,
                },
            ),
        };
        let secret = step.is_some_and(|s| {
            !s.response.is_empty()
                && self
                    .library
                    .answer_is_secret(&event.pack_id, &event.lesson_id, &s.step_id)
        });
        let result = ResultJson {
            success: step.and_then(|s| s.outcome).map(|o| o == Outcome::Correct),
            completion: (event.verb == Verb::Completed).then_some(true),
            response: step
                .filter(|s| !(s.response.is_empty() && s.outcome.is_none()))
                .map(|s| {
                    if secret {
                        SECRET_MASK
                    } else {
                        s.response.as_str()
                    }
                }),
            duration: match step {
                Some(s) => Some(iso_duration(s.duration_ms)),
                None => run_ms
                    .filter(|_| event.verb == Verb::Completed)
                    .map(iso_duration),
            },
            score: event.stars.map(|raw| Score {
                raw,
                min: 0,
                max: raw.max(3),
            }),
        };
        Ok(Statement {
            id: &event.id,
            actor: Actor {
                object_type: "Agent",
                account: Account {
                    home_page: self.homepage,
                    name: &event.learner_id,
                },
            },
            verb: verb_json(event.verb),
            object,
            result: (!result.is_empty()).then_some(result),
            context: Context {
                registration: &event.registration,
                context_activities,
                language: event.lang.tag(),
                platform: PLATFORM,
                extensions: Extensions {
                    device: &event.device_id,
                    step_kind: step.map(|s| s.step_kind.as_str()),
                    attempt: step.map(|s| s.attempt),
                    shown: step.and_then(|s| s.shown.as_deref()),
                    timed: step
                        .map(|s| s.timed)
                        .filter(|t| *t == Timed::SinceLast)
                        .map(Timed::as_str),
                    learner: match self.audience {
                        Audience::File => learner.map(CardJson::from),
                        Audience::Lrs => None,
                    },
                },
            },
            timestamp,
            version: XAPI_VERSION,
        })
    }
}

impl Encoder<'_> {
    /// A learner's roster card as a statement: the learner `registered` on the centre's roster,
    /// their groups as named activities of the statement's context and, exactly, as a list in
    /// an extension; timestamped when their groups last changed. Its id is made from the card
    /// (learner, time, groups), so the same card is the same statement on every machine, and
    /// a change makes a new one.
    pub fn roster_statement(&self, card: &RosterCard) -> Value {
        let mut context = serde_json::json!({
            "platform": PLATFORM,
            "extensions": {
                EXT_DEVICE: card.device_id,
                EXT_GROUPS: card.groups,
            },
        });
        if !card.groups.is_empty() {
            let grouping: Vec<Value> = card
                .groups
                .iter()
                .map(|g| {
                    let mut iri = format!("{ACTIVITY_BASE}group/");
                    push_segment(&mut iri, g);
                    serde_json::json!({
                        "objectType": "Activity",
                        "id": iri,
                        "definition": {"type": GROUP_TYPE, "name": {"zh-CN": g, "en-US": g}},
                    })
                })
                .collect();
            context["contextActivities"] = serde_json::json!({ "grouping": grouping });
        }
        if self.audience == Audience::File {
            context["extensions"][EXT_LEARNER] =
                serde_json::to_value(CardJson::from(&card.card)).expect("a card serialises");
        }
        serde_json::json!({
            "id": roster_id(card),
            "actor": {
                "objectType": "Agent",
                "account": {"homePage": self.homepage, "name": card.learner_id},
            },
            "verb": {"id": VERB_REGISTERED, "display": {"en-US": "registered", "zh-CN": "登记"}},
            "object": {
                "objectType": "Activity",
                "id": ROSTER_ACTIVITY,
                "definition": {
                    "type": ROSTER_TYPE,
                    "name": {"zh-CN": "学员名单", "en-US": "Class roster"},
                },
            },
            "context": context,
            "timestamp": card.at,
            "version": XAPI_VERSION,
        })
    }
}

impl Encoder<'_> {
    /// A help request as a statement: the learner `asked` about the step (the object, as the
    /// step's answers name it, inside its lesson and pack), for its help page; its id is the
    /// request's own, so sending or importing it again is a harmless duplicate.
    pub fn help_statement(
        &self,
        help: &HelpRequest,
        learner: Option<&LearnerCard>,
    ) -> Result<Value, EncodeError> {
        let timestamp =
            parse_time(&help.at)
                .map(format_time)
                .ok_or_else(|| EncodeError::BadTime {
                    id: help.id.clone(),
                    at: help.at.clone(),
                })?;
        let named = Named::find(
            self.library,
            &help.pack_id,
            &help.lesson_id,
            Some(&help.step_id),
        );
        let step_about = match named.step {
            Some(step) => named.step(step.exercise.kind()),
            None => About::default(),
        };
        let object = Activity::new(
            activity_iri(&help.pack_id, Some(&help.lesson_id), Some(&help.step_id)),
            ACTIVITY_INTERACTION,
            step_about,
        );
        let parents = ContextActivities {
            parent: [Activity::new(
                activity_iri(&help.pack_id, Some(&help.lesson_id), None),
                ACTIVITY_LESSON,
                named.lesson(),
            )],
            grouping: Some([Activity::new(
                activity_iri(&help.pack_id, None, None),
                ACTIVITY_COURSE,
                named.pack(),
            )]),
        };
        let mut extensions = serde_json::json!({
            EXT_DEVICE: help.device_id,
            EXT_ASKED_FOR: HELP_PAGE,
        });
        if let (Audience::File, Some(card)) = (self.audience, learner) {
            extensions[EXT_LEARNER] =
                serde_json::to_value(CardJson::from(card)).expect("a card serialises");
        }
        Ok(serde_json::json!({
            "id": help.id,
            "actor": {
                "objectType": "Agent",
                "account": {"homePage": self.homepage, "name": help.learner_id},
            },
            "verb": {"id": VERB_ASKED, "display": {"en-US": "asked for help", "zh-CN": "求助"}},
            "object": object,
            "context": {
                "registration": help.registration,
                "contextActivities": parents,
                "platform": PLATFORM,
                "extensions": extensions,
            },
            "timestamp": timestamp,
            "version": XAPI_VERSION,
        }))
    }
}

/// The statement id of a roster card: a UUID (RFC 4122 variant, version 8) from a 128-bit
/// FNV-1a hash of the learner, the time and the groups.
pub fn roster_id(card: &RosterCard) -> String {
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let text = format!(
        "{}\n{}\n{}",
        card.learner_id,
        card.at,
        card.groups.join("\n")
    );
    for b in text.bytes() {
        hash ^= u128::from(b);
        hash = hash.wrapping_mul(PRIME);
    }
    uuid::Builder::from_custom_bytes(hash.to_be_bytes())
        .into_uuid()
        .hyphenated()
        .to_string()
}

#[derive(Debug, Serialize)]
pub struct Statement<'a> {
    id: &'a str,
    actor: Actor<'a>,
    verb: VerbJson,
    object: Activity,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<ResultJson<'a>>,
    context: Context<'a>,
    timestamp: Cow<'a, str>,
    version: &'static str,
}

#[derive(Debug, Serialize)]
struct Actor<'a> {
    #[serde(rename = "objectType")]
    object_type: &'static str,
    account: Account<'a>,
}

#[derive(Debug, Serialize)]
struct Account<'a> {
    #[serde(rename = "homePage")]
    home_page: &'a str,
    name: &'a str,
}

#[derive(Debug, Serialize)]
struct VerbJson {
    id: &'static str,
    display: Display,
}

#[derive(Debug, Serialize)]
struct Display {
    #[serde(rename = "en-US")]
    en_us: &'static str,
    #[serde(rename = "zh-CN")]
    zh_cn: &'static str,
}

#[derive(Debug, Serialize)]
struct Activity {
    #[serde(rename = "objectType")]
    object_type: &'static str,
    id: String,
    definition: Definition,
}

impl Activity {
    fn new(id: String, kind: &'static str, about: About) -> Activity {
        Activity {
            object_type: "Activity",
            id,
            definition: Definition {
                kind,
                name: about.name,
                interaction_type: about.interaction_type,
                choices: about.choices,
            },
        }
    }
}

/// A language map: `zh-CN` and `en-US`, as the LRS shows them.
#[derive(Debug, Clone, Serialize)]
struct LangMap {
    #[serde(rename = "zh-CN")]
    zh_cn: String,
    #[serde(rename = "en-US")]
    en_us: String,
}

impl From<&crate::lang::Text> for LangMap {
    fn from(t: &crate::lang::Text) -> LangMap {
        LangMap {
            zh_cn: t.zh.clone(),
            en_us: t.en.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
struct Definition {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<LangMap>,
    #[serde(rename = "interactionType", skip_serializing_if = "Option::is_none")]
    interaction_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    choices: Option<Vec<InteractionChoice>>,
}

/// One choice of a `cmi.interaction` (a choice or an item to put in order).
#[derive(Debug, Serialize)]
struct InteractionChoice {
    id: String,
    description: LangMap,
}

/// What an LRS shows about an activity: its name, and for a step how it is answered.
#[derive(Debug, Default)]
struct About {
    name: Option<LangMap>,
    interaction_type: Option<&'static str>,
    choices: Option<Vec<InteractionChoice>>,
}

/// The pack, lesson and step of an event as the library names them. A pack this machine does
/// not have leaves its activities unnamed (the ids still say which they are).
struct Named<'l> {
    pack: Option<&'l crate::content::Pack>,
    lesson: Option<&'l crate::content::Lesson>,
    step: Option<&'l crate::content::Step>,
}

impl<'l> Named<'l> {
    fn new(library: &'l Library, event: &Event) -> Named<'l> {
        let step = event.step.as_ref().map(|s| s.step_id.as_str());
        Named::find(library, &event.pack_id, &event.lesson_id, step)
    }

    fn find(library: &'l Library, pack: &str, lesson: &str, step: Option<&str>) -> Named<'l> {
        let pack = library.pack(pack);
        let lesson = pack.and_then(|p| p.lesson(lesson));
        let step = step.and_then(|s| lesson?.steps.iter().find(|st| st.id == s));
        Named { pack, lesson, step }
    }

    fn pack(&self) -> About {
        About {
            name: self.pack.map(|p| LangMap::from(&p.title)),
            ..About::default()
        }
    }

    fn lesson(&self) -> About {
        About {
            name: self.lesson.map(|l| LangMap::from(&l.title)),
            ..About::default()
        }
    }

    /// A step: what it says, how it is answered (xAPI's interaction types), and the choices
    /// or items of a choice or order step.
    fn step(&self, kind: StepKind) -> About {
        let choices = |list: Vec<(&String, &crate::lang::Text)>| {
            Some(
                list.into_iter()
                    .map(|(id, text)| InteractionChoice {
                        id: id.clone(),
                        description: text.into(),
                    })
                    .collect(),
            )
        };
        let (interaction_type, choices) = match self.step.map(|s| &s.exercise) {
            Some(Exercise::Choice { choices: c, .. }) => (
                "choice",
                choices(c.iter().map(|c| (&c.id, &c.text)).collect()),
            ),
            Some(Exercise::Judge { signs, .. }) => (
                "choice",
                choices(signs.iter().map(|c| (&c.id, &c.text)).collect()),
            ),
            Some(Exercise::Order { items }) => (
                "sequencing",
                choices(items.iter().map(|i| (&i.id, &i.text)).collect()),
            ),
            _ => (
                match kind {
                    StepKind::Choice | StepKind::Judge => "choice",
                    StepKind::Order => "sequencing",
                    StepKind::Digits => "numeric",
                    StepKind::Tap | StepKind::Swipe | StepKind::Hold | StepKind::Slide => {
                        "performance"
                    }
                    StepKind::Read => "other",
                },
                None,
            ),
        };
        About {
            name: self.step.map(|s| LangMap::from(&s.say)),
            interaction_type: Some(interaction_type),
            choices,
        }
    }
}

#[derive(Debug, Serialize)]
struct ResultJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    success: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    completion: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<Score>,
}

impl ResultJson<'_> {
    fn is_empty(&self) -> bool {
        self.success.is_none()
            && self.completion.is_none()
            && self.response.is_none()
            && self.duration.is_none()
            && self.score.is_none()
    }
}

#[derive(Debug, Serialize)]
struct Score {
    raw: u8,
    min: u8,
    max: u8,
}

#[derive(Debug, Serialize)]
struct Context<'a> {
    registration: &'a str,
    #[serde(rename = "contextActivities")]
    context_activities: ContextActivities,
    language: &'static str,
    platform: &'static str,
    extensions: Extensions<'a>,
}

#[derive(Debug, Serialize)]
struct ContextActivities {
    parent: [Activity; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    grouping: Option<[Activity; 1]>,
}

/// The field names are the extension IRIs (`EXT_*`; a unit test keeps them equal).
#[derive(Debug, Serialize)]
struct Extensions<'a> {
    #[serde(rename = "https://zhulao.invalid/xapi/extensions/device")]
    device: &'a str,
    #[serde(
        rename = "https://zhulao.invalid/xapi/extensions/step-kind",
        skip_serializing_if = "Option::is_none"
    )]
    step_kind: Option<&'static str>,
    #[serde(
        rename = "https://zhulao.invalid/xapi/extensions/attempt",
        skip_serializing_if = "Option::is_none"
    )]
    attempt: Option<u32>,
    #[serde(
        rename = "https://zhulao.invalid/xapi/extensions/shown",
        skip_serializing_if = "Option::is_none"
    )]
    shown: Option<&'a str>,
    #[serde(
        rename = "https://zhulao.invalid/xapi/extensions/timed",
        skip_serializing_if = "Option::is_none"
    )]
    timed: Option<&'static str>,
    #[serde(
        rename = "https://zhulao.invalid/xapi/extensions/learner",
        skip_serializing_if = "Option::is_none"
    )]
    learner: Option<CardJson<'a>>,
}

#[derive(Debug, Serialize)]
struct CardJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seat: Option<u32>,
}

impl<'a> From<&'a LearnerCard> for CardJson<'a> {
    fn from(card: &'a LearnerCard) -> Self {
        CardJson {
            name: card.name.as_deref(),
            number: card.number,
            seat: card.seat,
        }
    }
}

/// `…/pack/P`, `…/pack/P/lesson/L` or `…/pack/P/lesson/L/step/S`.
pub fn activity_iri(pack: &str, lesson: Option<&str>, step: Option<&str>) -> String {
    let mut iri = String::with_capacity(ACTIVITY_BASE.len() + 64);
    iri.push_str(ACTIVITY_BASE);
    iri.push_str("pack/");
    push_segment(&mut iri, pack);
    if let Some(lesson) = lesson {
        iri.push_str("/lesson/");
        push_segment(&mut iri, lesson);
        if let Some(step) = step {
            iri.push_str("/step/");
            push_segment(&mut iri, step);
        }
    }
    iri
}

/// What is percent-encoded in an id's IRI segment: all but RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Pack, lesson and step ids are `a-z`, `0-9` and `-`, which go into an IRI as they are;
/// anything else is percent-encoded, so an IRI always names exactly one id.
fn push_segment(out: &mut String, id: &str) {
    out.extend(utf8_percent_encode(id, SEGMENT));
}

/// An id back from its segment; `None` unless the segment is exactly what `push_segment` could
/// have made (unreserved characters and whole `%XX` escapes of UTF-8).
fn decode_segment(s: &str) -> Option<String> {
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
    let whole_escapes = s
        .split('%')
        .skip(1)
        .all(|rest| rest.len() >= 2 && rest.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit));
    if !whole_escapes || !s.bytes().all(|b| unreserved(b) || b == b'%') {
        return None;
    }
    let id = percent_decode_str(s).decode_utf8().ok()?.into_owned();
    (!id.is_empty()).then_some(id)
}

/// An xAPI duration to the millisecond: 3200 ms is `PT3.2S`, 0 is `PT0S`, 61 234 is `PT61.234S`.
pub fn iso_duration(ms: u64) -> String {
    let (s, frac) = (ms / 1000, ms % 1000);
    if frac == 0 {
        format!("PT{s}S")
    } else {
        let frac = format!("{frac:03}");
        format!("PT{s}.{}S", frac.trim_end_matches('0'))
    }
}

/// Reads an ISO 8601 duration (`P[nD]T[nH][nM][n[.n]S]`, as LRSs write them) to milliseconds;
/// digits past the millisecond are dropped.
pub fn parse_iso_duration(s: &str) -> Option<u64> {
    let rest = s.strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut ms: u64 = 0;
    let mut any = false;
    let mut take = |part: &str, units: &[(char, u64)], allow_fraction: char| -> Option<()> {
        let mut rest = part;
        for &(unit, scale) in units {
            if let Some(at) = rest.find(unit) {
                let number = &rest[..at];
                rest = &rest[at + 1..];
                let (whole, frac) = match number.split_once('.') {
                    Some((w, f)) if unit == allow_fraction => (w, f),
                    Some(_) => return None,
                    None => (number, ""),
                };
                if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                if !frac.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let whole: u64 = whole.parse().ok()?;
                let frac_ms: u64 = format!("{:0<3}", &frac[..frac.len().min(3)]).parse().ok()?;
                ms = ms
                    .checked_add(whole.checked_mul(scale)?)?
                    .checked_add(frac_ms * scale / 1000)?;
                any = true;
            }
        }
        rest.is_empty().then_some(())
    };
    take(days, &[('D', 86_400_000)], '\0')?;
    if let Some(time) = time {
        if time.is_empty() {
            return None;
        }
        take(time, &[('H', 3_600_000), ('M', 60_000), ('S', 1000)], 'S')?;
    }
    any.then_some(ms)
}

/// `2026-11-29T10:00:00.123Z`: the form every record is stamped in.
fn is_canonical_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 24
        && b[23] == b'Z'
        && b[19] == b'.'
        && parse_time(s).is_some_and(|t| format_time(t) == s)
}

/// A statement read back: the event, and the learner's card if the file carried one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub event: Event,
    pub learner: Option<LearnerCard>,
}

/// Why a line could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A statement, but not one zhulao made (another platform's, or not about zhulao's lessons).
    NotZhulao,
    /// Looks like zhulao's but something in it is wrong.
    Invalid(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotZhulao => f.write_str("not a zhulao statement"),
            Refusal::Invalid(why) => write!(f, "not a valid zhulao statement: {why}"),
        }
    }
}

fn invalid(why: impl Into<String>) -> Refusal {
    Refusal::Invalid(why.into())
}

/// What of a statement `decode` first looks at: whether it is zhulao's at all. Anything may be
/// missing here: another platform's statement is not refused for its shape, only set aside.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Whose {
    object: Option<IdOnly>,
    context: Option<Platform>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Platform {
    platform: Option<String>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// A zhulao statement as it arrives: the parts `Encoder::statement` writes that an event is
/// made from (the rest — display names, activity types — is not read).
#[derive(Deserialize)]
struct Incoming {
    id: String,
    actor: IncomingActor,
    verb: IdOnly,
    #[serde(default)]
    result: IncomingResult,
    context: IncomingContext,
    timestamp: String,
}

#[derive(Deserialize)]
struct IncomingActor {
    account: IncomingAccount,
}

#[derive(Deserialize)]
struct IncomingAccount {
    name: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct IncomingResult {
    success: Option<bool>,
    response: Option<String>,
    duration: Option<String>,
    score: Option<IncomingScore>,
}

#[derive(Deserialize)]
struct IncomingScore {
    raw: u8,
}

#[derive(Deserialize)]
struct IncomingContext {
    registration: String,
    language: String,
    #[serde(default)]
    extensions: IncomingExtensions,
}

/// The field names are the extension IRIs (`EXT_*`; a unit test keeps them equal).
#[derive(Deserialize, Default)]
#[serde(default)]
struct IncomingExtensions {
    #[serde(rename = "https://zhulao.invalid/xapi/extensions/device")]
    device: Option<String>,
    #[serde(rename = "https://zhulao.invalid/xapi/extensions/step-kind")]
    step_kind: Option<String>,
    #[serde(rename = "https://zhulao.invalid/xapi/extensions/attempt")]
    attempt: Option<u32>,
    #[serde(rename = "https://zhulao.invalid/xapi/extensions/shown")]
    shown: Option<String>,
    #[serde(rename = "https://zhulao.invalid/xapi/extensions/timed")]
    timed: Option<String>,
    #[serde(rename = "https://zhulao.invalid/xapi/extensions/learner")]
    learner: Option<IncomingCard>,
}

#[derive(Deserialize)]
struct IncomingCard {
    #[serde(default)]
    name: Option<String>,
    #[serde(default, deserialize_with = "lenient_number")]
    number: Option<u32>,
    #[serde(default, deserialize_with = "lenient_number")]
    seat: Option<u32>,
}

/// A learner card's number or seat: kept when it is a small whole number, dropped otherwise (the
/// card only helps to name the learner; the answers stand without it).
fn lenient_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(v.as_u64().and_then(|n| u32::try_from(n).ok()))
}

/// The longest response or shown order a statement may carry (zhulao's are far shorter).
const MAX_TEXT: usize = 1000;

/// The years a statement's time may fall in: a machine whose clock was set wrong, or a file
/// made by hand, can say 9999 — a time no screen could show in a local time zone.
pub const SANE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2199;

/// A statement's time, if it is one a lesson could have been taken at.
fn statement_time(timestamp: &str) -> Result<time::OffsetDateTime, Refusal> {
    let at = parse_time(timestamp)
        .ok_or_else(|| invalid(format!("timestamp '{timestamp}' is not an RFC 3339 time")))?;
    if !SANE_YEARS.contains(&at.year()) {
        return Err(invalid(format!(
            "timestamp '{timestamp}' is not a time a lesson could have been taken (years {} to {})",
            SANE_YEARS.start(),
            SANE_YEARS.end()
        )));
    }
    Ok(at)
}

/// Reads one statement made by `Encoder::statement` (from a file or an LRS) back into the event
/// it came from. Ids are made canonical (lower-case UUIDs), the time canonical UTC.
pub fn decode(v: &Value) -> Result<Decoded, Refusal> {
    if !v.is_object() {
        return Err(invalid("a line must be one JSON object"));
    }
    let whose = Whose::deserialize(v).unwrap_or_default();
    let object_id = whose.object.map(|o| o.id);
    let platform = whose.context.and_then(|c| c.platform);
    let (Some(object_id), Some(PLATFORM)) = (object_id, platform.as_deref()) else {
        return Err(Refusal::NotZhulao);
    };
    let Some(path) = object_id.strip_prefix(ACTIVITY_BASE) else {
        return Err(Refusal::NotZhulao);
    };
    let s = Incoming::deserialize(v).map_err(|e| invalid(e.to_string()))?;
    let id = uuid(&s.id, "id")?;
    let learner_id = uuid(&s.actor.account.name, "actor.account.name")?;
    let verb = verb_from_iri(&s.verb.id)
        .ok_or_else(|| invalid(format!("the verb '{}' is not one of zhulao's", s.verb.id)))?;
    let (pack_id, lesson_id, step_id) = parse_activity(path)
        .ok_or_else(|| {
            invalid(format!(
                "object.id '{}' names no lesson or step of a zhulao pack (their ids are a-z, 0-9 and '-')",
                crate::inert::brief(&object_id, 200)
            ))
        })?;
    let registration = uuid(&s.context.registration, "context.registration")?;
    let language = &s.context.language;
    let lang = Lang::ALL
        .iter()
        .copied()
        .find(|l| l.tag() == language)
        .ok_or_else(|| invalid(format!("context.language '{language}' is not zh-CN or en")))?;
    let at = format_time(statement_time(&s.timestamp)?);
    let ext = s.context.extensions;
    let device_id = plain_device(ext.device)?;
    let result = s.result;
    let step = match step_id {
        None => None,
        Some(step_id) => {
            let kind = ext
                .step_kind
                .ok_or_else(|| invalid("the step-kind extension is missing"))?;
            let step_kind = StepKind::parse(&kind)
                .ok_or_else(|| invalid(format!("the step kind '{kind}' is not one of zhulao's")))?;
            let attempt = ext
                .attempt
                .ok_or_else(|| invalid("the attempt extension is missing or not a number"))?;
            let response = result.response.unwrap_or_default();
            if response.chars().count() > MAX_TEXT {
                return Err(invalid("result.response is not a short text"));
            }
            let duration_ms = match result.duration {
                None => 0,
                Some(d) => parse_iso_duration(&d).ok_or_else(|| {
                    invalid("result.duration is not an ISO 8601 duration such as PT3.2S")
                })?,
            };
            if ext
                .shown
                .as_ref()
                .is_some_and(|o| o.chars().count() > MAX_TEXT)
            {
                return Err(invalid("the shown extension is not a short text"));
            }
            let timed = match ext.timed.as_deref() {
                None => Timed::SinceShown,
                Some(t) => Timed::parse(t).ok_or_else(|| {
                    invalid("the timed extension is not \"since-last\" or \"since-shown\"")
                })?,
            };
            Some(StepAnswer {
                step_id,
                step_kind,
                outcome: result.success.map(|right| {
                    if right {
                        Outcome::Correct
                    } else {
                        Outcome::Wrong
                    }
                }),
                attempt,
                response,
                duration_ms,
                timed,
                shown: ext.shown,
            })
        }
    };
    let learner = ext.learner.map(|card| LearnerCard {
        name: card.name,
        number: card.number,
        seat: card.seat,
    });
    Ok(Decoded {
        event: Event {
            id,
            verb,
            learner_id,
            registration,
            pack_id,
            lesson_id,
            step,
            stars: result.score.map(|s| s.raw),
            lang,
            at,
            device_id,
        },
        learner,
    })
}

/// An id as xAPI asks for it: an RFC 4122 UUID (its variant bits say so, and it has a version),
/// written with hyphens. A string of 32 hex digits that is not one (`00000000-…`, a wrong
/// variant) is refused here, as an LRS or a validator would refuse it later.
/// Keeps a secret answer (see `Lesson::answer_is_secret`) only as the mask, as the player
/// records it: an answer from an older zhulao, another machine or a file may hold it in clear.
pub fn mask_secret(library: &Library, event: &mut Event) {
    if let Some(step) = &mut event.step
        && !step.response.is_empty()
        && library.answer_is_secret(&event.pack_id, &event.lesson_id, &step.step_id)
    {
        step.response = SECRET_MASK.to_string();
    }
}

/// A zhulao statement read back: an event, or a learner's roster card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Event(Decoded),
    Roster(RosterCard),
    /// A help request, and the learner's card if the file carried one.
    Help(HelpRequest, Option<LearnerCard>),
}

/// Reads any statement zhulao makes: an event's (`decode`), a help request's or a roster card's.
pub fn decode_record(v: &Value) -> Result<Record, Refusal> {
    if v.get("verb")
        .and_then(|o| o.get("id"))
        .and_then(Value::as_str)
        == Some(VERB_ASKED)
        && v.get("context")
            .and_then(|c| c.get("platform"))
            .and_then(Value::as_str)
            == Some(PLATFORM)
    {
        return decode_help(v);
    }
    if v.get("object")
        .and_then(|o| o.get("id"))
        .and_then(Value::as_str)
        != Some(ROSTER_ACTIVITY)
        || v.get("context")
            .and_then(|c| c.get("platform"))
            .and_then(Value::as_str)
            != Some(PLATFORM)
    {
        return decode(v).map(Record::Event);
    }
    #[derive(Deserialize)]
    struct Card {
        id: String,
        actor: IncomingActor,
        verb: IdOnly,
        context: CardContext,
        timestamp: String,
    }
    #[derive(Deserialize)]
    struct CardContext {
        extensions: CardExtensions,
    }
    #[derive(Deserialize)]
    struct CardExtensions {
        #[serde(rename = "https://zhulao.invalid/xapi/extensions/device")]
        device: String,
        #[serde(rename = "https://zhulao.invalid/xapi/extensions/groups")]
        groups: Vec<String>,
        #[serde(default, rename = "https://zhulao.invalid/xapi/extensions/learner")]
        learner: Option<IncomingCard>,
    }
    let c = Card::deserialize(v).map_err(|e| invalid(e.to_string()))?;
    uuid(&c.id, "id")?;
    let learner_id = uuid(&c.actor.account.name, "actor.account.name")?;
    if c.verb.id != VERB_REGISTERED {
        return Err(invalid(format!(
            "the verb '{}' is not one of zhulao's",
            c.verb.id
        )));
    }
    let at = statement_time(&c.timestamp)?;
    let device_id = plain_device(Some(c.context.extensions.device))?;
    let mut groups = Vec::new();
    for g in c.context.extensions.groups {
        let g = g.trim().to_string();
        if g.is_empty()
            || g.chars().count() > crate::progress::MAX_NAME_CHARS
            || crate::inert::check_name(&g).is_err()
        {
            return Err(invalid(format!(
                "the group name '{}' cannot be used",
                crate::inert::inert(&g)
            )));
        }
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    groups.sort();
    Ok(Record::Roster(RosterCard {
        learner_id,
        card: c
            .context
            .extensions
            .learner
            .map(|card| LearnerCard {
                name: card.name,
                number: card.number,
                seat: card.seat,
            })
            .unwrap_or_default(),
        groups,
        at: format_time(at),
        device_id,
    }))
}

/// Reads a help request's statement (`Encoder::help_statement`) back.
fn decode_help(v: &Value) -> Result<Record, Refusal> {
    #[derive(Deserialize)]
    struct Help {
        id: String,
        actor: IncomingActor,
        object: IdOnly,
        context: HelpContext,
        timestamp: String,
    }
    #[derive(Deserialize)]
    struct HelpContext {
        registration: String,
        #[serde(default)]
        extensions: IncomingExtensions,
    }
    let h = Help::deserialize(v).map_err(|e| invalid(e.to_string()))?;
    let Some(path) = h.object.id.strip_prefix(ACTIVITY_BASE) else {
        return Err(Refusal::NotZhulao);
    };
    let Some((pack_id, lesson_id, Some(step_id))) = parse_activity(path) else {
        return Err(invalid(format!(
            "object.id '{}' names no step of a zhulao pack (help is asked on a step)",
            crate::inert::brief(&h.object.id, 200)
        )));
    };
    let device_id = plain_device(h.context.extensions.device)?;
    Ok(Record::Help(
        HelpRequest {
            id: uuid(&h.id, "id")?,
            learner_id: uuid(&h.actor.account.name, "actor.account.name")?,
            registration: uuid(&h.context.registration, "context.registration")?,
            pack_id,
            lesson_id,
            step_id,
            at: format_time(statement_time(&h.timestamp)?),
            device_id,
        },
        h.context.extensions.learner.map(|card| LearnerCard {
            name: card.name,
            number: card.number,
            seat: card.seat,
        }),
    ))
}

/// A statement's device id: there, and a plain short text.
fn plain_device(device_id: Option<String>) -> Result<String, Refusal> {
    let device_id = device_id.ok_or_else(|| invalid("the device extension is missing"))?;
    if device_id.is_empty() || device_id.len() > 100 || crate::inert::inert(&device_id) != device_id
    {
        return Err(invalid("the device id is not a plain short text"));
    }
    Ok(device_id)
}

fn uuid(s: &str, what: &str) -> Result<String, Refusal> {
    uuid::Uuid::try_parse(s)
        .ok()
        .filter(|u| s.len() == 36 && is_rfc4122(u))
        .map(|u| u.hyphenated().to_string())
        .ok_or_else(|| invalid(format!("{what} '{s}' is not an RFC 4122 UUID")))
}

/// The RFC 4122 variant, and a version from 1 to 8.
pub fn is_rfc4122(u: &uuid::Uuid) -> bool {
    u.get_variant() == uuid::Variant::RFC4122 && (1..=8).contains(&u.get_version_num())
}

/// `pack/P/lesson/L` or `pack/P/lesson/L/step/S` → (P, L, S).
/// Ids are those a pack may give (see `content::problems::is_id`), and a lesson may also be a
/// review run's: anything else (`BASICS`, `../..`) was not made by zhulao.
fn parse_activity(path: &str) -> Option<(String, String, Option<String>)> {
    let parts: Vec<&str> = path.split('/').collect();
    let id = |s: &str| decode_segment(s).filter(|id| crate::content::problems::is_id(id));
    let lesson = |s: &str| {
        decode_segment(s).filter(|id| {
            crate::content::problems::is_id(id) || id == crate::progress::review::REVIEW_LESSON
        })
    };
    match parts.as_slice() {
        ["pack", p, "lesson", l] => Some((id(p)?, lesson(l)?, None)),
        ["pack", p, "lesson", l, "step", s] => Some((id(p)?, lesson(l)?, Some(id(s)?))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(verb: Verb, step: Option<StepAnswer>, stars: Option<u8>) -> Event {
        Event {
            id: "1d7f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b".into(),
            verb,
            learner_id: "3f1c2b9e-8d7a-4e6f-9a1b-2c3d4e5f6a7b".into(),
            registration: "6b0c1c8e-2f4a-4d3b-9e8f-0a1b2c3d4e5f".into(),
            pack_id: "basics".into(),
            lesson_id: "call-family".into(),
            step,
            stars,
            lang: Lang::Zh,
            at: "2026-11-29T10:00:00.123Z".into(),
            device_id: "0a0b0c0d-1111-4222-8333-444455556666".into(),
        }
    }

    fn answer(outcome: Option<Outcome>, response: &str, duration_ms: u64) -> StepAnswer {
        StepAnswer {
            step_id: "open-phone".into(),
            step_kind: StepKind::Tap,
            outcome,
            attempt: 2,
            response: response.into(),
            duration_ms,
            timed: Timed::SinceLast,
            shown: Some("wechat,phone,weread".into()),
        }
    }

    fn json(e: &Event, audience: Audience, card: Option<&LearnerCard>) -> Value {
        let library = Library::default();
        let enc = Encoder {
            homepage: DEFAULT_HOMEPAGE,
            audience,
            library: &library,
        };
        serde_json::to_value(enc.statement(e, card, None).unwrap()).unwrap()
    }

    #[test]
    fn a_pack_lesson_or_step_id_zhulao_would_not_give_is_refused() {
        let e = event(Verb::Answered, Some(answer(None, "x", 1500)), None);
        let good = json(&e, Audience::Lrs, None);
        assert!(decode(&good).is_ok());
        let base = format!("{ACTIVITY_BASE}pack/");
        for object in [
            format!("{base}BASICS/lesson/call-family/step/open-phone"),
            format!("{base}%2E%2E%2F%2E%2E/lesson/call-family/step/open-phone"),
            format!("{base}basics/lesson/%2E%2E/step/open-phone"),
            format!("{base}basics/lesson/call-family/step/Open%20Phone"),
            format!("{base}{}/lesson/l/step/s", "a".repeat(41)),
        ] {
            let mut s = good.clone();
            s["object"]["id"] = object.clone().into();
            let err = decode(&s).unwrap_err().to_string();
            assert!(err.contains("names no lesson or step"), "{object}: {err}");
        }
        let mut review = e.clone();
        review.lesson_id = crate::progress::review::REVIEW_LESSON.into();
        assert!(decode(&json(&review, Audience::Lrs, None)).is_ok());
    }

    #[test]
    fn how_an_answer_is_timed_travels_and_an_older_statement_is_timed_from_the_step_shown() {
        let e = event(Verb::Answered, Some(answer(None, "x", 1500)), None);
        let mut s = json(&e, Audience::Lrs, None);
        assert_eq!(s["context"]["extensions"][EXT_TIMED], "since-last");
        let timed = |s: &Value| decode(s).map(|d| d.event.step.unwrap().timed);
        assert_eq!(timed(&s).unwrap(), Timed::SinceLast);
        let ext = s["context"]["extensions"].as_object_mut().unwrap();
        ext.remove(EXT_TIMED);
        assert_eq!(timed(&s).unwrap(), Timed::SinceShown, "older zhulao");
        s["context"]["extensions"][EXT_TIMED] = "whenever".into();
        let err = timed(&s).unwrap_err();
        assert!(err.to_string().contains("timed extension"), "{err}");
    }

    #[test]
    fn a_wrong_tap_is_an_answered_interaction_inside_its_lesson_and_course() {
        let e = event(
            Verb::Answered,
            Some(answer(Some(Outcome::Wrong), "wechat", 3200)),
            None,
        );
        let s = json(&e, Audience::Lrs, None);
        assert_eq!(s["id"], e.id);
        assert_eq!(s["version"], "1.0.3");
        assert_eq!(s["timestamp"], "2026-11-29T10:00:00.123Z");
        assert_eq!(s["actor"]["objectType"], "Agent");
        assert_eq!(s["actor"]["account"]["homePage"], DEFAULT_HOMEPAGE);
        assert_eq!(s["actor"]["account"]["name"], e.learner_id);
        assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/answered");
        assert_eq!(
            s["object"]["id"],
            "https://zhulao.invalid/xapi/activities/pack/basics/lesson/call-family/step/open-phone"
        );
        assert_eq!(s["object"]["definition"]["type"], ACTIVITY_INTERACTION);
        assert_eq!(s["result"]["success"], false);
        assert_eq!(s["result"]["response"], "wechat");
        assert_eq!(s["result"]["duration"], "PT3.2S");
        assert!(s["result"].get("completion").is_none());
        let c = &s["context"];
        assert_eq!(c["registration"], e.registration);
        assert_eq!(c["language"], "zh-CN");
        assert_eq!(c["platform"], "zhulao");
        assert_eq!(
            c["contextActivities"]["parent"][0]["id"],
            "https://zhulao.invalid/xapi/activities/pack/basics/lesson/call-family"
        );
        assert_eq!(
            c["contextActivities"]["parent"][0]["definition"]["type"],
            ACTIVITY_LESSON
        );
        assert_eq!(
            c["contextActivities"]["grouping"][0]["id"],
            "https://zhulao.invalid/xapi/activities/pack/basics"
        );
        assert_eq!(c["extensions"][EXT_DEVICE], e.device_id);
        assert_eq!(c["extensions"][EXT_STEP_KIND], "tap");
        assert_eq!(c["extensions"][EXT_ATTEMPT], 2);
    }

    #[test]
    fn a_finished_lesson_is_completed_with_its_stars_and_its_course_as_parent() {
        let mut e = event(Verb::Completed, None, Some(2));
        e.lang = Lang::En;
        let s = json(&e, Audience::Lrs, None);
        assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
        assert_eq!(s["object"]["definition"]["type"], ACTIVITY_LESSON);
        assert_eq!(s["result"]["completion"], true);
        assert_eq!(
            s["result"]["score"],
            serde_json::json!({"raw": 2, "min": 0, "max": 3})
        );
        assert!(
            s["result"].get("success").is_none(),
            "nobody fails a lesson"
        );
        assert_eq!(s["context"]["language"], "en");
        assert_eq!(
            s["context"]["contextActivities"]["parent"][0]["definition"]["type"],
            ACTIVITY_COURSE
        );
        assert!(s["context"]["contextActivities"].get("grouping").is_none());
        assert!(s["context"]["extensions"].get(EXT_ATTEMPT).is_none());
    }

    #[test]
    fn a_started_lesson_is_attempted_with_no_result() {
        let s = json(&event(Verb::Attempted, None, None), Audience::Lrs, None);
        assert_eq!(s["verb"]["id"], "http://adlnet.gov/expapi/verbs/attempted");
        assert!(s.get("result").is_none());
    }

    #[test]
    fn the_learners_name_goes_into_files_but_never_to_an_lrs() {
        let card = LearnerCard {
            name: Some("王秀英".into()),
            number: None,
            seat: Some(4),
        };
        let e = event(Verb::Attempted, None, None);
        let file = json(&e, Audience::File, Some(&card));
        assert_eq!(
            file["context"]["extensions"][EXT_LEARNER],
            serde_json::json!({"name": "王秀英", "seat": 4})
        );
        let lrs = json(&e, Audience::Lrs, Some(&card));
        assert!(lrs["context"]["extensions"].get(EXT_LEARNER).is_none());
        assert!(!lrs.to_string().contains("王秀英"));
    }

    #[test]
    fn every_kind_of_event_reads_back_exactly_as_it_was() {
        let card = LearnerCard {
            name: None,
            number: Some(7),
            seat: None,
        };
        let events = [
            event(Verb::Attempted, None, None),
            event(Verb::Experienced, Some(answer(None, "", 1500)), None),
            event(
                Verb::Answered,
                Some(answer(Some(Outcome::Correct), "a,b,c", 61_234)),
                None,
            ),
            event(
                Verb::Answered,
                Some(answer(Some(Outcome::Wrong), "", 0)),
                None,
            ),
            event(
                Verb::Answered,
                Some(answer(Some(Outcome::Wrong), "******", 999)),
                None,
            ),
            event(Verb::Completed, None, Some(3)),
        ];
        for e in events {
            for (audience, card) in [(Audience::File, Some(&card)), (Audience::Lrs, None)] {
                let back = decode(&json(&e, audience, card)).unwrap();
                assert_eq!(back.event, e);
                assert_eq!(back.learner.as_ref(), card);
            }
        }
    }

    #[test]
    fn an_older_record_timed_to_the_second_is_sent_in_the_canonical_form() {
        let mut e = event(Verb::Attempted, None, None);
        e.at = "2026-11-29T18:00:00+08:00".into();
        assert_eq!(
            json(&e, Audience::Lrs, None)["timestamp"],
            "2026-11-29T10:00:00.000Z"
        );
        e.at = "yesterday".into();
        let library = Library::default();
        let enc = Encoder {
            homepage: DEFAULT_HOMEPAGE,
            audience: Audience::Lrs,
            library: &library,
        };
        assert!(matches!(
            enc.statement(&e, None, None),
            Err(EncodeError::BadTime { .. })
        ));
    }

    #[test]
    fn durations_are_iso_8601_to_the_millisecond_and_read_back() {
        for (ms, text) in [
            (0, "PT0S"),
            (3200, "PT3.2S"),
            (61_234, "PT61.234S"),
            (5, "PT0.005S"),
        ] {
            assert_eq!(iso_duration(ms), text);
            assert_eq!(parse_iso_duration(text), Some(ms));
        }
        assert_eq!(parse_iso_duration("PT1H2M3.5S"), Some(3_723_500));
        assert_eq!(parse_iso_duration("P1DT1S"), Some(86_401_000));
        assert_eq!(parse_iso_duration("PT3.21987S"), Some(3219));
        for bad in [
            "", "P", "PT", "3.2S", "PT3.2", "PTS", "PT1.5M", "PT-1S", "P1.5D",
        ] {
            assert_eq!(parse_iso_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn statements_from_elsewhere_are_told_apart_from_broken_ones_of_ours() {
        let ours = json(&event(Verb::Attempted, None, None), Audience::Lrs, None);
        let mut other = ours.clone();
        other["context"]["platform"] = "Moodle".into();
        assert_eq!(decode(&other), Err(Refusal::NotZhulao));
        let mut other = ours.clone();
        other["object"]["id"] = "https://example.org/course/1".into();
        assert_eq!(decode(&other), Err(Refusal::NotZhulao));
        assert!(matches!(decode(&Value::from(3)), Err(Refusal::Invalid(_))));
        let mut broken = ours.clone();
        broken["id"] = "not-a-uuid".into();
        assert!(
            matches!(decode(&broken), Err(Refusal::Invalid(m)) if m.contains("id 'not-a-uuid'"))
        );
        // 32 hex digits are not enough: the variant and version must be RFC 4122's.
        for not_rfc in [
            "00000000-0000-0000-0000-000000000000",
            "1d7f2a3b-4c5d-4e6f-0a9b-0c1d2e3f4a5b",
            "1d7f2a3b-4c5d-0e6f-8a9b-0c1d2e3f4a5b",
            "1d7f2a3b4c5d4e6f8a9b0c1d2e3f4a5b",
        ] {
            let mut broken = ours.clone();
            broken["id"] = not_rfc.into();
            assert!(
                matches!(decode(&broken), Err(Refusal::Invalid(m)) if m.contains("not an RFC 4122 UUID")),
                "{not_rfc}"
            );
        }
        let mut broken = ours.clone();
        broken["verb"]["id"] = "http://adlnet.gov/expapi/verbs/voided".into();
        assert!(matches!(decode(&broken), Err(Refusal::Invalid(_))));
        let mut broken = ours;
        broken["object"]["id"] = format!("{ACTIVITY_BASE}pack/basics").into();
        assert!(matches!(decode(&broken), Err(Refusal::Invalid(_))));
    }

    #[test]
    fn ids_go_into_iris_percent_encoded_and_only_a_packs_ids_come_back() {
        let iri = activity_iri("my pack", Some("课"), Some("a/b"));
        assert_eq!(
            iri,
            format!("{ACTIVITY_BASE}pack/my%20pack/lesson/%E8%AF%BE/step/a%2Fb")
        );
        let path = iri.strip_prefix(ACTIVITY_BASE).unwrap();
        assert_eq!(parse_activity(path), None, "no pack gives such ids");
        let iri = activity_iri("basics", Some("call-2"), Some("open-phone"));
        let path = iri.strip_prefix(ACTIVITY_BASE).unwrap();
        assert_eq!(
            parse_activity(path),
            Some(("basics".into(), "call-2".into(), Some("open-phone".into())))
        );
    }

    #[test]
    fn the_extension_field_names_are_the_published_iris() {
        let e = event(Verb::Answered, Some(answer(None, "", 0)), None);
        let card = LearnerCard::default();
        let s = json(&e, Audience::File, Some(&card));
        let keys: Vec<&String> = s["context"]["extensions"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        for ext in [
            EXT_DEVICE,
            EXT_STEP_KIND,
            EXT_ATTEMPT,
            EXT_SHOWN,
            EXT_TIMED,
            EXT_LEARNER,
        ] {
            assert!(keys.iter().any(|k| *k == ext), "{ext} in {keys:?}");
        }
    }

    #[test]
    fn a_help_request_is_asked_about_its_step_and_reads_back_exactly() {
        let help = HelpRequest {
            id: "2e8a3b4c-5d6e-4f70-9b1c-1d2e3f4a5b6c".into(),
            learner_id: "3f1c2b9e-8d7a-4e6f-9a1b-2c3d4e5f6a7b".into(),
            registration: "6b0c1c8e-2f4a-4d3b-9e8f-0a1b2c3d4e5f".into(),
            pack_id: "basics".into(),
            lesson_id: "call-family".into(),
            step_id: "open-phone".into(),
            at: "2026-11-29T10:00:00.123Z".into(),
            device_id: "dev-1".into(),
        };
        let card = LearnerCard {
            name: Some("王秀英".into()),
            number: None,
            seat: None,
        };
        let library = Library::default();
        // The name goes into a file, never to an LRS.
        for (audience, carried) in [(Audience::File, Some(&card)), (Audience::Lrs, None)] {
            let enc = Encoder {
                homepage: DEFAULT_HOMEPAGE,
                audience,
                library: &library,
            };
            let s = enc.help_statement(&help, Some(&card)).unwrap();
            assert_eq!(s["id"], help.id);
            assert_eq!(s["verb"]["id"], VERB_ASKED);
            assert_eq!(
                s["object"]["id"],
                activity_iri("basics", Some("call-family"), Some("open-phone"))
            );
            assert_eq!(s["context"]["extensions"][EXT_ASKED_FOR], HELP_PAGE);
            assert_eq!(
                decode_record(&s),
                Ok(Record::Help(help.clone(), carried.cloned()))
            );
            let mut lesson_only = s.clone();
            lesson_only["object"]["id"] = activity_iri("basics", Some("call-family"), None).into();
            assert!(matches!(
                decode_record(&lesson_only),
                Err(Refusal::Invalid(_))
            ));
        }
    }

    #[test]
    fn a_review_run_is_a_lesson_of_its_pack_and_its_answers_are_the_steps_own() {
        use crate::progress::review::REVIEW_LESSON;
        let mut start = event(Verb::Attempted, None, None);
        start.lesson_id = REVIEW_LESSON.into();
        let mut end = event(Verb::Completed, None, Some(2));
        end.lesson_id = REVIEW_LESSON.into();
        let reply = event(
            Verb::Answered,
            Some(answer(Some(Outcome::Correct), "weread", 2000)),
            None,
        );
        for e in [&start, &end] {
            let s = json(e, Audience::Lrs, None);
            assert_eq!(
                s["object"]["id"],
                format!("{ACTIVITY_BASE}pack/basics/lesson/_review")
            );
        }
        let s = json(&reply, Audience::Lrs, None);
        assert_eq!(
            s["context"]["contextActivities"]["parent"][0]["id"],
            format!("{ACTIVITY_BASE}pack/basics/lesson/call-family")
        );
        for e in [start, reply, end] {
            assert_eq!(decode(&json(&e, Audience::Lrs, None)).unwrap().event, e);
        }
    }
}
