//! Checking one phone screen: its layout, its items and the parts real screens have — top bar,
//! tab bar, banner, pop-up, incoming call, secure pad — with every tappable thing made an item
//! in the order the learner sees it, so tap targets and number keys mean what is on screen.

use toml::Spanned;

use super::model::*;
use super::problems::{Field, IdScope, MAX_ITEMS, MAX_TAPPABLE, Problems, text};
use super::raw::*;
use crate::lang::Text;

/// Tabs a tab bar may have.
const TABS: std::ops::RangeInclusive<usize> = 2..=5;
/// Buttons a pop-up may have.
const POPUP_BUTTONS: std::ops::RangeInclusive<usize> = 1..=3;

pub(super) fn validate_screen(
    p: &mut Problems,
    s: &Spanned<RawScreen>,
    ids: &mut IdScope,
) -> Screen {
    let raw = s.get_ref();
    let id = ids.claim(p, &raw.id);
    let layout = match raw.layout.get_ref().as_str() {
        "grid" => Layout::Grid,
        "list" => Layout::List,
        "call" => Layout::Call,
        other => {
            p.at(
                raw.layout.span(),
                format!(
                    "unknown layout '{other}': use \"grid\" (app icons), \"list\" (rows) or \"call\" (an incoming call){}",
                    super::slips::did_you_mean(other, ["grid", "list", "call"])
                ),
            );
            // Go on checking as the layout it was probably meant to be, so that one slip does
            // not bring a cascade of problems that are not there.
            match super::slips::nearest(other, ["grid", "list", "call"]) {
                Some("grid") => Layout::Grid,
                Some("call") => Layout::Call,
                _ if raw.call.is_some() => Layout::Call,
                _ => Layout::List,
            }
        }
    };
    let title = raw.title.as_ref().map(|t| text(p, t, Field::ScreenTitle));
    let mut item_ids = IdScope::new("item");
    let mut items = Vec::new();

    // In the order the learner sees them: banner, top bar, body, tabs, call, pop-up.
    if let Some(banner) = &raw.banner {
        let b = banner.get_ref();
        let id = item_ids.claim(p, &b.id);
        let mut item = Item::plain(&id, text(p, &b.text, Field::Message), ItemKind::Button);
        item.place = Place::Banner;
        item.detail = Some(text(p, &b.from, Field::Label));
        items.push(item);
    }
    if raw.back.as_ref().is_some_and(|b| *b.get_ref()) {
        if title.is_none() {
            p.at(
                raw.back.as_ref().map_or(s.span(), |b| b.span()),
                format!("screen '{id}': a back arrow sits in the top bar beside the `title`; add a title"),
            );
        }
        let mut back = Item::plain(
            "back",
            Text {
                zh: "返回".into(),
                en: "Back".into(),
            },
            ItemKind::Button,
        );
        back.place = Place::Back;
        back.icon = Some("‹".into());
        if !item_ids.take("back") {
            p.at(
                raw.back.as_ref().map_or(s.span(), |b| b.span()),
                format!("screen '{id}': `back = true` makes an item with id 'back', and another item has that id"),
            );
        }
        items.push(back);
    }
    if let Some(action) = &raw.action {
        let mut item = validate_item(p, action, &mut item_ids, layout);
        item.place = Place::Action;
        items.push(item);
    }
    let body_start = items.len();
    if let Some(list) = &raw.items {
        for item in list.get_ref() {
            let it = validate_item(p, item, &mut item_ids, layout);
            if layout == Layout::Grid && it.kind != ItemKind::Button {
                p.at(
                    item.span(),
                    format!("item '{}': a grid screen holds only app icons (buttons); use layout = \"list\" for fields, rows and text", it.id),
                );
            }
            if layout == Layout::Call && it.kind.is_tappable() {
                p.at(
                    item.span(),
                    format!("item '{}': a call screen's only buttons are 挂断 and 接听 (ids 'decline' and 'accept'); other items there are text", it.id),
                );
            }
            items.push(it);
        }
    }
    let body = items.len() - body_start;
    if let Some(tabs) = &raw.tabs {
        let list = tabs.get_ref();
        if layout == Layout::Call {
            p.at(
                tabs.span(),
                format!("screen '{id}': an incoming call fills the phone, with no tab bar; leave out `tabs`"),
            );
        }
        if !TABS.contains(&list.len()) {
            p.at(
                tabs.span(),
                format!(
                    "a tab bar needs {} to {} tabs, found {}",
                    TABS.start(),
                    TABS.end(),
                    list.len()
                ),
            );
        }
        for tab in list {
            let mut item = validate_item(p, tab, &mut item_ids, layout);
            if item.kind != ItemKind::Button {
                p.at(
                    tab.span(),
                    format!("tab '{}' is a button; leave out `kind`", item.id),
                );
            }
            item.place = Place::Tab;
            items.push(item);
        }
        let open = list
            .iter()
            .filter(|t| t.get_ref().on.as_ref().is_some_and(|o| *o.get_ref()))
            .count();
        if open > 1 {
            p.at(
                tabs.span(),
                format!("{open} tabs are marked `on`; at most one tab is open"),
            );
        }
    }
    let call = match (&raw.call, layout) {
        (Some(c), Layout::Call) => {
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
                        format!(
                            "`number` must be a phone number of digits and spaces, not '{value}'"
                        ),
                    );
                }
                value
            });
            for (id, zh, en, color) in [
                ("decline", "挂断", "Decline", Color::Red),
                ("accept", "接听", "Answer", Color::Green),
            ] {
                if !item_ids.take(id) {
                    p.at(c.span(), format!("screen '{}': a call screen makes an item with id '{id}', and another item has that id", raw.id.get_ref()));
                }
                let mut item = Item::plain(
                    id,
                    Text {
                        zh: zh.into(),
                        en: en.into(),
                    },
                    ItemKind::Button,
                );
                item.place = Place::Call;
                item.color = Some(color);
                items.push(item);
            }
            Some(Call {
                from: text(p, &raw_call.from, Field::Label),
                number,
            })
        }
        (Some(c), _) => {
            p.at(
                c.span(),
                format!("screen '{id}': `call` belongs on a screen with layout = \"call\""),
            );
            None
        }
        (None, Layout::Call) => {
            p.at(s.span(), format!("screen '{id}': a call screen needs `call = {{ from = {{ zh = \"…\", en = \"…\" }} }}`, who is calling"));
            None
        }
        (None, _) => None,
    };
    let popup = raw.popup.as_ref().map(|pop| {
        let raw_pop = pop.get_ref();
        let buttons = raw_pop.buttons.get_ref();
        if !POPUP_BUTTONS.contains(&buttons.len()) {
            p.at(
                raw_pop.buttons.span(),
                format!(
                    "a pop-up needs {} to {} buttons, found {}",
                    POPUP_BUTTONS.start(),
                    POPUP_BUTTONS.end(),
                    buttons.len()
                ),
            );
        }
        for b in buttons {
            let mut item = validate_item(p, b, &mut item_ids, layout);
            if item.kind != ItemKind::Button {
                p.at(
                    b.span(),
                    format!("pop-up button '{}' is a button; leave out `kind`", item.id),
                );
            }
            item.place = Place::Popup;
            items.push(item);
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
            p.at(pad.span(), format!("unknown pad '{other}': the one pad there is, is \"secure\" (the bank's 安全键盘)"));
            false
        }
    };
    let screen = Screen {
        id,
        title,
        layout,
        items,
        popup,
        call,
        secure_pad,
    };
    let tappable = screen.tappable().len();
    if body > MAX_ITEMS
        || (body == 0
            && !screen.has(Place::Tab)
            && screen.popup.is_none()
            && screen.call.is_none()
            && !screen.has(Place::Banner))
    {
        p.at(
            raw.items.as_ref().map_or(s.span(), |i| i.span()),
            format!(
                "screen '{}' needs 1 to {MAX_ITEMS} items, found {body}",
                screen.id
            ),
        );
    } else if tappable > MAX_TAPPABLE {
        p.at(
            raw.items.as_ref().map_or(s.span(), |i| i.span()),
            format!("screen '{}' has {tappable} tappable things (items, top bar, tabs); at most {MAX_TAPPABLE}, so each has a number key", screen.id),
        );
    }
    screen
}

fn validate_item(
    p: &mut Problems,
    item: &Spanned<RawItem>,
    ids: &mut IdScope,
    layout: Layout,
) -> Item {
    let r = item.get_ref();
    let id = ids.claim(p, &r.id);
    let kind = match r.kind.as_ref().map(|k| k.get_ref().as_str()) {
        None | Some("button") => ItemKind::Button,
        Some("field") => ItemKind::Field,
        Some("text") => ItemKind::Text,
        Some("row") => ItemKind::Row,
        Some("toggle") => ItemKind::Toggle,
        Some("bubble") => ItemKind::Bubble,
        Some(other) => {
            let span = r.kind.as_ref().map_or(item.span(), |k| k.span());
            p.at(
                span,
                format!(
                    "unknown item kind '{other}': use button, field, text, row, toggle or bubble"
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
                p.at(
                    c.span(),
                    format!(
                        "unknown colour '{}': use one of {}{}",
                        c.get_ref(),
                        names.join(", "),
                        super::slips::did_you_mean(c.get_ref(), names.iter().copied())
                    ),
                );
                None
            }
        });
    let icon = r.icon.as_ref().map(|i| {
        let value = i.get_ref().clone();
        if let Err(why) = check_icon(&value) {
            p.at(i.span(), format!("icon '{value}': {why}"));
        }
        value
    });
    let detail = r.detail.as_ref().map(|d| text(p, d, Field::Label));
    if r.detail.is_some() && !matches!(kind, ItemKind::Row | ItemKind::Toggle) {
        p.at(
            r.detail.as_ref().map_or(item.span(), |d| d.span()),
            format!("item '{id}': `detail` belongs on a row (kind = \"row\")"),
        );
    }
    if let Some(on) = &r.on
        && kind != ItemKind::Toggle
        && kind != ItemKind::Button
    {
        p.at(
            on.span(),
            format!("item '{id}': `on` belongs on a toggle or a tab"),
        );
    }
    let _ = layout;
    Item {
        id,
        label,
        kind,
        place: Place::Body,
        color,
        icon,
        detail,
        on: r.on.as_ref().is_some_and(|o| *o.get_ref()),
    }
}

/// An icon is one symbol that every terminal draws one cell wide: not an emoji (drawn two
/// wide, and in colour), not a letter or digit (write those in the label), nothing invisible.
pub fn check_icon(icon: &str) -> Result<(), String> {
    use unicode_width::UnicodeWidthChar;
    let mut chars = icon.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Err("an icon is exactly one symbol".into());
    };
    if crate::inert::check_display_text(icon).is_err() || c.width() != Some(1) {
        return Err("use a narrow symbol such as ⌂ ≡ ✆ ⌕ ✓ ★ (no emoji)".into());
    }
    if c.is_alphanumeric() || c.is_whitespace() {
        return Err("an icon is a symbol, not a letter, digit or space".into());
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
