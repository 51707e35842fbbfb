//! The words of `zhulao export`, `import` and `sync` (see `crate::records::xapi::commands`), in
//! both languages. A teacher reads them when moving records between machines or to the centre's
//! LRS. Placeholders are filled with `fill`; outside text (a path, an address, an LRS's own
//! words) goes in as it is.

pub struct ExchangeWords {
    /// "{n} statement(s)": one, and more than one.
    pub statement_one: &'static str,
    pub statement_many: &'static str,
    pub learner_one: &'static str,
    pub learner_many: &'static str,

    /// `--since {given}` cannot be read.
    pub since_bad: &'static str,
    /// `{statements}` ({learners}) and `{cards}` roster cards written to `{file}`.
    pub wrote: &'static str,
    /// An event with a time that cannot be read (`{id}`, `{at}`), left out of a file.
    pub skipped_export: &'static str,
    /// The same, not sent to the LRS.
    pub skipped_sync: &'static str,

    /// `{file}`: counts of one import.
    pub imported: &'static str,
    /// The counts in it: `{n}` conflicts, statements from elsewhere, invalid lines.
    pub conflict_one: &'static str,
    pub conflict_many: &'static str,
    pub other_one: &'static str,
    pub other_many: &'static str,
    pub invalid_one: &'static str,
    pub invalid_many: &'static str,
    /// A stop: `{stop}`, then what was marked (`{marked}`) and what to do (`{again}`).
    pub stopped: &'static str,
    /// `{file}`: `{cards}` learners' groups read, `{changed}` changed here.
    pub groups_read: &'static str,
    /// … and `{n}` more conflicts / invalid lines.
    pub more_conflicts: &'static str,
    pub more_invalid: &'static str,
    /// Lines `{lines}` (and ` {more}`) are other systems' statements.
    pub not_zhulao_lines: &'static str,
    /// " and {n} more", after a list.
    pub and_more: &'static str,
    /// `{file}`: new learners here: `{names}{more}`.
    pub new_learners: &'static str,
    /// The list separator.
    pub comma: &'static str,
    pub no_name: &'static str,
    /// A numbered learner, `{n}`.
    pub numbered: &'static str,
    pub name_elsewhere: &'static str,
    pub number_elsewhere: &'static str,
    pub seat_taken: &'static str,
    /// `{path}` cannot be read: `{reason}`.
    pub cannot_read: &'static str,
    /// Stopped at line `{line}`: `{error}`.
    pub import_stopped: &'static str,
    /// The pack folder has problems (each follows on its own line).
    pub broken_packs: &'static str,

    /// `xapi.toml` (`{file}`) names no LRS.
    pub which_lrs: &'static str,
    pub bad_address: &'static str,
    /// `{statements}` sent to `{endpoint}`, then `{rest}` (nothing left, or what was not taken).
    pub sent: &'static str,
    pub nothing_left: &'static str,
    /// `{statements}` not taken by the LRS.
    pub left: &'static str,
    /// Statement `{id}`: `{why}`.
    pub refused: &'static str,
    pub conflict: &'static str,
    pub nothing_marked: &'static str,
    /// The `{statements}` accepted before the stop are marked.
    pub some_marked: &'static str,
    pub again_fix: &'static str,
    pub again_store: &'static str,
    pub again_later: &'static str,
    pub stop_unreachable: &'static str,
    pub stop_credentials: &'static str,
    /// `{message}` is ": what it said", or nothing.
    pub stop_server: &'static str,
    pub stop_busy: &'static str,
    /// After `stop_busy`: it asked to wait `{minutes}` minutes / `{seconds}` seconds.
    pub wait_minutes: &'static str,
    pub wait_seconds: &'static str,
    /// The address has no statements resource (404, 405) or is a web page.
    pub stop_not_lrs: &'static str,
    /// Another answer no LRS gives (`{message}`, in the LRS's or zhulao's words).
    pub stop_odd: &'static str,
    pub cut: &'static str,
    pub too_slow: &'static str,
    pub refused_connection: &'static str,
    pub no_such_host: &'static str,

    /// `sync --pull`: `{added}` new, `{there}` here already, from `{endpoint}`.
    pub pulled: &'static str,
    /// `{learners}` new learners, `{changed}` learners' groups changed.
    pub pulled_roster: &'static str,
    /// `{n}` other systems' statements left alone.
    pub pulled_others: &'static str,
    pub pulled_conflicts: &'static str,

    pub config_unreadable: &'static str,
    pub config_wrong: &'static str,
    pub config_homepage: &'static str,
    pub secret_readable: &'static str,
}

pub const EXCHANGE_ZH: ExchangeWords = ExchangeWords {
    statement_one: " {n} 条记录",
    statement_many: " {n} 条记录",
    learner_one: "{n} 位学员",
    learner_many: "{n} 位学员",
    since_bad: "--since “{given}”既不是日期（如 2026-11-29，从本机的当天零点算起），也不是时间（如 2026-11-29T08:00:00+08:00）",
    wrote: "已把{statements}（{learners}）和 {cards} 位学员的名单与小组写到 {file}。",
    skipped_export: "记录 {id} 的时间读不出（“{at}”），没有写进文件",
    skipped_sync: "记录 {id} 的时间读不出（“{at}”），没有发送",
    imported: "{file}：新加 {added} 条，已有 {there} 条，{conflicts}，{others}，{invalid}。",
    conflict_one: "冲突 {n} 条",
    conflict_many: "冲突 {n} 条",
    other_one: "不是 zhulao 的 {n} 条",
    other_many: "不是 zhulao 的 {n} 条",
    invalid_one: "无效 {n} 行",
    invalid_many: "无效 {n} 行",
    stopped: "{stop}。{marked}{again}",
    groups_read: "{file}：读了 {cards} 位学员的名单与小组，其中 {changed} 位的小组在这台电脑上改了。",
    more_conflicts: "{file}：还有 {n} 条冲突",
    more_invalid: "{file}：还有 {n} 行无效",
    not_zhulao_lines: "{file}：不是 zhulao 的记录（没有导入），在第 {lines} 行{more}",
    and_more: "，还有 {n} 个",
    new_learners: "{file}：这台电脑上新加的学员：{names}{more}",
    comma: "、",
    no_name: "一位没有名字的学员",
    numbered: "学员 {n}",
    name_elsewhere: "文件里的{name}和这台电脑上已有的{name}不是同一个人（学员编号不同），所以加成了{here}",
    number_elsewhere: "文件里的学员 {n} 在这台电脑上是{here}（{n} 号已经有别人了）",
    seat_taken: "{here}加进来时没有座位号：{seat} 号座位已经有别人了",
    cannot_read: "读不了 {path}：{reason}",
    import_stopped: "停在第 {line} 行：{error}。之前的已经存好；再导入一次这个文件就能做完（不会重复记录）",
    broken_packs: "课程包有问题：",
    which_lrs: "发到哪个 LRS？请用 --lrs 网址 给出它的地址，或写在 {file} 的 [lrs] 部分的 url 里",
    bad_address: "LRS 地址“{url}”不是网址，应该像 https://lrs.example.org/xAPI/",
    sent: "已发送{statements}到 {endpoint}。{rest}",
    nothing_left: "没有要发的了。",
    left: "LRS 没有收下{statements}（见上面）；下次 sync 会再试。",
    refused: "记录 {id}：{why}",
    conflict: "LRS 里已经有一条同一编号、内容不同的记录",
    nothing_marked: "没有记为已发送",
    some_marked: "之前它收下的{statements}已记为已发送，其余的没有",
    again_fix: "；改好后再运行 zhulao sync。",
    again_store: "；下次 sync 会发送没记下的（LRS 收到重复的只存一次）。",
    again_later: "；请稍后再运行 zhulao sync。",
    stop_unreachable: "连不上 {url} 的 LRS：{reason}",
    stop_credentials: "{url} 的 LRS 不接受这个用户名和密码（HTTP {status}）；请检查 ZHULAO_LRS_KEY 和 ZHULAO_LRS_SECRET，或 xapi.toml 的 [lrs] 部分",
    stop_server: "{url} 的 LRS 自己出了问题（HTTP {status}{message}）",
    stop_busy: "{url} 的 LRS 正忙（HTTP {status}）",
    wait_minutes: "，要 zhulao 等 {minutes} 分钟",
    wait_seconds: "，要 zhulao 等 {seconds} 秒",
    stop_not_lrs: "{url} 不是 LRS 的 xAPI 地址（它回答 HTTP {status}）。请检查地址：通常以 /xAPI/ 结尾，比如 https://lrs.example.org/xAPI/",
    stop_odd: "{url} 的回答不像 LRS（HTTP {status}）：{message}",
    cut: "回答到一半，连接断了",
    too_slow: "它没有及时回答",
    refused_connection: "对方拒绝连接（LRS 没有开，或端口不对）",
    no_such_host: "找不到这个服务器的名字",
    pulled: "从 {endpoint} 取回{added}（{there} 条本来就有）。",
    pulled_roster: "新来的学员 {learners} 位，{changed} 位的小组改了。",
    pulled_others: "LRS 里另有 {n} 条不是 zhulao 的记录，没有动。",
    pulled_conflicts: "{n} 条记录编号和这里的相同但内容不同，保留这里的。",
    config_unreadable: "读不了 {path}：{reason}",
    config_wrong: "{path} 写错了：{reason}",
    config_homepage: "主页“{homepage}”不是网址；请写完整，比如 https://our-centre.example/zhulao",
    secret_readable: "{path} 里有 LRS 的密码，这台电脑上的其他用户也能读；请运行：chmod 600 {path}",
};

pub const EXCHANGE_EN: ExchangeWords = ExchangeWords {
    statement_one: "{n} statement",
    statement_many: "{n} statements",
    learner_one: "{n} learner",
    learner_many: "{n} learners",
    since_bad: "--since '{given}' is not a day such as 2026-11-29 (from midnight on this computer's clock) or a time such as 2026-11-29T08:00:00+08:00",
    wrote: "Wrote {statements} ({learners}) and the roster cards (names and groups) of {cards} learners to {file}.",
    skipped_export: "event {id} has a time that cannot be read ('{at}'); it was left out",
    skipped_sync: "event {id} has a time that cannot be read ('{at}'); it was not sent",
    imported: "{file}: {added} added, {there} already there, {conflicts}, {others}, {invalid}.",
    conflict_one: "{n} conflict",
    conflict_many: "{n} conflicts",
    other_one: "{n} statement not from zhulao",
    other_many: "{n} statements not from zhulao",
    invalid_one: "{n} invalid line",
    invalid_many: "{n} invalid lines",
    stopped: "{stop}. {marked}{again}",
    groups_read: "{file}: the roster cards of {cards} learners read; {changed} learners' groups changed here.",
    more_conflicts: "{file}: … and {n} more conflicts",
    more_invalid: "{file}: … and {n} more invalid lines",
    not_zhulao_lines: "{file}: not zhulao statements (left out), lines {lines}{more}",
    and_more: " and {n} more",
    new_learners: "{file}: new learners on this computer: {names}{more}",
    comma: ", ",
    no_name: "a learner with no name",
    numbered: "学员 {n}",
    name_elsewhere: "{name} in the file is not the {name} already on this computer (another learner id), so they were added as {here}",
    number_elsewhere: "学员 {n} in the file is {here} on this computer (number {n} is someone else's here)",
    seat_taken: "{here} was added without a seat: seat {seat} is someone else's here",
    cannot_read: "cannot read {path}: {reason}",
    import_stopped: "stopped at line {line}: {error}. What came before was recorded; importing the file again finishes it (nothing is recorded twice)",
    broken_packs: "some lesson packs have problems:",
    which_lrs: "which LRS? Give its address with --lrs URL, or as url in the [lrs] part of {file}",
    bad_address: "the LRS address '{url}' is not a web address such as https://lrs.example.org/xAPI/",
    sent: "Sent {statements} to {endpoint}. {rest}",
    nothing_left: "Nothing is left to send.",
    left: "Not taken by the LRS: {statements} (see above); the next sync tries them again.",
    refused: "statement {id}: {why}",
    conflict: "the LRS already has a different statement with this id",
    nothing_marked: "Nothing was marked as sent",
    some_marked: "The {statements} it accepted before that are marked as sent, the rest are not",
    again_fix: "; fix that and run `zhulao sync` again.",
    again_store: "; the next sync sends what is not marked (an LRS keeps a statement it already has only once).",
    again_later: "; run `zhulao sync` again later.",
    stop_unreachable: "could not reach the LRS at {url}: {reason}",
    stop_credentials: "the LRS at {url} refused the key and secret (HTTP {status}); check ZHULAO_LRS_KEY and ZHULAO_LRS_SECRET or the [lrs] part of xapi.toml",
    stop_server: "the LRS at {url} had a problem of its own (HTTP {status}{message})",
    stop_busy: "the LRS at {url} is busy (HTTP {status})",
    wait_minutes: " and asked zhulao to wait {minutes} minutes",
    wait_seconds: " and asked zhulao to wait {seconds} seconds",
    stop_not_lrs: "{url} is not an LRS's xAPI address (it answered HTTP {status}). Check the address: it usually ends in /xAPI/, such as https://lrs.example.org/xAPI/",
    stop_odd: "the address {url} answered HTTP {status}: {message}",
    cut: "the connection was cut while it answered",
    too_slow: "it did not answer in time",
    refused_connection: "connection refused",
    no_such_host: "the server's name could not be found",
    pulled: "Brought {added} from {endpoint} ({there} were here already).",
    pulled_roster: "New learners: {learners}; learners whose groups changed: {changed}.",
    pulled_others: "The LRS holds {n} statements from other systems; they were left alone.",
    pulled_conflicts: "{n} statements have an id known here with other content; the records here are kept.",
    config_unreadable: "cannot read {path}: {reason}",
    config_wrong: "{path} has a mistake: {reason}",
    config_homepage: "the home page '{homepage}' is not a web address; write it in full, such as https://our-centre.example/zhulao",
    secret_readable: "{path} holds the LRS secret and other users of this computer can read it; run: chmod 600 {path}",
};

/// The words in `lang`.
pub fn exchange(lang: crate::lang::Lang) -> &'static ExchangeWords {
    match lang {
        crate::lang::Lang::Zh => &EXCHANGE_ZH,
        crate::lang::Lang::En => &EXCHANGE_EN,
    }
}
