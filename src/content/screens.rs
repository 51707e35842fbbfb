//! Checking one phone screen: its layout, its items and the parts real screens have — top bar,
//! tab bar, banner, pop-up, bottom sheet, a call in each of its states, the 扫一扫 viewfinder, a
//! face check, a code to show, the phone's side buttons, a secure pad — with every tappable
//! thing made an item in the order the learner sees it, so tap targets and number keys mean
//! what is on screen.

use toml::Spanned;

use super::model::*;
use super::problems::{Field, IdScope, MAX_ITEMS, MAX_TAPPABLE, Problems, Said, text};
use super::raw::*;
use crate::lang::Text;
use crate::said;

/// Tabs a tab bar may have.
const TABS: std::ops::RangeInclusive<usize> = 2..=5;
const BAR: std::ops::RangeInclusive<usize> = 1..=4;
/// Buttons a pop-up may have.
const POPUP_BUTTONS: std::ops::RangeInclusive<usize> = 1..=3;
/// Buttons a bottom sheet may have.
const SHEET_BUTTONS: std::ops::RangeInclusive<usize> = 2..=6;
/// A slider's most (its levels run 0..=max).
const SLIDER_MAX: std::ops::RangeInclusive<i64> = 2..=10;
/// A countdown's seconds.
const COUNT: std::ops::RangeInclusive<i64> = 0..=120;

const LAYOUTS: [&str; 5] = ["grid", "list", "call", "scan", "face"];

/// The buttons zhulao makes for a call in each state: id, Chinese, English, colour. Where they
/// sit is the phone's business (`widgets::phone`): 挂断 red and centred at the bottom once the
/// call is going, at the left while it rings.
pub fn call_buttons(
    state: CallState,
) -> &'static [(&'static str, &'static str, &'static str, Option<Color>)] {
    match state {
        CallState::Incoming => &[
            ("decline", "挂断", "Decline", Some(Color::Red)),
            ("accept", "接听", "Answer", Some(Color::Green)),
        ],
        CallState::Talking => &[
            ("mute", "静音", "Mute", None),
            ("keypad", "拨号键盘", "Keypad", None),
            ("speaker", "免提", "Speaker", None),
            ("hangup", "挂断", "Hang up", Some(Color::Red)),
        ],
        CallState::Video => &[
            ("voice", "转为语音", "Voice", None),
            ("switch-camera", "切换摄像头", "Flip camera", None),
            ("mute", "静音", "Mute", None),
            ("hangup", "挂断", "Hang up", Some(Color::Red)),
        ],
        CallState::VideoIncoming => &[
            ("voice", "切到语音接听", "Answer by voice", None),
            ("decline", "挂断", "Decline", Some(Color::Red)),
            ("accept", "接听", "Answer", Some(Color::Green)),
        ],
    }
}

/// The phone's side buttons (`side = true`): id, Chinese, English.
pub const SIDE_BUTTONS: [(&str, &str, &str); 3] = [
    ("volume-up", "音量+", "Vol +"),
    ("volume-down", "音量−", "Vol −"),
    ("power", "电源", "Power"),
];

/// An item zhulao makes itself (a call's buttons, the side buttons, the scan code, `back`).
fn made(
    p: &mut Problems,
    ids: &mut IdScope,
    at: std::ops::Range<usize>,
    screen: &str,
    id: &str,
    label: Text,
    place: Place,
) -> Item {
    if !ids.take(id) {
        p.at(
            at,
            said!(
                "屏幕 '{screen}'：zhulao 自己会做一个 id 为 '{id}' 的按钮，别的项目不能再用这个 id",
                "screen '{screen}': zhulao makes an item with id '{id}' here, and another item has that id"
            ),
        );
    }
    let mut item = Item::plain(id, label, ItemKind::Button);
    item.place = place;
    item
}

fn layout_of(p: &mut Problems, raw: &RawScreen) -> Layout {
    let value = raw.layout.get_ref().as_str();
    match value {
        "grid" => Layout::Grid,
        "list" => Layout::List,
        "call" => Layout::Call,
        "scan" => Layout::Scan,
        "face" => Layout::Face,
        other => {
            let Text {
                zh: hint_zh,
                en: hint_en,
            } = super::slips::did_you_mean(other, LAYOUTS);
            p.at(
                raw.layout.span(),
                said!(
                    "没有 '{other}' 这种布局{hint_zh}：可以用 \"grid\"（应用图标）、\"list\"（一行一行）、\"call\"（电话）、\"scan\"（扫一扫）、\"face\"（刷脸）",
                    "unknown layout '{other}'{hint_en}: use \"grid\" (app icons), \"list\" (rows), \"call\" (a call), \"scan\" (the 扫一扫 viewfinder) or \"face\" (a face check)"
                ),
            );
            // Go on checking as the layout it was probably meant to be, so that one slip does
            // not bring a cascade of problems that are not there.
            match super::slips::nearest(other, LAYOUTS) {
                Some("grid") => Layout::Grid,
                Some("call") => Layout::Call,
                Some("scan") => Layout::Scan,
                Some("face") => Layout::Face,
                _ if raw.call.is_some() => Layout::Call,
                _ => Layout::List,
            }
        }
    }
}

pub(super) fn validate_screen(
    p: &mut Problems,
    s: &Spanned<RawScreen>,
    ids: &mut IdScope,
) -> Screen {
    let raw = s.get_ref();
    let id = ids.claim(p, &raw.id);
    let layout = layout_of(p, raw);
    let title = raw.title.as_ref().map(|t| text(p, t, Field::ScreenTitle));
    let mut item_ids = IdScope::new("item");
    let mut items = Vec::new();
    // Where each item was written (for problems found once all are known, like `needs`).
    let mut spans = Vec::new();

    // In the order the learner sees them: banner, top bar, the viewfinder's code, body, tabs,
    // call buttons, side buttons, sheet, pop-up.
    if let Some(banner) = &raw.banner {
        let b = banner.get_ref();
        let bid = item_ids.claim(p, &b.id);
        let mut item = Item::plain(&bid, text(p, &b.text, Field::Message), ItemKind::Button);
        item.place = Place::Banner;
        item.detail = Some(text(p, &b.from, Field::Label));
        items.push(item);
        spans.push(banner.span());
    }
    if raw.back.as_ref().is_some_and(|b| *b.get_ref()) {
        let at = raw.back.as_ref().map_or(s.span(), |b| b.span());
        if title.is_none() {
            p.at(
                at.clone(),
                said!(
                    "屏幕 '{id}'：返回箭头在顶栏标题的旁边，请加上 `title`",
                    "screen '{id}': a back arrow sits in the top bar beside the `title`; add a title"
                ),
            );
        }
        let mut back = made(
            p,
            &mut item_ids,
            at.clone(),
            &id,
            "back",
            Text::new("返回", "Back"),
            Place::Back,
        );
        back.icon = Some("‹".into());
        items.push(back);
        spans.push(at);
    }
    if let Some(action) = &raw.action {
        let mut item = validate_item(p, action, &mut item_ids);
        item.place = Place::Action;
        items.push(item);
        spans.push(action.span());
    }
    let scan = match (&raw.scan, layout) {
        (Some(sc), Layout::Scan) => {
            let r = sc.get_ref();
            let scan = Scan {
                text: text(p, &r.text, Field::Message),
                target: text(p, &r.target, Field::Label),
            };
            // The code in the frame: aiming at it is tapping it.
            let code = made(
                p,
                &mut item_ids,
                sc.span(),
                &id,
                "code",
                scan.target.clone(),
                Place::Scan,
            );
            items.push(code);
            spans.push(sc.span());
            Some(scan)
        }
        (Some(sc), _) => {
            p.at(
                sc.span(),
                said!(
                    "屏幕 '{id}'：`scan` 要放在 layout = \"scan\" 的屏幕上",
                    "screen '{id}': `scan` belongs on a screen with layout = \"scan\""
                ),
            );
            None
        }
        (None, Layout::Scan) => {
            p.at(
                s.span(),
                said!(
                    "屏幕 '{id}'：扫一扫的屏幕要写 `scan = {{ text = {{ zh = \"…\", en = \"…\" }}, target = {{ zh = \"…\", en = \"…\" }} }}`：框下面的字，和框里是什么码",
                    "screen '{id}': a scan screen needs `scan = {{ text = {{ zh = \"…\", en = \"…\" }}, target = {{ zh = \"…\", en = \"…\" }} }}`: the words under the frame, and what code is in it"
                ),
            );
            None
        }
        (None, _) => None,
    };
    let body_start = items.len();
    if let Some(list) = &raw.items {
        for item in list.get_ref() {
            let it = validate_item(p, item, &mut item_ids);
            body_item_fits(p, item, &it, layout);
            items.push(it);
            spans.push(item.span());
        }
    }
    let body = items.len() - body_start;
    if let Some(bar) = &raw.bar {
        let row = FixedRow {
            place: Place::Bar,
            count: BAR,
            kinds: &[ItemKind::Button, ItemKind::Field],
            misplaced: (layout != Layout::List).then(|| {
                said!(
                    "屏幕 '{id}'：最下面固定的一排按钮（`bar`）只用在 layout = \"list\" 的屏幕上",
                    "screen '{id}': a bottom bar (`bar`) belongs on a screen with layout = \"list\""
                )
            }),
            count_said: &|lo, hi, n| {
                said!(
                    "最下面固定的一排要有 {lo} 到 {hi} 个按钮，这里有 {n} 个",
                    "a bottom bar needs {lo} to {hi} buttons, found {n}"
                )
            },
            kind_said: &|bid| {
                said!(
                    "最下面固定的一排里，'{bid}' 只能是按钮或输入框（kind = \"field\"）",
                    "'{bid}' in a bottom bar is a button or a field (kind = \"field\")"
                )
            },
        };
        row.validate(p, bar, &mut item_ids, &mut items, &mut spans);
    }
    if let Some(tabs) = &raw.tabs {
        let list = tabs.get_ref();
        let row = FixedRow {
            place: Place::Tab,
            count: TABS,
            kinds: &[ItemKind::Button],
            misplaced: matches!(layout, Layout::Call | Layout::Scan | Layout::Face).then(|| {
                said!(
                    "屏幕 '{id}'：这种屏幕占满整个手机，没有最下面那一排标签，请删掉 `tabs`",
                    "screen '{id}': this screen fills the phone, with no tab bar; leave out `tabs`"
                )
            }),
            count_said: &|lo, hi, n| {
                said!(
                    "最下面一排标签要有 {lo} 到 {hi} 个，这里有 {n} 个",
                    "a tab bar needs {lo} to {hi} tabs, found {n}"
                )
            },
            kind_said: &|tid| {
                said!(
                    "标签 '{tid}' 就是按钮，请删掉 `kind`",
                    "tab '{tid}' is a button; leave out `kind`"
                )
            },
        };
        row.validate(p, tabs, &mut item_ids, &mut items, &mut spans);
        let open = list
            .iter()
            .filter(|t| t.get_ref().on.as_ref().is_some_and(|o| *o.get_ref()))
            .count();
        if open > 1 {
            p.at(
                tabs.span(),
                said!(
                    "有 {open} 个标签写了 `on`；同一时间只能有一个标签是打开的",
                    "{open} tabs are marked `on`; at most one tab is open"
                ),
            );
        }
    }
    let call = match (&raw.call, layout) {
        (Some(c), Layout::Call) => {
            let call = validate_call(p, c);
            for (bid, zh, en, color) in call_buttons(call.state) {
                let mut item = made(
                    p,
                    &mut item_ids,
                    c.span(),
                    &id,
                    bid,
                    Text::new(*zh, *en),
                    Place::Call,
                );
                item.color = *color;
                items.push(item);
                spans.push(c.span());
            }
            Some(call)
        }
        (Some(c), _) => {
            p.at(
                c.span(),
                said!(
                    "屏幕 '{id}'：`call` 要放在 layout = \"call\" 的屏幕上",
                    "screen '{id}': `call` belongs on a screen with layout = \"call\""
                ),
            );
            None
        }
        (None, Layout::Call) => {
            p.at(
                s.span(),
                said!(
                    "屏幕 '{id}'：电话的屏幕要写是谁打来的：`call = {{ from = {{ zh = \"…\", en = \"…\" }} }}`",
                    "screen '{id}': a call screen needs `call = {{ from = {{ zh = \"…\", en = \"…\" }} }}`, who is calling"
                ),
            );
            None
        }
        (None, _) => None,
    };
    let side = raw.side.as_ref().is_some_and(|b| *b.get_ref());
    if let Some(at) = raw.side.as_ref().filter(|_| side) {
        for (bid, zh, en) in SIDE_BUTTONS {
            let item = made(
                p,
                &mut item_ids,
                at.span(),
                &id,
                bid,
                Text::new(zh, en),
                Place::Side,
            );
            items.push(item);
            spans.push(at.span());
        }
    }
    let face = match (&raw.face, layout) {
        (Some(f), Layout::Face) => Some(text(p, &f.get_ref().text, Field::Message)),
        (Some(f), _) => {
            p.at(
                f.span(),
                said!(
                    "屏幕 '{id}'：`face` 要放在 layout = \"face\" 的屏幕上",
                    "screen '{id}': `face` belongs on a screen with layout = \"face\""
                ),
            );
            None
        }
        (None, Layout::Face) => {
            p.at(
                s.span(),
                said!(
                    "屏幕 '{id}'：刷脸的屏幕要写框下面的字：`face = {{ text = {{ zh = \"请正对手机，眨眨眼\", en = \"…\" }} }}`",
                    "screen '{id}': a face screen needs `face = {{ text = {{ zh = \"请正对手机，眨眨眼\", en = \"…\" }} }}`, the words under the frame"
                ),
            );
            None
        }
        (None, _) => None,
    };
    let code = raw.code.as_ref().and_then(|c| {
        let r = c.get_ref();
        if layout != Layout::List {
            p.at(
                c.span(),
                said!(
                    "屏幕 '{id}'：`code`（付款码、二维码）要放在 layout = \"list\" 的屏幕上",
                    "screen '{id}': `code` (a payment or QR code) belongs on a screen with layout = \"list\""
                ),
            );
        }
        let kind = match CodeKind::parse(r.kind.get_ref()) {
            Some(k) => k,
            None => {
                let value = r.kind.get_ref();
                p.at(
                    r.kind.span(),
                    said!(
                        "码的种类是 \"pay\"（付款码：条形码加二维码）或 \"qr\"（一个二维码），不是 '{value}'",
                        "a code's `kind` is \"pay\" (a barcode over a QR code) or \"qr\" (one QR code), not '{value}'"
                    ),
                );
                return None;
            }
        };
        Some(Code {
            kind,
            caption: r.caption.as_ref().map(|t| text(p, t, Field::Label)),
            note: r.note.as_ref().map(|t| text(p, t, Field::Message)),
        })
    });
    let sheet = raw.sheet.as_ref().map(|sh| {
        let r = sh.get_ref();
        let buttons = r.buttons.get_ref();
        if !SHEET_BUTTONS.contains(&buttons.len()) {
            let (lo, hi, n) = (SHEET_BUTTONS.start(), SHEET_BUTTONS.end(), buttons.len());
            p.at(
                r.buttons.span(),
                said!(
                    "底部弹出的选择框要有 {lo} 到 {hi} 个按钮，这里有 {n} 个",
                    "a bottom sheet needs {lo} to {hi} buttons, found {n}"
                ),
            );
        }
        if raw.popup.is_some() {
            p.at(
                sh.span(),
                said!(
                    "屏幕 '{id}'：弹出框和底部选择框同时只能有一个",
                    "screen '{id}': a pop-up and a bottom sheet cannot show at once; keep one"
                ),
            );
        }
        for b in buttons {
            let mut item = validate_item(p, b, &mut item_ids);
            only_buttons(p, b, &item, "sheet");
            item.place = Place::Sheet;
            items.push(item);
            spans.push(b.span());
        }
        Sheet {
            title: r.title.as_ref().map(|t| text(p, t, Field::ScreenTitle)),
        }
    });
    let popup = raw.popup.as_ref().map(|pop| {
        let raw_pop = pop.get_ref();
        let buttons = raw_pop.buttons.get_ref();
        if !POPUP_BUTTONS.contains(&buttons.len()) {
            let (lo, hi, n) = (POPUP_BUTTONS.start(), POPUP_BUTTONS.end(), buttons.len());
            p.at(
                raw_pop.buttons.span(),
                said!(
                    "弹出框要有 {lo} 到 {hi} 个按钮，这里有 {n} 个",
                    "a pop-up needs {lo} to {hi} buttons, found {n}"
                ),
            );
        }
        for b in buttons {
            let mut item = validate_item(p, b, &mut item_ids);
            only_buttons(p, b, &item, "popup");
            item.place = Place::Popup;
            items.push(item);
            spans.push(b.span());
        }
        Popup {
            title: raw_pop
                .title
                .as_ref()
                .map(|t| text(p, t, Field::ScreenTitle)),
            text: text(p, &raw_pop.text, Field::Message),
        }
    });
    let secure_pad = match raw.pad.as_ref().map(|pad| (pad, pad.get_ref().as_str())) {
        None => false,
        Some((_, "secure")) => true,
        Some((pad, other)) => {
            p.at(
                pad.span(),
                said!(
                    "没有 '{other}' 这种键盘：只有 \"secure\"（银行的安全键盘）",
                    "unknown pad '{other}': the one pad there is, is \"secure\" (the bank's 安全键盘)"
                ),
            );
            false
        }
    };
    resolve_needs(p, &mut items, &spans, raw);
    let screen = Screen {
        id,
        title,
        layout,
        items,
        popup,
        call,
        secure_pad,
        side,
        sheet,
        code,
        scan,
        face,
    };
    check_counts(p, s, &screen, body);
    screen
}

/// A call: who, their number, its state and how long it has gone on.
fn validate_call(p: &mut Problems, c: &Spanned<RawCall>) -> Call {
    let raw_call = c.get_ref();
    let number = raw_call.number.as_ref().map(|n| {
        let value = n.get_ref().trim().to_string();
        if value.is_empty()
            || value.len() > 20
            || !value
                .chars()
                .all(|ch| ch.is_ascii_digit() || ch == ' ' || ch == '-' || ch == '+')
        {
            p.at(
                n.span(),
                said!(
                    "`number` 要写电话号码，只用数字和空格，不能是 '{value}'",
                    "`number` must be a phone number of digits and spaces, not '{value}'"
                ),
            );
        }
        value
    });
    let state = match &raw_call.state {
        None => CallState::Incoming,
        Some(st) => CallState::parse(st.get_ref()).unwrap_or_else(|| {
            let value = st.get_ref();
            p.at(
                st.span(),
                said!(
                    "电话的 `state` 是 \"incoming\"（来电）、\"talking\"（通话中）、\"video\"（视频通话中）或 \"video-incoming\"（视频来电），不是 '{value}'",
                    "a call's `state` is \"incoming\", \"talking\", \"video\" or \"video-incoming\", not '{value}'"
                ),
            );
            CallState::Incoming
        }),
    };
    let time = raw_call.time.as_ref().map(|t| {
        let value = t.get_ref().trim().to_string();
        let b = value.as_bytes();
        let clock = b.len() == 5
            && b[2] == b':'
            && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit())
            && b[3] <= b'5';
        if !clock {
            p.at(
                t.span(),
                said!(
                    "通话时长写成 分:秒，比如 \"00:12\"，不能是 '{value}'",
                    "a call's `time` is minutes:seconds, like \"00:12\", not '{value}'"
                ),
            );
        }
        if matches!(state, CallState::Incoming | CallState::VideoIncoming) {
            p.at(
                t.span(),
                said!(
                    "来电还没接通，没有通话时长；`time` 只用在 \"talking\" 和 \"video\"",
                    "a call that is still ringing has no `time`; it belongs to \"talking\" and \"video\""
                ),
            );
        }
        value
    });
    Call {
        from: text(p, &raw_call.from, Field::Label),
        number,
        state,
        time,
    }
}

/// What may be in the body of each layout.
fn body_item_fits(p: &mut Problems, raw: &Spanned<RawItem>, it: &Item, layout: Layout) {
    let iid = &it.id;
    match layout {
        Layout::Grid if it.kind != ItemKind::Button => p.at(
            raw.span(),
            said!(
                "项目 '{iid}'：图标页（grid）上只能放应用图标（按钮）；输入框、列表行、文字请用 layout = \"list\"",
                "item '{iid}': a grid screen holds only app icons (buttons); use layout = \"list\" for fields, rows and text"
            ),
        ),
        Layout::Call if it.kind.is_tappable() => p.at(
            raw.span(),
            said!(
                "项目 '{iid}'：电话屏幕上的按钮由 zhulao 按通话状态做好（比如 'decline' 挂断、'accept' 接听），别的项目只能是文字",
                "item '{iid}': a call screen's buttons are made by zhulao from its state (such as 'decline' and 'accept'); other items there are text"
            ),
        ),
        Layout::Scan | Layout::Face
            if !matches!(it.kind, ItemKind::Button | ItemKind::Text) =>
        {
            p.at(
                raw.span(),
                said!(
                    "项目 '{iid}'：扫一扫和刷脸的屏幕下面只能放按钮（比如“相册”）和文字",
                    "item '{iid}': under a scan or face frame go only buttons (such as 相册) and text"
                ),
            )
        }
        _ => {}
    }
}

/// A pop-up's or a sheet's buttons are buttons, and nothing more.
fn only_buttons(p: &mut Problems, raw: &Spanned<RawItem>, item: &Item, part: &str) {
    let bid = &item.id;
    let (zh, en) = match part {
        "sheet" => ("底部选择框", "bottom sheet"),
        _ => ("弹出框", "pop-up"),
    };
    if item.kind != ItemKind::Button {
        p.at(
            raw.span(),
            said!(
                "{zh}的按钮 '{bid}' 就是按钮，请删掉 `kind`",
                "{en} button '{bid}' is a button; leave out `kind`"
            ),
        );
    }
}

/// `needs = "agree"`: the tick box of that id on this screen.
fn resolve_needs(
    p: &mut Problems,
    items: &mut [Item],
    spans: &[std::ops::Range<usize>],
    raw: &RawScreen,
) {
    let lists = raw
        .items
        .iter()
        .flat_map(|l| l.get_ref())
        .chain(raw.action.iter())
        .chain(raw.tabs.iter().flat_map(|l| l.get_ref()))
        .chain(raw.bar.iter().flat_map(|l| l.get_ref()))
        .chain(raw.sheet.iter().flat_map(|s| s.get_ref().buttons.get_ref()))
        .chain(raw.popup.iter().flat_map(|s| s.get_ref().buttons.get_ref()));
    for r in lists {
        let Some(needs) = &r.get_ref().needs else {
            continue;
        };
        let Some(i) = spans.iter().position(|s| *s == r.span()) else {
            continue;
        };
        let wanted = needs.get_ref();
        match items.iter().position(|it| &it.id == wanted) {
            Some(c) if items[c].kind == ItemKind::Check => items[i].needs = Some(c),
            Some(_) => p.at(
                needs.span(),
                said!(
                    "`needs` 要写同一屏幕上一个勾选框（kind = \"check\"）的 id，'{wanted}' 不是勾选框",
                    "`needs` names a tick box (kind = \"check\") on the same screen; '{wanted}' is not one"
                ),
            ),
            None => {
                let boxes: Vec<&str> = items
                    .iter()
                    .filter(|it| it.kind == ItemKind::Check)
                    .map(|it| it.id.as_str())
                    .collect();
                let known = if boxes.is_empty() {
                    Text::new(
                        "这个屏幕上还没有勾选框".to_string(),
                        "this screen has no tick box".to_string(),
                    )
                } else {
                    let list = boxes.join(", ");
                    said!("这个屏幕上的勾选框：{list}", "its tick boxes: {list}")
                };
                let (kzh, ken) = (known.zh, known.en);
                p.at(
                    needs.span(),
                    said!(
                        "`needs`：这个屏幕上没有 id 为 '{wanted}' 的勾选框（{kzh}）",
                        "`needs`: no tick box with id '{wanted}' on this screen ({ken})"
                    ),
                );
            }
        }
    }
}

/// A row fixed at the bottom of the screen (the tab bar, a bottom bar): its place, how many
/// it holds, what kinds of item, and the words for each slip.
struct FixedRow<'a> {
    place: Place,
    count: std::ops::RangeInclusive<usize>,
    kinds: &'a [ItemKind],
    /// Said when the screen's layout has no such row.
    misplaced: Option<Said>,
    count_said: &'a dyn Fn(usize, usize, usize) -> Said,
    kind_said: &'a dyn Fn(&str) -> Said,
}

impl FixedRow<'_> {
    fn validate(
        self,
        p: &mut Problems,
        list: &Spanned<Vec<Spanned<RawItem>>>,
        ids: &mut IdScope,
        items: &mut Vec<Item>,
        spans: &mut Vec<std::ops::Range<usize>>,
    ) {
        if let Some(said) = self.misplaced {
            p.at(list.span(), said);
        }
        let n = list.get_ref().len();
        if !self.count.contains(&n) {
            let (lo, hi) = (*self.count.start(), *self.count.end());
            p.at(list.span(), (self.count_said)(lo, hi, n));
        }
        for raw in list.get_ref() {
            let mut item = validate_item(p, raw, ids);
            if !self.kinds.contains(&item.kind) {
                p.at(raw.span(), (self.kind_said)(&item.id));
            }
            item.place = self.place;
            items.push(item);
            spans.push(raw.span());
        }
    }
}

/// Enough in the body, not too much, and few enough tappable things outside it.
fn check_counts(p: &mut Problems, s: &Spanned<RawScreen>, screen: &Screen, body: usize) {
    let raw = s.get_ref();
    let sid = &screen.id;
    let at = raw.items.as_ref().map_or(s.span(), |i| i.span());
    let has_more = screen.has(Place::Tab)
        || screen.has(Place::Bar)
        || screen.popup.is_some()
        || screen.sheet.is_some()
        || screen.call.is_some()
        || screen.has(Place::Banner)
        || matches!(screen.layout, Layout::Scan | Layout::Face)
        || screen.code.is_some();
    if body > MAX_ITEMS || (body == 0 && !has_more) {
        p.at(
            at,
            said!(
                "屏幕 '{sid}' 要有 1 到 {MAX_ITEMS} 个项目（items），这里有 {body} 个",
                "screen '{sid}' needs 1 to {MAX_ITEMS} items, found {body}"
            ),
        );
        return;
    }
    // Outside a scrolling body, every tappable thing has its number key.
    let fixed = screen
        .tappable()
        .iter()
        .filter(|&&i| screen.items[i].place != Place::Body)
        .count();
    if fixed > MAX_TAPPABLE {
        p.at(
            at,
            said!(
                "屏幕 '{sid}' 在列表以外有 {fixed} 个能点的东西（顶栏、标签、侧键、按钮）；最多 {MAX_TAPPABLE} 个，每个才有自己的数字键",
                "screen '{sid}' has {fixed} tappable things outside its list (top bar, bottom bar, tabs, side buttons, buttons); at most {MAX_TAPPABLE}, so each has a number key"
            ),
        );
    }
}

fn validate_item(p: &mut Problems, item: &Spanned<RawItem>, ids: &mut IdScope) -> Item {
    let r = item.get_ref();
    let id = ids.claim(p, &r.id);
    let kind = match r.kind.as_ref().map(|k| k.get_ref().as_str()) {
        None | Some("button") => ItemKind::Button,
        Some("field") => ItemKind::Field,
        Some("text") => ItemKind::Text,
        Some("row") => ItemKind::Row,
        Some("toggle") => ItemKind::Toggle,
        Some("bubble") => ItemKind::Bubble,
        Some("voice") => ItemKind::Voice,
        Some("slider") => ItemKind::Slider,
        Some("check") => ItemKind::Check,
        Some(other) => {
            let span = r.kind.as_ref().map_or(item.span(), |k| k.span());
            let kinds = [
                "button", "field", "text", "row", "toggle", "bubble", "voice", "slider", "check",
            ];
            let Text {
                zh: hint_zh,
                en: hint_en,
            } = super::slips::did_you_mean(other, kinds);
            p.at(
                span,
                said!(
                    "没有 '{other}' 这种项目{hint_zh}：可以用 button 按钮、field 输入框、text 文字、row 列表行、toggle 开关、bubble 聊天气泡、voice 语音消息、slider 滑块、check 勾选框",
                    "unknown item kind '{other}'{hint_en}: use button, field, text, row, toggle, bubble, voice, slider or check"
                ),
            );
            ItemKind::Button
        }
    };
    let field = if kind == ItemKind::Bubble {
        Field::Message
    } else {
        Field::Label
    };
    let label = text(p, &r.label, field);
    let color = r
        .color
        .as_ref()
        .and_then(|c| match Color::parse(c.get_ref()) {
            Some(color) => Some(color),
            None => {
                let names: Vec<&str> = Color::ALL.iter().map(|c| c.as_str()).collect();
                let (value, list) = (c.get_ref(), names.join(", "));
                let Text {
                    zh: hint_zh,
                    en: hint_en,
                } = super::slips::did_you_mean(value, names.iter().copied());
                p.at(
                    c.span(),
                    said!(
                        "没有 '{value}' 这种颜色{hint_zh}：可以用 {list}",
                        "unknown colour '{value}'{hint_en}: use one of {list}"
                    ),
                );
                None
            }
        });
    let icon = r.icon.as_ref().map(|i| {
        let value = i.get_ref().clone();
        if let Err(why) = check_icon(&value) {
            let (zh, en) = (why.zh, why.en);
            p.at(
                i.span(),
                said!("图标 '{value}'：{zh}", "icon '{value}': {en}"),
            );
        }
        value
    });
    let detail = r.detail.as_ref().map(|d| text(p, d, Field::Label));
    // A row draws its own "›" at the right: one written in the detail would show twice.
    if let (Some(d), Some(raw)) = (&detail, &r.detail)
        && kind == ItemKind::Row
        && (d.zh.trim_end().ends_with('›') || d.en.trim_end().ends_with('›'))
    {
        p.at(
            raw.span(),
            said!(
                "项目 '{id}'：列表行的最右边已经画着 ›，`detail` 里不用再写",
                "item '{id}': a row draws its own › at the right; leave it out of `detail`"
            ),
        );
    }
    // A field that belongs to other kinds of item: said plainly, with the kinds it is for.
    let mut belongs =
        |present: Option<std::ops::Range<usize>>, ok: bool, name: &str, zh: &str, en: &str| {
            if let (Some(span), false) = (present, ok) {
                p.at(
                    span,
                    said!(
                        "项目 '{id}'：`{name}` 只用在{zh}上",
                        "item '{id}': `{name}` belongs on {en}"
                    ),
                );
            }
        };
    belongs(
        r.detail.as_ref().map(|d| d.span()),
        matches!(kind, ItemKind::Row | ItemKind::Toggle),
        "detail",
        "列表行（kind = \"row\"）和开关",
        "a row (kind = \"row\") or a toggle",
    );
    belongs(
        r.on.as_ref().map(|o| o.span()),
        matches!(kind, ItemKind::Toggle | ItemKind::Button | ItemKind::Check),
        "on",
        "开关、勾选框和标签",
        "a toggle, a tick box or a tab",
    );
    belongs(
        r.level.as_ref().map(|l| l.span()),
        kind == ItemKind::Slider,
        "level",
        "滑块（kind = \"slider\"）",
        "a slider (kind = \"slider\")",
    );
    belongs(
        r.max.as_ref().map(|l| l.span()),
        kind == ItemKind::Slider,
        "max",
        "滑块（kind = \"slider\"）",
        "a slider (kind = \"slider\")",
    );
    for (span, name) in [
        (r.needs.as_ref().map(|n| n.span()), "needs"),
        (r.disabled.as_ref().map(|n| n.span()), "disabled"),
        (r.count.as_ref().map(|n| n.span()), "count"),
    ] {
        belongs(span, kind == ItemKind::Button, name, "按钮", "a button");
    }
    belongs(
        r.from.as_ref().map(|f| f.span()),
        matches!(kind, ItemKind::Bubble | ItemKind::Voice),
        "from",
        "聊天气泡和语音消息",
        "a chat bubble or a voice message",
    );
    belongs(
        r.mine.as_ref().map(|f| f.span()),
        matches!(kind, ItemKind::Bubble | ItemKind::Voice),
        "mine",
        "聊天气泡和语音消息",
        "a chat bubble or a voice message",
    );
    let (level, max) = slider(p, r, kind, &id);
    let count = r.count.as_ref().and_then(|c| {
        let n = *c.get_ref();
        if !COUNT.contains(&n) {
            let (lo, hi) = (COUNT.start(), COUNT.end());
            p.at(
                c.span(),
                said!(
                    "倒计时 `count` 是 {lo} 到 {hi} 秒，不能是 {n}",
                    "`count` is {lo} to {hi} seconds, not {n}"
                ),
            );
            return None;
        }
        Some(n as u16)
    });
    let marks = [label.zh.contains("{s}"), label.en.contains("{s}")];
    match (count, marks) {
        (Some(_), [true, true]) | (None, [false, false]) => {}
        (Some(_), _) => p.at(
            r.label.span(),
            said!(
                "项目 '{id}' 有倒计时 `count`：中文和英文的 `label` 里都要写 {{s}}，表示秒数放在哪儿，比如 \"{{s}}秒后重新获取\"",
                "item '{id}' counts down (`count`): put {{s}} in both its `label`s where the seconds go, like \"Resend in {{s}}s\""
            ),
        ),
        // (A `count` that is there but out of range was reported just above.)
        (None, _) if r.count.is_some() => {}
        (None, _) => p.at(
            r.label.span(),
            said!(
                "项目 '{id}' 的 `label` 里有 {{s}}，却没有写倒计时 `count = 秒数`",
                "item '{id}' has {{s}} in its `label` but no `count = seconds`"
            ),
        ),
    }
    Item {
        id,
        label,
        kind,
        place: Place::Body,
        color,
        icon,
        detail,
        on: r.on.as_ref().is_some_and(|o| *o.get_ref()),
        level,
        max,
        needs: None,
        disabled: r.disabled.as_ref().is_some_and(|d| *d.get_ref()),
        count,
        from: r.from.as_ref().map(|f| text(p, f, Field::Label)),
        mine: r.mine.as_ref().is_some_and(|m| *m.get_ref()),
    }
}

/// A slider's level and most: `max` 2..=10 is required, `level` 0..=max (0 when left out).
fn slider(p: &mut Problems, r: &RawItem, kind: ItemKind, id: &str) -> (u8, u8) {
    if kind != ItemKind::Slider {
        return (0, 0);
    }
    let (lo, hi) = (SLIDER_MAX.start(), SLIDER_MAX.end());
    let Some(max) = &r.max else {
        p.at(
            r.label.span(),
            said!(
                "滑块 '{id}' 要写一共有几格：`max = 数字`（{lo} 到 {hi}）",
                "slider '{id}' needs `max`, how many steps it has ({lo} to {hi})"
            ),
        );
        return (0, *lo as u8);
    };
    let m = *max.get_ref();
    if !SLIDER_MAX.contains(&m) {
        p.at(
            max.span(),
            said!(
                "滑块的 `max` 是 {lo} 到 {hi}，不能是 {m}",
                "a slider's `max` is {lo} to {hi}, not {m}"
            ),
        );
        // Checked on as the nearest slider there can be, so its steps are not blamed too.
        return (0, m.clamp(*lo, *hi) as u8);
    }
    let level = r.level.as_ref().map_or(0, |l| *l.get_ref());
    if !(0..=m).contains(&level) {
        p.at(
            r.level.as_ref().map_or(max.span(), |l| l.span()),
            said!(
                "滑块的 `level` 是 0 到 {m}，不能是 {level}",
                "a slider's `level` is 0 to {m}, not {level}"
            ),
        );
        return (0, m as u8);
    }
    (level as u8, m as u8)
}

/// An icon is one symbol that every terminal draws one cell wide: not an emoji (drawn two
/// wide, and in colour), not a letter or digit (write those in the label), nothing invisible.
pub fn check_icon(icon: &str) -> Result<(), Said> {
    use unicode_width::UnicodeWidthChar;
    let mut chars = icon.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Err(Text::new(
            "图标只能是一个符号",
            "an icon is exactly one symbol",
        ));
    };
    if crate::inert::check_display_text(icon).is_err() || c.width() != Some(1) {
        return Err(Text::new(
            "请用一个窄符号，比如 ⌂ ≡ ✆ ⌕ ✓ ★（不能用 emoji 表情）",
            "use a narrow symbol such as ⌂ ≡ ✆ ⌕ ✓ ★ (no emoji)",
        ));
    }
    if c.is_alphanumeric() || c.is_whitespace() {
        return Err(Text::new(
            "图标是一个符号，不能是字、字母、数字或空格",
            "an icon is a symbol, not a letter, digit or space",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_icon;

    #[test]
    fn icons_are_one_narrow_symbol() {
        for ok in ["⌂", "≡", "✆", "⌕", "✓", "★", "›", "+"] {
            assert_eq!(check_icon(ok), Ok(()), "{ok}");
        }
        for bad in ["", "⌂⌂", "☰", "📞", "中", "A", "7", " ", "\u{200b}"] {
            assert!(check_icon(bad).is_err(), "{bad:?}");
        }
    }
}
