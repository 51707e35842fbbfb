//! Answering the instructor's screens: what each `Query` reads from the store, and each roster
//! change followed by the roster read again. Performed by the loop like every effect; kept here
//! so the loop stays a dispatcher.

use time::{Duration, OffsetDateTime, UtcOffset};

use crate::progress::store::class::Filter;
use crate::progress::store::format_time;
use crate::progress::store::roster::Change;
use crate::progress::{Store, StoreError};

use super::effect::{Answer, Days, Query, RosterCommand, Taken};

/// When `days` begins, as stored times compare: midnight today in the machine's time zone, or
/// 7 or 30 days before `now`.
pub fn days_since(days: Days, offset: UtcOffset, now: OffsetDateTime) -> Option<String> {
    let since = match days {
        Days::Today => {
            crate::progress::store::to_local(now, offset).replace_time(time::Time::MIDNIGHT)
        }
        Days::Week => now - Duration::days(7),
        Days::Month => now - Duration::days(30),
        Days::All => return None,
    };
    Some(format_time(since))
}

/// `now`: the loop's time (the clock's, or a test's).
pub fn answer(
    store: &Store,
    query: &Query,
    offset: UtcOffset,
    now: OffsetDateTime,
) -> Result<Answer, StoreError> {
    Ok(match query {
        Query::Class { group } => Answer::Class {
            rows: store.class(group.as_deref(), &format_time(now))?,
            groups: store.groups()?,
        },
        Query::Detail { learner_id } => Answer::Detail(store.learner_detail(learner_id)?),
        Query::Trouble { group, days } => Answer::Trouble {
            spots: store.trouble_spots(&Filter {
                group: group.clone(),
                since: days_since(*days, offset, now),
                until: None,
            })?,
            groups: store.groups()?,
        },
        Query::Roster { with_archived } => Answer::Roster {
            entries: store.roster(*with_archived)?,
            groups: store.groups()?,
            taken: None,
        },
        Query::Missing { group, days } => Answer::Missing {
            rows: store.missing(
                group.as_deref(),
                &format_time(now - Duration::days(i64::from(*days))),
            )?,
            groups: store.groups()?,
        },
    })
}

/// Makes a roster change and answers with the roster as it now is (archived learners shown,
/// so a learner just archived stays in view to be restored).
pub fn change_roster(store: &mut Store, command: RosterCommand) -> Result<Answer, StoreError> {
    let taken = match command {
        RosterCommand::Rename { id, name } => match store.rename_learner(&id, &name)? {
            Change::Done => None,
            Change::Taken(_) => Some(Taken::Name(name)),
        },
        RosterCommand::Seat { id, seat } => match store.set_seat(&id, seat)? {
            Change::Done => None,
            Change::Taken(other) => Some(Taken::Seat(seat.unwrap_or(0), other)),
        },
        RosterCommand::Member {
            learner_id,
            group_id,
            member,
        } => {
            store.set_member(&learner_id, &group_id, member)?;
            None
        }
        RosterCommand::Archive { id, archived } => {
            store.set_archived(&id, archived)?;
            None
        }
        RosterCommand::AddGroup { name, learner_id } => {
            let group = store.add_group(&name)?;
            store.set_member(&learner_id, &group.id, true)?;
            None
        }
    };
    Ok(Answer::Roster {
        entries: store.roster(true)?,
        groups: store.groups()?,
        taken,
    })
}
