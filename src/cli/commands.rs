//! The commands run from the machine's shell: `check`, `new`, `preview`, `pin`, `roster import`,
//! `report`, `print`, `kiosk-setup`, `doctor`, `check-db`, `export`, `import` and `sync`.

use std::process::ExitCode;

use super::args::{Cli, Command, PinCommand};
use super::exit;
use crate::content::{PackError, Source};
use crate::inert::inert;
use crate::lang::Lang;
use crate::progress::{Store, default_data_dir};

/// `export`, `import` and `sync` (see `crate::records::xapi`).
pub(super) fn exchange(
    lang: Lang,
    lessons: Option<&std::path::Path>,
    command: Command,
    data: &std::path::Path,
) -> ExitCode {
    use crate::records::xapi::{Ending, commands};
    let run = commands::Run {
        data,
        lang,
        lessons,
    };
    let ending = match command {
        Command::Export {
            xapi,
            since,
            homepage,
        } => commands::export_command(&run, &xapi, since.as_deref(), homepage),
        Command::Import { files } => commands::import_command(&run, &files),
        Command::Sync {
            lrs,
            homepage,
            pull,
        } => commands::sync_command(&run, lrs, homepage, pull),
        _ => unreachable!("only exchange commands come here"),
    };
    ExitCode::from(match ending {
        Ending::Done => 0,
        Ending::Problems => exit::PROBLEMS,
        Ending::BadArguments => exit::BAD_ARGUMENTS,
        Ending::NoDatabase => exit::NO_DATABASE,
        Ending::LrsUnreachable => exit::LRS_UNREACHABLE,
    })
}

pub(super) fn print_errors(errors: &[PackError], lang: Lang) {
    for e in errors {
        complain!("{}", e.shown(lang));
    }
}

pub(super) fn check(dir: Option<&std::path::Path>, lang: Lang) -> ExitCode {
    // Without a folder: the built-in course, validated when this zhulao was built.
    let (packs, errors) = match dir {
        None => match crate::built_in::packs() {
            Ok(packs) => (packs, vec![]),
            Err(e) => (vec![], vec![e]),
        },
        Some(dir) => match Source::directory(dir) {
            Ok(source) => source.load(),
            Err(e) => (vec![], vec![e]),
        },
    };
    if !errors.is_empty() {
        print_errors(&errors, lang);
        let n = errors.len();
        let s = if n == 1 { "" } else { "s" };
        let found = crate::said!(
            "发现 {n} 个问题：改好以后，请再运行一次 `zhulao check`。",
            "{n} problem{s} found; fix them and run `zhulao check` again."
        );
        complain!("{}", found.get(lang));
        return ExitCode::from(exit::PROBLEMS);
    }
    let mut library = crate::content::Library::default();
    library.merge(packs);
    // Warnings are for a folder being written; the built-in packs are checked by the tests.
    let warnings = match dir {
        Some(_) => crate::authoring::warnings::warnings(&library, &crate::built_in::ids()),
        None => Vec::new(),
    };
    let packs = library.packs;
    let (lessons, steps) = crate::content::counts(&packs);
    // Pack text is outside input: everything printed goes through `inert`. (A closed pipe,
    // as in `zhulao check | head`, is not an error worth a panic.)
    let say = |line: String| {
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "{}", inert(&line));
    };
    // "OK:" in both languages: scripts look for it.
    let n = packs.len();
    let ok = crate::said!(
        "OK: {n} 个课程包，{lessons} 课，{steps} 步。",
        "OK: {n} packs, {lessons} lessons, {steps} steps."
    );
    say(ok.get(lang).to_string());
    for p in &packs {
        let (id, title, n) = (&p.id, p.title.get(lang), p.lessons.len());
        let line = crate::said!("  {id}（{title}）：{n} 课", "  {id} ({title}): {n} lessons");
        say(line.get(lang).to_string());
        for l in &p.lessons {
            let (id, title, n, checked) = (&l.id, l.title.get(lang), l.steps.len(), &l.checked);
            let line = crate::said!(
                "    {id}（{title}）：{n} 步，最后一次和真实的 App 对照是 {checked}",
                "    {id} ({title}): {n} steps, last compared with the real app {checked}"
            );
            say(line.get(lang).to_string());
        }
    }
    if !warnings.is_empty() {
        print_errors(&warnings, lang);
        let n = warnings.len();
        let s = if n == 1 { "" } else { "s" };
        let summary = crate::said!(
            "{n} 条提醒：课程包可以用，但学员会在这些地方卡住。",
            "{n} warning{s}: the packs load, but learners will trip over these."
        );
        complain!("{}", summary.get(lang));
    }
    ExitCode::SUCCESS
}

/// `zhulao new DIR`.
pub(super) fn new_pack(dir: &std::path::Path) -> ExitCode {
    match crate::authoring::starter::write(dir) {
        Ok(pack) => {
            let shown = inert(&pack.display().to_string()).into_owned();
            let parent = inert(&dir.display().to_string()).into_owned();
            println!("写好了 / Written: {shown}");
            println!("  边写边看 / watch it:  zhulao preview {parent}");
            println!("  检查 / check it:      zhulao check {parent}");
            println!("  上课用 / use it:      zhulao --lessons {parent}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            complain!("zhulao: {why}");
            ExitCode::from(exit::PROBLEMS)
        }
    }
}

/// `zhulao preview DIR [PACK/LESSON[:STEP]]`.
pub(super) fn preview(
    dir: &std::path::Path,
    target: Option<&str>,
    lang: crate::lang::Lang,
) -> ExitCode {
    use crate::authoring::preview::{Preview, Target, run};
    let target = match target.map(Target::parse).transpose() {
        Ok(t) => t,
        Err(why) => {
            complain!("zhulao: {}", inert(why.get(lang)));
            return ExitCode::from(exit::BAD_ARGUMENTS);
        }
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (mut p, mut app) = match Preview::open(dir, target, lang, no_color) {
        Ok(opened) => opened,
        Err(why) => {
            complain!("zhulao: {}", inert(why.get(lang)));
            return ExitCode::from(exit::BAD_ARGUMENTS);
        }
    };
    if let Err(e) = run(&mut p, &mut app) {
        complain!("zhulao: {}", inert(&e.to_string()));
        return ExitCode::from(exit::PROBLEMS);
    }
    println!("{}", crate::ui::words::words(lang).preview.ended);
    ExitCode::SUCCESS
}

pub(super) fn open_store(data: Option<std::path::PathBuf>) -> Result<Store, ExitCode> {
    Store::open(&data.unwrap_or_else(default_data_dir)).map_err(|e| {
        complain!("zhulao: {}", inert(&e.to_string()));
        ExitCode::from(exit::NO_DATABASE)
    })
}

/// `zhulao pin set` / `zhulao pin reset`.
pub(super) fn pin(
    data: Option<std::path::PathBuf>,
    action: PinCommand,
    lang: crate::lang::Lang,
) -> ExitCode {
    let mut store = match open_store(data) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let done = match action {
        PinCommand::Set => crate::admin::pin_set(&mut store, lang),
        PinCommand::Reset => store.reset_pin().map(|()| true).map_err(|e| e.to_string()),
    };
    match done {
        Ok(true) => {
            println!("OK");
            ExitCode::SUCCESS
        }
        Ok(false) => ExitCode::from(exit::PROBLEMS),
        Err(e) => {
            complain!("zhulao: {}", inert(&e));
            ExitCode::from(exit::NO_DATABASE)
        }
    }
}

/// `zhulao roster import FILE`.
pub(super) fn roster_import(
    data: Option<std::path::PathBuf>,
    file: &std::path::Path,
    lang: crate::lang::Lang,
) -> ExitCode {
    let mut store = match open_store(data) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match crate::admin::roster_import(&mut store, file, lang) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(exit::PROBLEMS),
        Err(e) => {
            complain!("zhulao: {}", inert(&e));
            ExitCode::from(exit::PROBLEMS)
        }
    }
}

/// `zhulao report`: see `crate::records::report::cli`.
pub(super) fn report(cli: &Cli, args: &crate::records::report::cli::ReportArgs) -> ExitCode {
    use crate::records::report::cli::Failure;
    let data = cli.data.clone().unwrap_or_else(default_data_dir);
    match crate::records::report::cli::run(
        args,
        &data,
        cli.lessons.as_deref(),
        cli.lang.unwrap_or_default(),
    ) {
        Ok(done) => {
            println!("{done}");
            ExitCode::SUCCESS
        }
        Err((failure, message)) => {
            complain!("zhulao: {message}");
            ExitCode::from(match failure {
                Failure::BadArguments => exit::BAD_ARGUMENTS,
                Failure::NoDatabase => exit::NO_DATABASE,
                Failure::BrokenPack => exit::BROKEN_PACK,
                Failure::CannotWrite => exit::CANNOT_WRITE,
            })
        }
    }
}

/// `zhulao print certificate|sheet`: see `crate::records::print`.
pub(super) fn print(cli: &Cli, what: &super::args::PrintCommand) -> ExitCode {
    use super::args::PrintCommand;
    use crate::records::print::{Failure, Output, Request, run};
    let (request, out) = match what {
        PrintCommand::Certificate {
            learner,
            all_finished: _,
            course,
            centre,
            save_centre,
            out,
        } => (
            Request::Certificate {
                learner: learner.clone(),
                course: course.clone(),
                centre: centre.clone(),
                save_centre: *save_centre,
            },
            out,
        ),
        PrintCommand::Sheet { target, out } => (
            Request::Sheet {
                target: target.clone(),
            },
            out,
        ),
    };
    let out = Output {
        dir: out.out.clone(),
        replace: out.replace,
    };
    let data = cli.data.clone().unwrap_or_else(default_data_dir);
    let lang = cli.lang.unwrap_or_default();
    let code = |failure| match failure {
        Failure::BadArguments => exit::BAD_ARGUMENTS,
        Failure::NotFinished | Failure::PdfFailed => exit::PROBLEMS,
        Failure::NoDatabase => exit::NO_DATABASE,
        Failure::BrokenPack => exit::BROKEN_PACK,
        Failure::CannotWrite => exit::CANNOT_WRITE,
    };
    match run(&request, &out, &data, cli.lessons.as_deref(), lang) {
        Ok(said) => {
            use std::io::Write;
            for line in &said.lines {
                let _ = writeln!(std::io::stdout(), "{line}");
            }
            said.failure
                .map_or(ExitCode::SUCCESS, |f| ExitCode::from(code(f)))
        }
        Err((failure, message)) => {
            complain!("zhulao: {message}");
            ExitCode::from(code(failure))
        }
    }
}

/// `zhulao centre [--name NAME] [--class-minutes MINUTES]`: sets what is given (both checked
/// before anything is saved), then says what the centre's settings are.
pub(super) fn centre(
    data: Option<std::path::PathBuf>,
    name: Option<&str>,
    class_minutes: Option<&str>,
    lang: Lang,
) -> ExitCode {
    let name = name.map(crate::settings::check_centre_name).transpose();
    let minutes = class_minutes
        .map(crate::settings::parse_class_minutes)
        .transpose();
    let (name, minutes) = match (name, minutes) {
        (Ok(name), Ok(minutes)) => (name, minutes),
        (Err(e), _) | (_, Err(e)) => {
            complain!("zhulao: {}", e.get(lang));
            return ExitCode::from(exit::BAD_ARGUMENTS);
        }
    };
    let mut store = match open_store(data) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let saved = store.centre_settings().and_then(|mut settings| {
        if name.is_some() || minutes.is_some() {
            settings.name = name.unwrap_or(settings.name);
            settings.class_minutes = minutes.unwrap_or(settings.class_minutes);
            store.save_centre_settings(&settings)?;
        }
        Ok(settings)
    });
    match saved {
        Ok(settings) => {
            let name = inert(&settings.name).into_owned();
            let minutes = settings.class_minutes;
            let line = match (lang, name.is_empty()) {
                (Lang::Zh, true) => format!("中心名称：（还没有设置）\n一个课时：{minutes} 分钟"),
                (Lang::Zh, false) => format!("中心名称：{name}\n一个课时：{minutes} 分钟"),
                (Lang::En, true) => {
                    format!("Centre name: (not set yet)\nClass period: {minutes} min")
                }
                (Lang::En, false) => format!("Centre name: {name}\nClass period: {minutes} min"),
            };
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            complain!("zhulao: {}", inert(&e.to_string()));
            ExitCode::from(exit::NO_DATABASE)
        }
    }
}

/// `zhulao kiosk-setup [--print FILE] [--panel WxH]`.
pub(super) fn kiosk_setup(print: Option<&str>, panel: &str) -> ExitCode {
    use crate::kiosk::setup;
    let panel = match setup::parse_panel(panel) {
        Ok(panel) => panel,
        Err(e) => {
            complain!("zhulao: {e}");
            return ExitCode::from(exit::BAD_ARGUMENTS);
        }
    };
    match print {
        None => print!("{}", setup::explain(panel)),
        Some(name) => match setup::file(name, panel) {
            Some(text) => print!("{text}"),
            None => {
                complain!(
                    "zhulao: there is no sample file “{}”; the files are: {}",
                    inert(name),
                    setup::FILES.join(", ")
                );
                return ExitCode::from(exit::BAD_ARGUMENTS);
            }
        },
    }
    ExitCode::SUCCESS
}

/// `zhulao doctor`: see `crate::doctor`.
pub(super) fn doctor(cli: &Cli) -> ExitCode {
    let data = cli.data.clone().unwrap_or_else(default_data_dir);
    let options = crate::doctor::Options {
        data,
        lessons: cli.lessons.clone(),
        kiosk: cli.kiosk,
        speech_command: cli.speech_command.clone(),
        lang: cli.lang.unwrap_or_default(),
    };
    let report = crate::doctor::run(&options);
    print!("{}", report.text(options.lang));
    if report.all_fine() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(exit::PROBLEMS)
    }
}

/// `zhulao check-db`: opens the progress file (which refuses one that is not zhulao's) and
/// runs SQLite's full integrity check on it.
pub(super) fn check_db(dir: std::path::PathBuf) -> ExitCode {
    let store = match Store::open(&dir) {
        Ok(store) => store,
        Err(e) => {
            complain!("zhulao: {}", inert(&e.to_string()));
            return ExitCode::from(exit::NO_DATABASE);
        }
    };
    match store.integrity_check() {
        Ok(problems) if problems.is_empty() => {
            let events = store.event_count().unwrap_or(0);
            println!(
                "OK: {} is sound ({events} answers recorded).",
                inert(&store.path().display().to_string())
            );
            ExitCode::SUCCESS
        }
        Ok(problems) => {
            for p in &problems {
                complain!("{}", inert(p));
            }
            complain!(
                "The progress file is damaged ({} problems). See \"Rescuing a damaged progress file\" in the README.",
                problems.len()
            );
            ExitCode::from(exit::NO_DATABASE)
        }
        Err(e) => {
            complain!("zhulao: {}", inert(&e.to_string()));
            ExitCode::from(exit::NO_DATABASE)
        }
    }
}
