//! The database schema, as a list of migrations. `PRAGMA user_version` says how many have run;
//! `PRAGMA application_id` marks the file as zhulao's, so zhulao never changes another
//! program's SQLite file. Never edit a shipped migration: add a new one.

use rusqlite::{Transaction, params};

use crate::inert::normalise_name;

/// "ZHLO": stamped in the file header of every zhulao database.
pub const APPLICATION_ID: i32 = 0x5A48_4C4F;

pub enum Migration {
    Sql(&'static str),
    /// A step SQL alone cannot do (it needs Rust, such as name normalisation).
    Code(fn(&Transaction) -> rusqlite::Result<()>),
}

pub const MIGRATIONS: &[Migration] = &[
    // 1: learners, the append-only event log, and machine facts.
    Migration::Sql(
        "CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE learners (
        id         TEXT PRIMARY KEY,
        name       TEXT,
        number     INTEGER UNIQUE,
        created_at TEXT NOT NULL,
        device_id  TEXT NOT NULL,
        CHECK (name IS NOT NULL OR number IS NOT NULL)
    );
    CREATE TABLE events (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE,
        verb         TEXT NOT NULL CHECK (verb IN ('attempted','experienced','answered','completed')),
        learner_id   TEXT NOT NULL REFERENCES learners(id),
        registration TEXT NOT NULL,
        pack_id      TEXT NOT NULL,
        lesson_id    TEXT NOT NULL,
        step_id      TEXT,
        step_kind    TEXT,
        outcome      TEXT CHECK (outcome IN ('correct','wrong')),
        attempt      INTEGER,
        response     TEXT,
        duration_ms  INTEGER,
        stars        INTEGER,
        lang         TEXT NOT NULL,
        at           TEXT NOT NULL,
        device_id    TEXT NOT NULL
    );
    CREATE INDEX events_by_learner ON events (learner_id, seq);
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;",
    ),
    // 2: how zhulao looks and speaks, per learner and for the machine ('machine').
    Migration::Sql(
        "CREATE TABLE settings (
        owner       TEXT PRIMARY KEY,
        lang        TEXT NOT NULL CHECK (lang IN ('zh','en')),
        text_size   TEXT NOT NULL CHECK (text_size IN ('normal','big','huge')),
        theme       TEXT NOT NULL CHECK (theme IN ('dark','light','yellow')),
        read_aloud  INTEGER NOT NULL CHECK (read_aloud IN (0,1)),
        speech_rate TEXT NOT NULL CHECK (speech_rate IN ('slow','normal','fast')),
        updated_at  TEXT NOT NULL
    );",
    ),
    // 3: one learner per person (a name is unique in its normalised form), and each learner's
    // latest event kept beside them, so the list of hundreds of names sorts without reading
    // every event.
    Migration::Code(unique_names),
    // 4: instructors: seats, archived learners, groups, the PIN, per-lesson figures kept with
    // every event (so a class of ten thousand opens at once), and what was sent to an LRS.
    Migration::Sql(
        "ALTER TABLE learners ADD COLUMN seat INTEGER;
    ALTER TABLE learners ADD COLUMN archived_at TEXT;
    CREATE UNIQUE INDEX learners_by_seat ON learners (seat) WHERE seat IS NOT NULL;
    CREATE TABLE groups (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        name_key   TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE learner_groups (
        learner_id TEXT NOT NULL REFERENCES learners(id),
        group_id   TEXT NOT NULL REFERENCES groups(id),
        PRIMARY KEY (learner_id, group_id)
    ) WITHOUT ROWID;
    CREATE INDEX learner_groups_by_group ON learner_groups (group_id);
    CREATE TABLE instructor (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        pin_hash    TEXT,
        failures    INTEGER NOT NULL DEFAULT 0,
        next_try_at TEXT,
        changed_at  TEXT
    );
    INSERT INTO instructor (id) VALUES (1);
    CREATE INDEX events_by_time ON events (at);
    CREATE TABLE lesson_stats (
        learner_id  TEXT NOT NULL,
        pack_id     TEXT NOT NULL,
        lesson_id   TEXT NOT NULL,
        runs        INTEGER NOT NULL DEFAULT 0,
        completions INTEGER NOT NULL DEFAULT 0,
        answers     INTEGER NOT NULL DEFAULT 0,
        wrong       INTEGER NOT NULL DEFAULT 0,
        time_ms     INTEGER NOT NULL DEFAULT 0,
        first_at    TEXT NOT NULL,
        last_at     TEXT NOT NULL,
        PRIMARY KEY (learner_id, pack_id, lesson_id)
    ) WITHOUT ROWID;
    INSERT INTO lesson_stats
        SELECT learner_id, pack_id, lesson_id,
               SUM(verb = 'attempted'), SUM(verb = 'completed'), SUM(verb = 'answered'),
               SUM(outcome IS 'wrong'), COALESCE(SUM(duration_ms), 0), MIN(at), MAX(at)
          FROM events GROUP BY learner_id, pack_id, lesson_id;
    CREATE TABLE lrs_sent (
        lrs      TEXT NOT NULL,
        event_id TEXT NOT NULL,
        sent_at  TEXT NOT NULL,
        PRIMARY KEY (lrs, event_id)
    ) WITHOUT ROWID;",
    ),
    // 5: choices and order items are shown in a different order in each run: the order shown
    // is part of the answer.
    Migration::Sql("ALTER TABLE events ADD COLUMN shown TEXT;"),
    // 6: kiosk mode, a machine setting the teacher turns on (one row at most).
    Migration::Sql(
        "CREATE TABLE kiosk (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        enabled      INTEGER NOT NULL,
        idle_minutes INTEGER NOT NULL CHECK (idle_minutes BETWEEN 1 AND 120),
        updated_at   TEXT NOT NULL
    );",
    ),
    // 7: an answer's time counts from the answer before it (so a step's time counts once);
    // older answers counted from when the step was shown (`timed` NULL), and the time kept per
    // lesson is worked out again: of those, a step's longest answer in a run.
    Migration::Sql(
        "ALTER TABLE events ADD COLUMN timed TEXT;
    CREATE INDEX events_by_run_step ON events (registration, step_id);
    UPDATE lesson_stats SET time_ms = COALESCE((
        SELECT SUM(longest) FROM (
            SELECT MAX(duration_ms) AS longest FROM events e
             WHERE e.learner_id = lesson_stats.learner_id
               AND e.pack_id = lesson_stats.pack_id
               AND e.lesson_id = lesson_stats.lesson_id
               AND e.step_id IS NOT NULL
             GROUP BY e.registration, e.step_id)), 0);",
    ),
    // 8: groups travel between machines (see `exchange`): when a learner's groups last
    // changed, kept by the database itself whatever changes them; and what was sent to an LRS
    // remembered under its address in one form, so the same LRS written another way
    // (localhost, a capital letter, :80) is not sent everything again.
    Migration::Code(groups_travel),
    // 9: each time a learner opened help during a step (the `?` page), kept apart from the
    // events, whose verbs are xAPI's and cannot take a new one. Append-only like the events.
    // And the events by learner and time, for a report's attendance (days attended, last
    // seen) without reading every event.
    Migration::Sql(
        "CREATE TABLE help_requests (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE,
        learner_id   TEXT NOT NULL REFERENCES learners(id),
        registration TEXT NOT NULL,
        pack_id      TEXT NOT NULL,
        lesson_id    TEXT NOT NULL,
        step_id      TEXT NOT NULL,
        at           TEXT NOT NULL,
        device_id    TEXT NOT NULL
    );
    CREATE INDEX help_requests_by_time ON help_requests (at);
    CREATE INDEX events_by_learner_time ON events (learner_id, at);
    CREATE INDEX help_requests_by_learner ON help_requests (learner_id, at);
    CREATE TRIGGER help_requests_no_update BEFORE UPDATE ON help_requests
        BEGIN SELECT RAISE(ABORT, 'help requests are append-only'); END;
    CREATE TRIGGER help_requests_no_delete BEFORE DELETE ON help_requests
        BEGIN SELECT RAISE(ABORT, 'help requests are append-only'); END;",
    ),
    // 10: trouble spots over all time without reading every answer: per learner and step, the
    // answers, the wrong ones and whether two came in one run (the pointer); per step, how many
    // learners answered, needed the hint, needed the pointer; per step, each wrong answer's
    // count. Kept with every event (`insert_event`), filled here from the events already kept.
    Migration::Sql(
        "CREATE TABLE step_stats (
        learner_id TEXT NOT NULL,
        pack_id    TEXT NOT NULL,
        lesson_id  TEXT NOT NULL,
        step_id    TEXT NOT NULL,
        answers    INTEGER NOT NULL,
        wrong      INTEGER NOT NULL,
        pointer    INTEGER NOT NULL,
        PRIMARY KEY (learner_id, pack_id, lesson_id, step_id)
    ) WITHOUT ROWID;
    CREATE TABLE step_totals (
        pack_id   TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        step_id   TEXT NOT NULL,
        learners  INTEGER NOT NULL,
        hint      INTEGER NOT NULL,
        pointer   INTEGER NOT NULL,
        PRIMARY KEY (pack_id, lesson_id, step_id)
    ) WITHOUT ROWID;
    CREATE TABLE step_wrong_answers (
        pack_id   TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        step_id   TEXT NOT NULL,
        response  TEXT NOT NULL,
        times     INTEGER NOT NULL,
        PRIMARY KEY (pack_id, lesson_id, step_id, response)
    ) WITHOUT ROWID;
    INSERT INTO step_stats
        SELECT learner_id, pack_id, lesson_id, step_id, SUM(n), SUM(w), MAX(w >= 2)
          FROM (SELECT learner_id, registration, pack_id, lesson_id, step_id,
                       COUNT(*) AS n, SUM(outcome IS 'wrong') AS w
                  FROM events WHERE verb = 'answered' AND step_id IS NOT NULL
                 GROUP BY learner_id, registration, pack_id, lesson_id, step_id)
         GROUP BY learner_id, pack_id, lesson_id, step_id;
    INSERT INTO step_totals
        SELECT pack_id, lesson_id, step_id, COUNT(*), SUM(wrong > 0), SUM(pointer)
          FROM step_stats GROUP BY pack_id, lesson_id, step_id;
    INSERT INTO step_wrong_answers
        SELECT pack_id, lesson_id, step_id, COALESCE(response, ''), COUNT(*)
          FROM events
         WHERE verb = 'answered' AND outcome = 'wrong' AND step_id IS NOT NULL
         GROUP BY pack_id, lesson_id, step_id, COALESCE(response, '');",
    ),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Adds `name_key` (the normalised name) and makes it unique. Names that were added twice
/// before this (two terminals at once) stay two learners — their events cannot be merged into
/// one record without rewriting it — but only the first keeps the name as its key, so the name
/// typed again finds that one.
fn unique_names(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch("ALTER TABLE learners ADD COLUMN name_key TEXT;")?;
    let named: Vec<(i64, String)> = tx
        .prepare("SELECT rowid, name FROM learners WHERE name IS NOT NULL ORDER BY rowid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut seen = std::collections::HashSet::new();
    for (rowid, name) in named {
        let key = normalise_name(&name);
        let key = if seen.insert(key.clone()) {
            key
        } else {
            format!("{key}#{rowid}")
        };
        tx.execute(
            "UPDATE learners SET name_key = ?1 WHERE rowid = ?2",
            params![key, rowid],
        )?;
    }
    tx.execute_batch(
        "CREATE UNIQUE INDEX learners_by_name_key ON learners (name_key);
         ALTER TABLE learners ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0;
         UPDATE learners SET last_seq =
             COALESCE((SELECT MAX(seq) FROM events WHERE events.learner_id = learners.id), 0);
         CREATE INDEX learners_by_activity ON learners (last_seq DESC);",
    )
}

fn groups_travel(tx: &Transaction) -> rusqlite::Result<()> {
    // A database set back to an earlier version by hand (as tests of older databases do) may
    // have the column already.
    let has_column: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('learners') WHERE name = 'groups_at')",
        [],
        |r| r.get(0),
    )?;
    if !has_column {
        tx.execute_batch("ALTER TABLE learners ADD COLUMN groups_at TEXT;")?;
    }
    tx.execute_batch(
        "CREATE TRIGGER IF NOT EXISTS learner_groups_joined AFTER INSERT ON learner_groups
         BEGIN
             UPDATE learners SET groups_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
              WHERE id = NEW.learner_id;
         END;
         CREATE TRIGGER IF NOT EXISTS learner_groups_left AFTER DELETE ON learner_groups
         BEGIN
             UPDATE learners SET groups_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
              WHERE id = OLD.learner_id;
         END;",
    )?;
    let addresses: Vec<String> = tx
        .prepare("SELECT DISTINCT lrs FROM lrs_sent")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for address in addresses {
        let Some(one_form) = crate::records::xapi::sync::normal_address(&address) else {
            continue;
        };
        if one_form != address {
            tx.execute(
                "INSERT OR IGNORE INTO lrs_sent (lrs, event_id, sent_at)
                 SELECT ?2, event_id, sent_at FROM lrs_sent WHERE lrs = ?1",
                params![address, one_form],
            )?;
            tx.execute("DELETE FROM lrs_sent WHERE lrs = ?1", [&address])?;
        }
    }
    Ok(())
}
