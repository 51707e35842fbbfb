//! End to end, the phone's newer parts, in the real binary in a pseudo-terminal (`zhulao
//! preview` on the phone pack, which opens a step directly and records nothing): each step
//! answered once by keys alone, then once by touch alone — a swipe as a drag, a long press as a
//! press held on the program's clock, a slider by taps on its track, a long list by the wheel,
//! the side buttons, a bottom sheet, the 扫一扫 code, the call buttons, a tick box that unlocks
//! its button, and amounts and ID numbers on the pad.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::pty::Session;

const TOTAL: usize = 25;

/// `zhulao preview` on the phone pack, at step `step` (an id).
fn preview(data: &Path, lang: &str, step: &str) -> Session {
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/phone");
    let args = vec![
        "--lang".to_string(),
        lang.to_string(),
        "preview".to_string(),
        pack.display().to_string(),
        format!("scenes/every-part:{step}"),
    ];
    Session::start(env!("CARGO_BIN_EXE_zhulao"), data, 80, 24, &args)
}

fn step(n: usize) -> String {
    format!("第 {n} 步 / 共 {TOTAL} 步")
}

/// Moves the highlight with ↓ until it is on `label` (the » before its number).
fn highlight(s: &mut Session, label: &str) {
    for _ in 0..8 {
        // "»5 按住 说话": the mark, the number, the label.
        let on = s.text().lines().any(|l| {
            l.match_indices('»').any(|(at, _)| {
                let rest =
                    l[at + '»'.len_utf8()..].trim_start_matches(|c: char| c.is_ascii_digit());
                rest.trim_start().starts_with(label)
            })
        });
        if on {
            return;
        }
        let before = s.text();
        s.send("\x1b[B");
        s.wait_until(|t| t != before, "the highlight moved");
    }
    panic!("never highlighted {label:?}:\n{}", s.text());
}

/// The number key printed before `label` on `screen`, if it is drawn yet.
fn number_before(screen: &str, label: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let at = line.find(label)?;
        let digits: String = line[..at]
            .trim_end_matches([' ', '»', '['])
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        (!digits.is_empty()).then(|| digits.chars().rev().collect())
    })
}

/// Presses the number key shown before `label` (once the screen has drawn it), then waits for
/// `then`.
fn press_number_of(s: &mut Session, label: &str, then: &str) {
    s.wait_until(|t| number_before(t, label).is_some(), label);
    let key = number_before(&s.text(), label).unwrap();
    s.key(&key, then);
}

#[test]
fn every_new_part_of_the_phone_answered_by_keys() {
    let data = tempfile::tempdir().unwrap();
    let mut s = preview(data.path(), "zh", "unlock");
    s.wait_for(&step(7));
    s.wait_for("↑ 滑动"); // the footer names the key
    s.key("\x1b[A", &step(8)); // ↑ is the swipe up

    // Hold: the highlight on it, then Space (Enter on it would be a short tap, explained).
    highlight(&mut s, "按住 说话");
    s.key(" ", &step(9));

    // The slider: → three times, from 2 to 5, then Enter.
    s.wait_for("2/7");
    for level in ["3/7", "4/7", "5/7"] {
        s.key("\x1b[C", level);
    }
    s.key("\r", &step(10));

    press_number_of(&mut s, "音量+", &step(11));

    // 下一步 does nothing until the box is ticked: its number is a wrong answer, explained.
    press_number_of(&mut s, "下一步", "要先勾选");
    press_number_of(&mut s, "[ ] 我已阅读", &step(12));

    press_number_of(&mut s, "发送给朋友", &step(13));
    press_number_of(&mut s, "店家收款码", &step(14));
    press_number_of(&mut s, "挂断", &step(15));
    press_number_of(&mut s, "切换摄像头", &step(16));
    press_number_of(&mut s, "切到语音接听", &step(17));

    // A long list: 儿子 is below; PgDn brings it up, with its own number key.
    s.wait_for("下面还有");
    let said = s.find("儿子").len(); // in the instruction
    for _ in 0..4 {
        if s.find("儿子").len() > said {
            break;
        }
        let before = s.text();
        s.send("\x1b[6~"); // PgDn: a phone screen further down
        s.wait_until(|t| t != before, "the list moved");
    }
    press_number_of(&mut s, "儿子", &step(18));

    s.wait_for("向商家付款");
    s.key("\r", &step(19));
    s.key("\r", &step(20));
    s.wait_for("请正对手机，眨眨眼");
    s.key("\r", &step(21));

    // An amount with a point, an ID number ending in X, grouped as they are typed.
    for (key, shown) in [
        ("2", "2"),
        ("5", "25"),
        (".", "25."),
        ("5", "25.5"),
        ("0", "25.50"),
    ] {
        s.key(key, &format!("你输入的： {shown}"));
    }
    s.key("\r", &step(22));
    for key in "11010519491231002".chars() {
        s.send(&key.to_string());
    }
    s.wait_for("110105 19491231 002");
    s.key("x", "110105 19491231 002X");
    s.key("\r", &step(23));
    for key in "6222020123456789012".chars() {
        s.send(&key.to_string());
    }
    s.key("\r", &step(24));
    for key in "13800138000".chars() {
        s.send(&key.to_string());
    }
    s.wait_for("138 0013 8000");
    s.key("\r", &step(25));
}

/// A press at (x, y), a move, and a lift at (x2, y2), in SGR mouse reports (1-based).
fn drag(s: &mut Session, from: (u16, u16), to: (u16, u16)) {
    let ((x, y), (x2, y2)) = ((from.0 + 1, from.1 + 1), (to.0 + 1, to.1 + 1));
    s.advance(Duration::from_millis(350));
    s.send(&format!(
        "\x1b[<0;{x};{y}M\x1b[<32;{x2};{y2}M\x1b[<0;{x2};{y2}m"
    ));
}

/// Where `needle` shows last (the phone is at the right of the words).
fn at(s: &Session, needle: &str) -> (u16, u16) {
    *s.find(needle)
        .last()
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", s.text()))
}

#[test]
fn every_new_part_of_the_phone_answered_by_touch() {
    let data = tempfile::tempdir().unwrap();
    let mut s = preview(data.path(), "en", "unlock");
    s.wait_for("Step 7 of 25");

    // A drag up the phone is the swipe.
    let (x, y) = at(&s, "Swipe up to unlock");
    drag(&mut s, (x + 2, y + 6), (x + 2, y + 1));
    s.wait_for("Step 8 of 25");

    // A quick tap on "Hold to talk" is explained; a press held a second is the long press.
    s.click("Hold to talk", 1, "quick tap");
    let (x, y) = at(&s, "Hold to talk");
    let (x, y) = (x + 1, y + 1);
    s.advance(Duration::from_millis(350));
    s.send(&format!("\x1b[<0;{x};{y}M"));
    s.wait_for("Holding…"); // the press is handled: only now does time pass
    s.advance(Duration::from_millis(1000));
    s.send(&format!("\x1b[<0;{x};{y}m"));
    s.wait_for("Step 9 of 25");

    // The slider: taps on its + end, one level each, then the footer's Enter.
    for level in ["3/7", "4/7", "5/7"] {
        s.click("+┃", 0, level);
    }
    s.click("Enter OK", 0, "Step 10 of 25");

    s.click_last("Vol +", "Step 11 of 25");
    s.click_last("[ ] I have read", "Step 12 of 25");
    s.click_last("Send to a friend", "Step 13 of 25");
    s.click_last("The shop's QR code", "Step 14 of 25");
    s.click_last("Hang up", "Step 15 of 25");
    s.click_last("Flip camera", "Step 16 of 25");
    s.click_last("Answer by voice", "Step 17 of 25");

    // The wheel over the long list brings "Son" up.
    s.wait_for("more below");
    let (x, y) = at(&s, "Auntie");
    let (x, y) = (x + 1, y + 1);
    for _ in 0..12 {
        s.send(&format!("\x1b[<65;{x};{y}M"));
    }
    s.wait_until(
        |t| t.matches("Son").count() >= 2,
        "Son on the phone, as in the words",
    );
    s.click_last("Son", "Step 18 of 25");

    s.click("Enter go on", 0, "Step 19 of 25");
    s.click("Enter go on", 0, "Step 20 of 25");
    s.click("Enter go on", 0, "Step 21 of 25");

    // 25.50 on the pad, the point included.
    for (key, shown) in [
        ("│    2    │", "2"),
        ("│    5    │", "25"),
        ("│  .   │", "25."),
        ("│    5    │", "25.5"),
        ("│  0   │", "25.50"),
    ] {
        s.click(key, 0, &format!("You typed: {shown}"));
    }
    s.click("OK  ", 0, "Step 22 of 25"); // the pad's OK (the footer has "Enter OK │")
}
