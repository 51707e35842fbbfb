//! Checking one step of a lesson: that it has what its kind needs (a tap target on its screen
//! that can be tapped, exactly one right choice, 3–6 order items, a number in its format, a
//! slider and a level it can reach) and nothing that belongs to another kind, so a mistyped
//! `kind` is caught early.

use toml::Spanned;

use super::model::*;
use super::problems::{Field, IdScope, MAX_DIGITS, Problems, text};
use super::raw::*;
use crate::lang::Text;
use crate::said;

/// Checks a list of (id, text) entries — choices or order items — for unique ids, good texts
/// and a count within `allowed`.
fn labelled<T: Labelled>(
    p: &mut Problems,
    list: &Spanned<Vec<Spanned<T>>>,
    what: &'static str,
    allowed: std::ops::RangeInclusive<usize>,
) -> Option<Vec<(String, Text)>> {
    let mut ids = IdScope::new(what);
    let out: Vec<(String, Text)> = list
        .get_ref()
        .iter()
        .map(|entry| {
            let (id, t) = entry.get_ref().parts();
            (ids.claim(p, id), text(p, t, Field::Answer))
        })
        .collect();
    if !allowed.contains(&out.len()) {
        let (lo, hi, n) = (allowed.start(), allowed.end(), out.len());
        let (zh, en) = match what {
            "choice" => ("选一选的步骤要有", "a choice step needs"),
            "sign" => ("辨真假的步骤要有", "a judge step needs"),
            _ => ("排顺序的步骤要有", "an order step needs"),
        };
        let (zh_what, en_what) = match what {
            "choice" => ("个选项（choices）", "choices"),
            "sign" => ("个破绽（signs）", "signs"),
            _ => ("项（items）", "items"),
        };
        p.at(
            list.span(),
            said!(
                "{zh} {lo} 到 {hi} {zh_what}，这里有 {n} 个",
                "{en} {lo} to {hi} {en_what}, found {n}"
            ),
        );
        return None;
    }
    Some(out)
}

/// Reports a field that the step's kind does not use, so a typo'd kind is caught early.
fn forbid<T>(p: &mut Problems, field: &Option<Spanned<T>>, name: &str, kind: StepKind) {
    if let Some(v) = field {
        let k = kind.as_str();
        p.at(
            v.span(),
            said!(
                "`{name}` 不属于 {k} 步骤，请删掉它（或者检查 `kind` 写对了没有）",
                "`{name}` does not belong in a {k} step"
            ),
        );
    }
}

/// The screen a step names, by id.
fn screen_named(
    p: &mut Problems,
    name: &Str,
    screens: &[Screen],
    (what_zh, what_en): (&str, &str),
) -> Option<usize> {
    let found = screens.iter().position(|sc| &sc.id == name.get_ref());
    if found.is_none() {
        let value = name.get_ref();
        let known: Vec<&str> = screens.iter().map(|s| s.id.as_str()).collect();
        let list = if known.is_empty() {
            Text::new("这一课还没有屏幕", "this lesson has no screens")
        } else {
            let l = known.join(", ");
            said!("这一课的屏幕：{l}", "its screens: {l}")
        };
        let Text {
            zh: hint_zh,
            en: hint_en,
        } = super::slips::did_you_mean(value, known.iter().copied());
        let (lzh, len) = (list.zh, list.en);
        p.at(
            name.span(),
            said!(
                "{what_zh}这一课没有 id 为 '{value}' 的屏幕{hint_zh}（{lzh}）",
                "{what_en}no screen with id '{value}' in this lesson{hint_en} ({len})"
            ),
        );
    }
    found
}

/// The item `target` names on `screen`, or a problem naming the ids that are there.
fn item_named(p: &mut Problems, target: &Str, sc: &Screen, tappable: bool) -> Option<usize> {
    let value = target.get_ref();
    let sid = &sc.id;
    if let Some(i) = sc.items.iter().position(|i| &i.id == value) {
        return Some(i);
    }
    let known: Vec<&str> = sc
        .items
        .iter()
        .filter(|i| !tappable || i.kind.is_tappable())
        .map(|i| i.id.as_str())
        .collect();
    let Text {
        zh: hint_zh,
        en: hint_en,
    } = super::slips::did_you_mean(value, known.iter().copied());
    let list = known.join(", ");
    p.at(
        target.span(),
        said!(
            "屏幕 '{sid}' 上没有 '{value}'{hint_zh}（能点的有：{list}）",
            "'{value}' is not on screen '{sid}'{hint_en} (what can be tapped there: {list})"
        ),
    );
    None
}

/// A tap, hold or slide target: an item on the step's screen that can be tapped now.
fn target_on(p: &mut Problems, target: &Str, sc: &Screen) -> Option<usize> {
    let i = item_named(p, target, sc, true)?;
    let (value, sid) = (target.get_ref(), &sc.id);
    let item = &sc.items[i];
    if !item.kind.is_tappable() {
        p.at(
            target.span(),
            said!(
                "'{value}' 是屏幕 '{sid}' 上的文字，点不了",
                "'{value}' is plain text on screen '{sid}'; it cannot be tapped"
            ),
        );
        return None;
    }
    if !sc.tappable().contains(&i) {
        p.at(
            target.span(),
            said!(
                "'{value}' 被屏幕 '{sid}' 上的弹出框或底部选择框挡住了；弹出来的时候只能点它自己的按钮",
                "'{value}' is behind the pop-up or sheet on screen '{sid}'; while one shows, only its buttons can be tapped"
            ),
        );
        return None;
    }
    if !item.works(sc) {
        let why = match item.needs {
            Some(c) => {
                let check = &sc.items[c].id;
                said!(
                    "'{value}' 要等勾选框 '{check}' 勾上才能点：把要点的改成勾选框，或者在这个屏幕上把它勾上（on = true）",
                    "'{value}' does nothing until '{check}' is ticked: make the tick box the target, or tick it on this screen (on = true)"
                )
            }
            None => said!(
                "'{value}' 是灰的（disabled），点了没反应，不能当作要点的那一个",
                "'{value}' is greyed (disabled) and does nothing; it cannot be the one to tap"
            ),
        };
        p.at(target.span(), why);
        return None;
    }
    Some(i)
}

pub(super) fn validate_step(
    p: &mut Problems,
    s: &Spanned<RawStep>,
    screens: &[Screen],
    ids: &mut IdScope,
) -> Option<Step> {
    let raw = s.get_ref();
    let id = ids.claim(p, &raw.id);
    let Some(kind) = StepKind::parse(raw.kind.get_ref()) else {
        let names: Vec<&str> = StepKind::ALL.iter().map(|k| k.as_str()).collect();
        let (value, list) = (raw.kind.get_ref(), names.join(", "));
        let Text {
            zh: hint_zh,
            en: hint_en,
        } = super::slips::did_you_mean(value, names.iter().copied());
        p.at(
            raw.kind.span(),
            said!(
                "没有 '{value}' 这种步骤{hint_zh}：可以用 {list}",
                "unknown step kind '{value}'{hint_en}: use one of {list}"
            ),
        );
        return None;
    };
    let k = kind.as_str();
    let say = text(p, &raw.say, Field::Say);
    let hint = raw.hint.as_ref().map(|t| text(p, t, Field::Hint));
    let why = raw.why.as_ref().map(|t| text(p, t, Field::Why));
    let context = raw.context.as_ref().map(|t| text(p, t, Field::Context));
    if kind == StepKind::Read {
        forbid(p, &raw.hint, "hint", kind);
        forbid(p, &raw.why, "why", kind);
        forbid(p, &raw.context, "context", kind);
    } else if hint.is_none() {
        p.at(
            s.span(),
            said!(
                "步骤 '{id}'：{k} 步骤要写 `hint`，答不上来的时候给个提示",
                "step '{id}': a {k} step needs a `hint` for learners who get stuck"
            ),
        );
    }
    if matches!(kind, StepKind::Choice | StepKind::Judge) && why.is_none() {
        p.at(
            s.span(),
            said!(
                "步骤 '{id}'：{k} 步骤要写 `why`，用一句话讲清为什么",
                "step '{id}': a {k} step needs `why`, one sentence explaining the answer"
            ),
        );
    }
    let screen = match &raw.screen {
        None => None,
        Some(name) => Some(screen_named(p, name, screens, ("", ""))?),
    };
    let uses = |kinds: &[StepKind]| kinds.contains(&kind);
    if !uses(&[StepKind::Tap, StepKind::Hold, StepKind::Slide]) {
        forbid(p, &raw.target, "target", kind);
    }
    if !uses(&[
        StepKind::Tap,
        StepKind::Hold,
        StepKind::Slide,
        StepKind::Swipe,
    ]) {
        forbid(p, &raw.leads_to, "leads_to", kind);
    }
    if kind != StepKind::Tap {
        forbid(p, &raw.wrong, "wrong", kind);
    }
    if kind != StepKind::Judge {
        forbid(p, &raw.verdict, "verdict", kind);
        forbid(p, &raw.signs, "signs", kind);
        forbid(p, &raw.wrong_verdict, "wrong_verdict", kind);
    }
    if kind != StepKind::Choice {
        forbid(p, &raw.choices, "choices", kind);
    }
    if kind != StepKind::Order {
        forbid(p, &raw.items, "items", kind);
    }
    if kind != StepKind::Digits {
        forbid(p, &raw.answer, "answer", kind);
        forbid(p, &raw.secret, "secret", kind);
        forbid(p, &raw.format, "format", kind);
    }
    if kind != StepKind::Swipe {
        forbid(p, &raw.direction, "direction", kind);
    }
    if kind != StepKind::Slide {
        forbid(p, &raw.level, "level", kind);
    }
    let leads_to = match &raw.leads_to {
        None => None,
        Some(name) => screen_named(p, name, screens, ("`leads_to`：", "`leads_to`: ")),
    };
    // The screen a step acts on, and its target there.
    let needs_screen = |p: &mut Problems, what_zh: &str, what_en: &str| -> Option<usize> {
        if screen.is_none() {
            p.at(
                s.span(),
                said!(
                    "步骤 '{id}'：{k} 步骤要写 `screen`，{what_zh}",
                    "step '{id}': a {k} step needs `screen`, {what_en}"
                ),
            );
        }
        screen
    };
    let needs_target = |p: &mut Problems, sc: &Screen| -> Option<usize> {
        let Some(target) = &raw.target else {
            let (verb, en_verb) = match kind {
                StepKind::Hold => ("按住", "hold"),
                StepKind::Slide => ("拖动", "move"),
                _ => ("点", "tap"),
            };
            p.at(
                s.span(),
                said!(
                    "步骤 '{id}'：{k} 步骤要写 `target`，要{verb}的那一项的 id",
                    "step '{id}': a {k} step needs `target`, the id of the item to {en_verb}"
                ),
            );
            return None;
        };
        target_on(p, target, sc)
    };
    let exercise = match kind {
        StepKind::Read => Exercise::Read,
        StepKind::Tap => {
            let sc = &screens[needs_screen(p, "要点的屏幕", "the screen to tap on")?];
            let target = needs_target(p, sc)?;
            let wrong = wrong_taps(p, raw, sc, target);
            Exercise::Tap { target, wrong }
        }
        StepKind::Hold => {
            let sc = &screens[needs_screen(p, "要按住的屏幕", "the screen to press on")?];
            Exercise::Hold {
                target: needs_target(p, sc)?,
            }
        }
        StepKind::Slide => {
            let sc = &screens[needs_screen(p, "滑块所在的屏幕", "the screen with the slider")?];
            let target = needs_target(p, sc)?;
            slide(p, s, sc, target)?
        }
        StepKind::Swipe => {
            needs_screen(p, "要滑动的屏幕", "the screen to swipe on")?;
            let Some(direction) = &raw.direction else {
                p.at(
                    s.span(),
                    said!(
                        "步骤 '{id}'：滑动的步骤要写 `direction`：\"up\" 往上、\"down\" 往下、\"left\" 往左或 \"right\" 往右",
                        "step '{id}': a swipe step needs `direction`: \"up\", \"down\", \"left\" or \"right\""
                    ),
                );
                return None;
            };
            let Some(d) = Direction::parse(direction.get_ref()) else {
                let value = direction.get_ref();
                p.at(
                    direction.span(),
                    said!(
                        "`direction` 是 \"up\" 往上、\"down\" 往下、\"left\" 往左或 \"right\" 往右，不能是 '{value}'",
                        "`direction` is \"up\", \"down\", \"left\" or \"right\", not '{value}'"
                    ),
                );
                return None;
            };
            Exercise::Swipe { direction: d }
        }
        StepKind::Choice => {
            let Some(list) = &raw.choices else {
                p.at(
                    s.span(),
                    said!(
                        "步骤 '{id}'：选一选的步骤要写 `choices`",
                        "step '{id}': a choice step needs `choices`"
                    ),
                );
                return None;
            };
            let texts = labelled(p, list, "choice", 2..=4)?;
            let right = one_right(p, list, "choice")?;
            Exercise::Choice {
                choices: with_whys(p, list, texts, right),
                right,
            }
        }
        StepKind::Order => {
            let Some(list) = &raw.items else {
                p.at(
                    s.span(),
                    said!(
                        "步骤 '{id}'：排顺序的步骤要写 `items`，按正确的顺序写",
                        "step '{id}': an order step needs `items`, written in the right order"
                    ),
                );
                return None;
            };
            let items = labelled(p, list, "item", 3..=6)?
                .into_iter()
                .map(|(id, text)| OrderItem { id, text })
                .collect();
            Exercise::Order { items }
        }
        StepKind::Digits => digits(p, s, &id)?,
        StepKind::Judge => {
            if screen.is_none() {
                p.at(
                    s.span(),
                    said!(
                        "步骤 '{id}'：辨真假的步骤要写 `screen`：要判断的短信、电话或页面",
                        "step '{id}': a judge step needs `screen`, the message, call or page to judge"
                    ),
                );
            }
            // Every problem in one run: the verdict and the signs are checked independently.
            let verdict = match &raw.verdict {
                None => {
                    p.at(
                        s.span(),
                        said!(
                            "步骤 '{id}'：辨真假的步骤要写 `verdict = \"safe\"`（可以放心）或 `verdict = \"suspicious\"`（可疑）",
                            "step '{id}': a judge step needs `verdict = \"safe\"` or `verdict = \"suspicious\"`"
                        ),
                    );
                    None
                }
                Some(v) => {
                    let parsed = Verdict::parse(v.get_ref());
                    if parsed.is_none() {
                        let value = v.get_ref();
                        p.at(
                            v.span(),
                            said!(
                                "`verdict` 是 \"safe\"（可以放心）或 \"suspicious\"（可疑），不能是 '{value}'",
                                "`verdict` is \"safe\" or \"suspicious\", not '{value}'"
                            ),
                        );
                    }
                    parsed
                }
            };
            let Some(list) = &raw.signs else {
                p.at(
                    s.span(),
                    said!(
                        "步骤 '{id}'：辨真假的步骤要写 `signs`：露馅的地方，其中一个写 `right = true`",
                        "step '{id}': a judge step needs `signs`, what gives it away, one marked `right = true`"
                    ),
                );
                return None;
            };
            let texts = labelled(p, list, "sign", 2..=4)?;
            let right = one_right(p, list, "sign")?;
            let signs = with_whys(p, list, texts, right);
            let verdict_value = verdict?;
            screen?;
            Exercise::Judge {
                verdict: verdict_value,
                signs,
                right,
                wrong_verdict: raw.wrong_verdict.as_ref().map(|t| text(p, t, Field::Why)),
            }
        }
    };
    Some(Step {
        id,
        line: p.line_of(raw.id.span().start),
        say,
        hint,
        why,
        screen,
        leads_to,
        context,
        exercise,
    })
}

/// `wrong = [{ target, why }]`: the likely wrong taps, each on the screen, none the right one.
fn wrong_taps(p: &mut Problems, raw: &RawStep, sc: &Screen, target: usize) -> Vec<(usize, Text)> {
    let Some(list) = &raw.wrong else {
        return Vec::new();
    };
    let mut out: Vec<(usize, Text)> = Vec::new();
    for w in list.get_ref() {
        let r = w.get_ref();
        let why = text(p, &r.why, Field::Why);
        let Some(i) = item_named(p, &r.target, sc, true) else {
            continue;
        };
        let value = r.target.get_ref();
        if i == target {
            p.at(
                r.target.span(),
                said!(
                    "'{value}' 是要点的那一个，不能同时写在 `wrong` 里",
                    "'{value}' is the one to tap; it cannot be in `wrong` too"
                ),
            );
        } else if !sc.tappable().contains(&i) {
            p.at(
                r.target.span(),
                said!(
                    "'{value}' 现在点不到（是文字，或被弹出框挡住），不用写它为什么不对",
                    "'{value}' cannot be tapped now (text, or behind a pop-up); no need to say why it is wrong"
                ),
            );
        } else if out.iter().any(|(j, _)| *j == i) {
            p.at(
                r.target.span(),
                said!(
                    "'{value}' 在 `wrong` 里写了两次",
                    "'{value}' is in `wrong` twice"
                ),
            );
        } else {
            out.push((i, why));
        }
    }
    out
}

/// A choice's or sign's own `why`: for the wrong ones (the right one's is the step's `why`).
fn with_whys(
    p: &mut Problems,
    list: &Spanned<Vec<Spanned<RawChoice>>>,
    texts: Vec<(String, Text)>,
    right: usize,
) -> Vec<Choice> {
    texts
        .into_iter()
        .zip(list.get_ref())
        .enumerate()
        .map(|(i, ((id, text_), raw))| {
            let why = raw.get_ref().why.as_ref().map(|w| {
                if i == right {
                    p.at(
                        w.span(),
                        said!(
                            "'{id}' 是对的那一个：答对时显示的话写在这一步的 `why` 里",
                            "'{id}' is the right one: what is said when it is picked is the step's `why`"
                        ),
                    );
                }
                text(p, w, Field::Why)
            });
            Choice {
                id,
                text: text_,
                why: if i == right { None } else { why },
            }
        })
        .collect()
}

/// A slide step: its target is a slider, and `level` is one it can reach and is not at yet.
fn slide(p: &mut Problems, s: &Spanned<RawStep>, sc: &Screen, target: usize) -> Option<Exercise> {
    let raw = s.get_ref();
    let item = &sc.items[target];
    let iid = &item.id;
    if item.kind != ItemKind::Slider {
        p.at(
            raw.target.as_ref().map_or(s.span(), |t| t.span()),
            said!(
                "'{iid}' 不是滑块：拖动的步骤要选一个 kind = \"slider\" 的项目",
                "'{iid}' is not a slider: a slide step's target is an item with kind = \"slider\""
            ),
        );
        return None;
    }
    let max = item.max;
    let Some(level) = &raw.level else {
        p.at(
            s.span(),
            said!(
                "拖动的步骤要写 `level`：要拖到第几格（0 到 {max}）",
                "a slide step needs `level`, where to move the slider (0 to {max})"
            ),
        );
        return None;
    };
    let n = *level.get_ref();
    if !(0..=i64::from(max)).contains(&n) {
        p.at(
            level.span(),
            said!(
                "`level` 是 0 到 {max}，不能是 {n}",
                "`level` is 0 to {max}, not {n}"
            ),
        );
        return None;
    }
    if n == i64::from(item.level) {
        p.at(
            level.span(),
            said!(
                "滑块 '{iid}' 已经在第 {n} 格了，不用再拖；换一个格数，或者改滑块的 `level`",
                "slider '{iid}' is at {n} already, so there is nothing to do; choose another level"
            ),
        );
        return None;
    }
    Some(Exercise::Slide {
        target,
        level: n as u8,
    })
}

/// A digits step: its answer, written as its format needs.
fn digits(p: &mut Problems, s: &Spanned<RawStep>, id: &str) -> Option<Exercise> {
    let raw = s.get_ref();
    let format = match &raw.format {
        None => DigitsFormat::Plain,
        Some(f) => match DigitsFormat::parse(f.get_ref()) {
            Some(format) => format,
            None => {
                let value = f.get_ref();
                p.at(
                    f.span(),
                    said!(
                        "`format` 是 \"amount\"（金额）、\"card\"（银行卡号）、\"phone\"（手机号）或 \"id\"（身份证号），不能是 '{value}'",
                        "`format` is \"amount\", \"card\", \"phone\" or \"id\", not '{value}'"
                    ),
                );
                return None;
            }
        },
    };
    let Some(answer) = &raw.answer else {
        p.at(
            s.span(),
            said!(
                "步骤 '{id}'：输数字的步骤要写 `answer`，比如 answer = \"123456\"",
                "step '{id}': a digits step needs `answer`, like answer = \"123456\""
            ),
        );
        return None;
    };
    let value = answer.get_ref();
    if let Err(why) = answer_fits(value, format) {
        let (zh, en) = (why.zh, why.en);
        p.at(
            answer.span(),
            said!(
                "`answer` '{value}' 不对：{zh}",
                "`answer` '{value}' does not fit: {en}"
            ),
        );
        return None;
    }
    Some(Exercise::Digits {
        answer: value.clone(),
        secret: raw.secret.as_ref().is_some_and(|s| *s.get_ref()),
        format,
    })
}

/// Whether `answer` is written as `format` needs (what the learner must type exactly).
pub fn answer_fits(answer: &str, format: DigitsFormat) -> Result<(), Text> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match format {
        DigitsFormat::Plain => digits(answer) && answer.len() <= MAX_DIGITS,
        DigitsFormat::Amount => match answer.split_once('.') {
            None => digits(answer) && answer.len() <= 9,
            Some((whole, cents)) => {
                digits(whole) && whole.len() <= 9 && digits(cents) && cents.len() <= 2
            }
        },
        DigitsFormat::Card => digits(answer) && (16..=19).contains(&answer.len()),
        DigitsFormat::Phone => digits(answer) && answer.len() == 11 && answer.starts_with('1'),
        DigitsFormat::Id => {
            answer.len() == 18
                && digits(&answer[..17])
                && answer[17..]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'X')
        }
    };
    if ok {
        return Ok(());
    }
    Err(match format {
        DigitsFormat::Plain => Text::new(
            format!("要写 1 到 {MAX_DIGITS} 个数字 0-9"),
            format!("it must be 1 to {MAX_DIGITS} digits 0-9"),
        ),
        DigitsFormat::Amount => Text::new(
            "金额写成数字，最多一个小数点、两位小数，比如 \"25.50\"",
            "an amount is digits with at most one point and two decimals, like \"25.50\"",
        ),
        DigitsFormat::Card => Text::new(
            "银行卡号是 16 到 19 个数字，不要空格",
            "a bank card number is 16 to 19 digits, without spaces",
        ),
        DigitsFormat::Phone => Text::new(
            "手机号是 1 开头的 11 个数字，不要空格",
            "a mobile number is 11 digits starting with 1, without spaces",
        ),
        DigitsFormat::Id => Text::new(
            "身份证号是 18 位：17 个数字，最后一位是数字或大写的 X",
            "an ID number is 18 characters: 17 digits, then a digit or a capital X",
        ),
    })
}

/// The one entry of a list marked `right = true`.
fn one_right(
    p: &mut Problems,
    list: &Spanned<Vec<Spanned<RawChoice>>>,
    what: &str,
) -> Option<usize> {
    let rights: Vec<usize> = (0..list.get_ref().len())
        .filter(|&i| list.get_ref()[i].get_ref().right)
        .collect();
    let (zh, en) = match what {
        "sign" => ("破绽", "sign"),
        _ => ("选项", "choice"),
    };
    match rights.as_slice() {
        [right] => Some(*right),
        [] => {
            p.at(
                list.span(),
                said!(
                    "没有哪个{zh}写了 `right = true`：请给对的那一个加上（只能一个）",
                    "no {en} is marked right: add `right = true` to exactly one"
                ),
            );
            None
        }
        _ => {
            let n = rights.len();
            p.at(
                list.span(),
                said!(
                    "有 {n} 个{zh}写了 `right = true`；只能有一个是对的",
                    "{n} {en}s are marked right; exactly one may be"
                ),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_number_format_takes_what_the_real_form_takes() {
        use DigitsFormat::*;
        for (answer, format) in [
            ("123456", Plain),
            ("6222020123456789012", Plain),
            ("25.50", Amount),
            ("25.5", Amount),
            ("300", Amount),
            ("6222020123456789", Card),
            ("6222020123456789012", Card),
            ("13800138000", Phone),
            ("11010519491231002X", Id),
            ("110105194912310021", Id),
        ] {
            assert_eq!(answer_fits(answer, format), Ok(()), "{answer} {format:?}");
        }
        for (answer, format) in [
            ("", Plain),
            ("12a", Plain),
            ("62220201234567890123", Plain),
            ("25.505", Amount),
            ("2.5.0", Amount),
            (".50", Amount),
            ("622202012345678", Card),
            ("6222 0201 2345 6789", Card),
            ("23800138000", Phone),
            ("1380013800", Phone),
            ("11010519491231002x", Id),
            ("1101051949123100X2", Id),
        ] {
            assert!(answer_fits(answer, format).is_err(), "{answer} {format:?}");
        }
    }
}
