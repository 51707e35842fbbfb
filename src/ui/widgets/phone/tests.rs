use super::*;
use crate::content::{Call, CallState, Code, CodeKind, Item, ItemKind, Popup, Scan, Sheet};
use crate::lang::Text;

fn t(zh: &str, en: &str) -> Text {
    Text {
        zh: zh.into(),
        en: en.into(),
    }
}

fn screen(items: Vec<Item>) -> Screen {
    Screen {
        id: "s".into(),
        title: Some(t("微信", "WeChat")),
        layout: Layout::List,
        items,
        popup: None,
        call: None,
        secure_pad: false,
        side: false,
        sheet: None,
        code: None,
        scan: None,
        face: None,
    }
}

fn placed(id: &str, zh: &str, kind: ItemKind, place: Place) -> Item {
    let mut item = Item::plain(id, t(zh, zh), kind);
    item.place = place;
    item
}

fn draw_with(phone: &Phone, w: u16, h: u16) -> (String, Hits) {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let mut hits = Hits::default();
    let area = buf.area;
    render(&mut buf, area, phone, &mut hits);
    let mut text = String::new();
    for row in crate::ui::text::buffer_rows(&buf) {
        text.push_str(&row);
        text.push('\n');
    }
    (text, hits)
}

fn draw(screen: &Screen, w: u16, h: u16, theme: &Theme) -> (String, Hits) {
    let phone = Phone {
        screen,
        lang: Lang::Zh,
        theme,
        cursor: None,
        interactive: true,
        asks: Asks::Tap,
        scroll: None,
    };
    draw_with(&phone, w, h)
}

fn area_of(hits: &Hits, action: &Action) -> Rect {
    hits.areas()
        .iter()
        .find(|(_, a)| a == action)
        .unwrap_or_else(|| panic!("{action:?} is not tappable: {hits:?}"))
        .0
}

fn call_screen(state: CallState) -> Screen {
    let mut call = screen(vec![]);
    call.layout = Layout::Call;
    call.call = Some(Call {
        from: t("儿子", "Son"),
        number: Some("138 0000 1234".into()),
        state,
        time: (state == CallState::Talking).then(|| "00:12".to_string()),
    });
    for (id, zh, _, color) in crate::content::call_buttons(state) {
        let mut b = placed(id, zh, ItemKind::Button, Place::Call);
        b.color = *color;
        call.items.push(b);
    }
    call
}

#[test]
fn tabs_sit_at_the_bottom_and_a_call_has_red_left_and_green_right() {
    let mut items = vec![Item::plain("a", t("张三", "Zhang"), ItemKind::Row)];
    for (id, zh) in [("chats", "微信"), ("contacts", "通讯录"), ("me", "我")] {
        items.push(placed(id, zh, ItemKind::Button, Place::Tab));
    }
    let s = screen(items);
    let (text, hits) = draw(&s, 36, 22, &Theme::default());
    let rows: Vec<&str> = text.lines().collect();
    // The tab bar is the last three rows inside the phone: a rule, the numbers, the names.
    assert!(rows[rows.len() - 4].contains("────"), "{text}");
    assert!(
        rows[rows.len() - 3]
            .trim_end_matches(['│', ' '])
            .ends_with('4'),
        "{text}"
    );
    assert!(
        rows[rows.len() - 2]
            .trim_end_matches(['│', ' '])
            .ends_with("我"),
        "{text}"
    );
    assert_eq!(hits.areas().len(), 4);
    let me = area_of(&hits, &Action::Select(3));
    assert_eq!(me.height, 3, "a tab is a finger's height on a tall phone");
    assert!(me.x > 20, "the last tab is at the right");

    let call = call_screen(CallState::Incoming);
    let (text, hits) = draw(&call, 36, 22, &Theme::default());
    assert!(
        text.contains("儿子") && text.contains("138 0000 1234") && text.contains("来电"),
        "{text}"
    );
    let decline = hits.areas()[0].0;
    let accept = hits.areas()[1].0;
    assert!(
        decline.x < accept.x && decline.y == accept.y,
        "挂断 left, 接听 right"
    );
    // Without colours, the colour is said in words.
    let (mono, _) = draw(
        &call,
        36,
        22,
        &Theme::new(crate::settings::ThemeName::Dark, true),
    );
    assert!(mono.contains("接听(绿色)"), "{mono}");
}

#[test]
fn once_a_call_is_going_hang_up_is_red_and_centred_at_the_bottom() {
    for state in [CallState::Talking, CallState::Video] {
        let call = call_screen(state);
        let (text, hits) = draw(&call, 36, 22, &Theme::default());
        let n = call.items.len();
        let hangup = area_of(&hits, &Action::Select(n - 1));
        let others: Vec<Rect> = (0..n - 1)
            .map(|i| area_of(&hits, &Action::Select(i)))
            .collect();
        assert!(
            others.iter().all(|r| r.bottom() <= hangup.y),
            "the row above 挂断: {text}"
        );
        let middle = hangup.x + hangup.width / 2;
        assert!((16..=19).contains(&middle), "centred ({middle}): {text}");
        assert!(text.contains("挂断"), "{text}");
    }
    let (text, _) = draw(&call_screen(CallState::Talking), 36, 22, &Theme::default());
    assert!(text.contains("00:12") && text.contains("免提"), "{text}");
}

#[test]
fn while_a_pop_up_or_a_sheet_shows_only_its_buttons_can_be_tapped() {
    let mut s = screen(vec![Item::plain(
        "vip",
        t("开通会员", "Join"),
        ItemKind::Button,
    )]);
    for (id, zh) in [("no", "以后再说"), ("yes", "立即开通")] {
        s.items.push(placed(id, zh, ItemKind::Button, Place::Popup));
    }
    s.popup = Some(Popup {
        title: Some(t("开通会员", "Membership")),
        text: t("首月只要 1 元", "1 yuan the first month"),
    });
    let (text, hits) = draw(&s, 36, 22, &Theme::default());
    assert!(text.contains("首月只要 1 元"), "{text}");
    let actions: Vec<&Action> = hits.areas().iter().map(|(_, a)| a).collect();
    assert_eq!(actions, [&Action::Select(1), &Action::Select(2)], "{text}");
    assert!(
        text.contains("1 以后再说") && text.contains("2 立即开通"),
        "{text}"
    );

    let mut s = screen(vec![Item::plain(
        "photo",
        t("照片", "Photo"),
        ItemKind::Button,
    )]);
    for (id, zh) in [
        ("friend", "发送给朋友"),
        ("moments", "分享到朋友圈"),
        ("cancel", "取消"),
    ] {
        s.items.push(placed(id, zh, ItemKind::Button, Place::Sheet));
    }
    s.sheet = Some(Sheet {
        title: Some(t("分享到", "Share to")),
    });
    let (text, hits) = draw(&s, 36, 22, &Theme::default());
    let actions: Vec<&Action> = hits.areas().iter().map(|(_, a)| a).collect();
    assert_eq!(
        actions,
        [&Action::Select(1), &Action::Select(2), &Action::Select(3)],
        "{text}"
    );
    assert!(text.contains("分享到") && text.contains("3 取消"), "{text}");
    // The sheet is at the bottom of the phone.
    assert!(area_of(&hits, &Action::Select(3)).y > 14, "{text}");
}

#[test]
fn a_payment_code_looks_like_a_code_with_its_words() {
    let mut s = screen(vec![Item::plain(
        "refresh",
        t("刷新", "Refresh"),
        ItemKind::Button,
    )]);
    s.code = Some(Code {
        kind: CodeKind::Pay,
        caption: Some(t("向商家付款", "Pay a shop")),
        note: Some(t(
            "付款码数字仅用于支付时向收银员展示，请勿泄露",
            "Only for showing to a cashier",
        )),
    });
    let (text, _) = draw(&s, 36, 30, &Theme::default());
    assert!(text.contains("向商家付款"), "{text}");
    assert!(text.contains("请勿泄露"), "{text}");
    // A barcode row and the QR code's finder corners (█ blocks, half blocks).
    assert!(
        text.lines()
            .any(|l| l.contains("█▌") || l.contains("▌█") || l.contains("▐█")),
        "{text}"
    );
    let blocks = text.chars().filter(|c| "█▀▄".contains(*c)).count();
    assert!(blocks > 60, "{blocks} block characters: {text}");
}

#[test]
fn the_viewfinder_has_a_code_to_aim_at_and_a_face_check_its_round_frame() {
    let mut s = screen(vec![placed(
        "code",
        "店家收款码",
        ItemKind::Button,
        Place::Scan,
    )]);
    s.layout = Layout::Scan;
    s.items
        .push(Item::plain("album", t("相册", "Album"), ItemKind::Button));
    s.scan = Some(Scan {
        text: t(
            "将二维码放入框内，即可自动扫描",
            "Put the code in the frame",
        ),
        target: t("店家收款码", "Shop's code"),
    });
    let (text, hits) = draw(&s, 36, 24, &Theme::default());
    assert!(text.contains("┏━") && text.contains("━┛"), "{text}");
    assert!(
        text.contains("1 店家收款码") && text.contains("即可自动扫描"),
        "{text}"
    );
    let code = area_of(&hits, &Action::Select(0));
    assert!(code.height >= 4, "the whole frame can be tapped: {code:?}");
    assert!(text.contains("2 相册"), "{text}");

    let mut s = screen(vec![]);
    s.layout = Layout::Face;
    s.face = Some(t("请正对手机，眨眨眼", "Face the phone and blink"));
    let (text, _) = draw(&s, 36, 24, &Theme::default());
    assert!(
        text.contains("╭") && text.contains("╯") && text.contains('('),
        "{text}"
    );
    assert!(text.contains("请正对手机，眨眨眼"), "{text}");
}

#[test]
fn side_buttons_stand_at_the_right_edge_and_can_be_tapped() {
    let mut s = screen(vec![Item::plain("ring", t("铃声", "Ring"), ItemKind::Row)]);
    s.side = true;
    for (id, zh, _) in crate::content::SIDE_BUTTONS {
        s.items.push(placed(id, zh, ItemKind::Button, Place::Side));
    }
    let (text, hits) = draw(&s, 40, 22, &Theme::default());
    let up = area_of(&hits, &Action::Select(1));
    let power = area_of(&hits, &Action::Select(3));
    assert!(up.x >= 30 && power.y > up.y, "{text}");
    assert!(
        text.contains("2音量+") || text.contains("2 音量+") || text.contains("音量+"),
        "{text}"
    );
}

#[test]
fn a_tick_box_shows_its_state_in_shape_and_a_button_waiting_for_it_is_grey() {
    let mut agree = Item::plain(
        "agree",
        t("我已阅读并同意《用户协议》", "I agree"),
        ItemKind::Check,
    );
    let mut next = Item::plain("next", t("下一步", "Next"), ItemKind::Button);
    next.needs = Some(0);
    let s = screen(vec![agree.clone(), next.clone()]);
    let (text, _) = draw(
        &s,
        40,
        22,
        &Theme::new(crate::settings::ThemeName::Dark, true),
    );
    assert!(text.contains("[ ]"), "{text}");
    assert!(
        text.contains("下一步(灰色)"),
        "greyed, said in words without colour: {text}"
    );
    agree.on = true;
    let s = screen(vec![agree, next]);
    let (text, _) = draw(
        &s,
        40,
        22,
        &Theme::new(crate::settings::ThemeName::Dark, true),
    );
    assert!(text.contains("[✓]") && !text.contains("(灰色)"), "{text}");
}

#[test]
fn a_slider_being_moved_can_be_set_by_a_tap_on_its_track() {
    let mut ring = Item::plain("ring", t("铃声", "Ring"), ItemKind::Slider);
    ring.max = 7;
    ring.level = 2;
    let s = screen(vec![ring]);
    let phone = Phone {
        screen: &s,
        lang: Lang::Zh,
        theme: &Theme::default(),
        cursor: None,
        interactive: false,
        asks: Asks::Slide { item: 0, level: 5 },
        scroll: None,
    };
    let (text, hits) = draw_with(&phone, 40, 22);
    assert!(text.contains("5/7") && text.contains('●'), "{text}");
    let levels: Vec<u8> = hits
        .areas()
        .iter()
        .filter_map(|(_, a)| match a {
            Action::Level(k) => Some(*k),
            _ => None,
        })
        .collect();
    for k in 0..=7 {
        assert!(levels.contains(&k), "level {k} can be tapped: {levels:?}");
    }
}

#[test]
fn a_long_list_scrolls_says_there_is_more_and_numbers_what_shows() {
    let items: Vec<Item> = (0..30)
        .map(|n| {
            Item::plain(
                &format!("r{n}"),
                t(&format!("第{n}行"), "row"),
                ItemKind::Row,
            )
        })
        .collect();
    let s = screen(items);
    assert!(s.keys_follow_scroll());
    let (text, hits) = draw(&s, 36, 22, &Theme::default());
    assert!(
        text.contains("下面还有") && !text.contains("上面还有"),
        "{text}"
    );
    assert!(text.contains("1 第0行"), "{text}");
    let scroller = hits.scroller.expect("a long screen");
    assert_eq!(scroller.offset, 0);
    assert!(hits.gesture.is_some(), "a finger can drag it");
    // Shown from further down: the numbers are those of what shows.
    let phone = Phone {
        screen: &s,
        lang: Lang::Zh,
        theme: &Theme::default(),
        cursor: None,
        interactive: true,
        asks: Asks::Tap,
        scroll: Some(scroller.max),
    };
    let (text, hits) = draw_with(&phone, 36, 22);
    assert!(
        text.contains("上面还有") && !text.contains("下面还有"),
        "{text}"
    );
    assert!(text.contains("第29行"), "{text}");
    let shown: Vec<usize> = (0..30)
        .filter(|&i| hits.areas().iter().any(|(_, a)| *a == Action::Select(i)))
        .collect();
    assert_eq!(hits.for_key(1), Some(Action::Select(shown[0])));
}
