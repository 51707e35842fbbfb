//! The lesson files exactly as written, before any check beyond TOML syntax and field names.
//! Every value a validation message may point at is `Spanned`, so the volunteer who wrote the
//! pack is told the line and column of the mistake, not just its name.

use serde::Deserialize;
use toml::Spanned;

pub type Str = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub zh: Str,
    pub en: Str,
}

pub type SText = Spanned<RawText>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    pub id: Str,
    pub order: i64,
    pub title: SText,
    pub about: SText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLesson {
    pub id: Str,
    pub title: SText,
    pub checked: Str,
    /// What the steps were compared with: the app and its version, or a public help page.
    pub source: Option<Str>,
    pub learned: Spanned<Vec<SText>>,
    #[serde(default)]
    pub screens: Vec<Spanned<RawScreen>>,
    #[serde(default)]
    pub steps: Vec<Spanned<RawStep>>,
}

/// A phone screen. Besides its items, the parts real screens have: the top bar (a back arrow,
/// the title, an action at the right), a bottom tab bar, a notification banner (an SMS), a
/// pop-up dialog, an incoming call, a secure number pad.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScreen {
    pub id: Str,
    pub layout: Str,
    pub title: Option<SText>,
    /// `back = true`: the top bar's back arrow can be tapped (its item id is `back`).
    pub back: Option<Spanned<bool>>,
    /// A tappable action at the right of the top bar (搜索, 更多 …).
    pub action: Option<Spanned<RawItem>>,
    pub items: Option<Spanned<Vec<Spanned<RawItem>>>>,
    /// The bottom tab bar (微信 通讯录 发现 我): 2 to 5 tappable tabs.
    pub tabs: Option<Spanned<Vec<Spanned<RawItem>>>>,
    /// A row fixed at the bottom, above the tabs (a chat's 语音 / 输入框 / +, a shop's 加入购物车
    /// / 立即购买): 1 to 4 buttons or fields.
    pub bar: Option<Spanned<Vec<Spanned<RawItem>>>>,
    /// A notification banner at the top of the screen, such as an SMS that just came in.
    pub banner: Option<Spanned<RawBanner>>,
    /// A dialog over the screen: while it shows, only its buttons can be tapped.
    pub popup: Option<Spanned<RawPopup>>,
    /// `layout = "call"`: who is calling, and how far the call is (ringing, talking, video);
    /// its buttons are made from that.
    pub call: Option<Spanned<RawCall>>,
    /// `pad = "secure"`: a digits step on this screen uses the bank's 安全键盘.
    pub pad: Option<Str>,
    /// `side = true`: the phone's own side buttons (音量+ 音量− 电源) at its right edge.
    pub side: Option<Spanned<bool>>,
    /// A bottom sheet (分享到…, 选择支付方式): while it shows, only its buttons can be tapped.
    pub sheet: Option<Spanned<RawSheet>>,
    /// A code shown at the top of a list screen: a payment code or a QR code.
    pub code: Option<Spanned<RawCode>>,
    /// `layout = "scan"`: the 扫一扫 viewfinder's words and what is in its frame.
    pub scan: Option<Spanned<RawScan>>,
    /// `layout = "face"`: the face check's words under its round frame.
    pub face: Option<Spanned<RawFace>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSheet {
    pub title: Option<SText>,
    pub buttons: Spanned<Vec<Spanned<RawItem>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    /// "pay" (a barcode over a QR code, 付款码) or "qr" (one QR code).
    pub kind: Str,
    pub caption: Option<SText>,
    pub note: Option<SText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScan {
    /// The words under the frame ("将二维码放入框内，即可自动扫描").
    pub text: SText,
    /// What the code in the frame is ("店家收款码").
    pub target: SText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFace {
    pub text: SText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: Str,
    pub label: SText,
    pub kind: Option<Str>,
    /// A colour word (green, red, blue, orange, grey, yellow), so hints like 绿色的 are true.
    pub color: Option<Str>,
    /// One narrow symbol drawn before the label (not an emoji).
    pub icon: Option<Str>,
    /// A row's text at the right (a value, a time).
    pub detail: Option<SText>,
    /// A toggle's or tick box's state, or the tab that is open.
    pub on: Option<Spanned<bool>>,
    /// A slider: where it is (0..=max), and its most.
    pub level: Option<Spanned<i64>>,
    pub max: Option<Spanned<i64>>,
    /// A button that does nothing until this tick box (an item id) is ticked.
    pub needs: Option<Str>,
    /// A button drawn greyed that does nothing.
    pub disabled: Option<Spanned<bool>>,
    /// A countdown drawn as a state: the seconds put where the label says `{s}`.
    pub count: Option<Spanned<i64>>,
    /// A chat bubble's sender, shown above it (group chats).
    pub from: Option<SText>,
    /// A chat bubble of the learner's own, drawn at the right.
    pub mine: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBanner {
    pub id: Str,
    /// Who sent it (a number, 10086, a bank's name).
    pub from: SText,
    pub text: SText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPopup {
    pub title: Option<SText>,
    pub text: SText,
    pub buttons: Spanned<Vec<Spanned<RawItem>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCall {
    pub from: SText,
    /// The number shown under the name, like "138 1234 5678" (digits and spaces).
    pub number: Option<Str>,
    /// "incoming" (the default), "talking", "video" or "video-incoming".
    pub state: Option<Str>,
    /// How long the call has gone on, "00:12" (talking and video).
    pub time: Option<Str>,
}

/// One step of any kind. The fields of all kinds live side by side so the validator can say
/// "a tap step needs `target`" or "`answer` belongs to digits steps" in plain words, which a
/// serde-tagged enum cannot.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub id: Str,
    pub kind: Str,
    pub say: SText,
    pub hint: Option<SText>,
    pub why: Option<SText>,
    /// One line of what is happening, shown when the step comes back alone in a review.
    pub context: Option<SText>,
    pub screen: Option<Str>,
    pub target: Option<Str>,
    /// A tap step: the likely wrong taps, each with why it is wrong.
    pub wrong: Option<Spanned<Vec<Spanned<RawWrongTap>>>>,
    /// A judge step: what to say when the learner gives the wrong verdict.
    pub wrong_verdict: Option<SText>,
    /// A swipe step: "up", "down", "left" or "right".
    pub direction: Option<Str>,
    /// A slide step: the level to move the slider to.
    pub level: Option<Spanned<i64>>,
    /// A digits step: "amount", "card", "phone" or "id" (plain digits without it).
    pub format: Option<Str>,
    pub choices: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    pub items: Option<Spanned<Vec<Spanned<RawOrderItem>>>>,
    pub answer: Option<Str>,
    pub secret: Option<Spanned<bool>>,
    /// A tap step: the screen the right tap leads to, shown with the praise.
    pub leads_to: Option<Str>,
    /// A judge step: "safe" or "suspicious".
    pub verdict: Option<Str>,
    /// A judge step: the tell-tale signs to pick from, one marked right.
    pub signs: Option<Spanned<Vec<Spanned<RawChoice>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: Str,
    pub text: SText,
    #[serde(default)]
    pub right: bool,
    /// Why this one is wrong (on a wrong choice or sign), shown after it is picked.
    pub why: Option<SText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWrongTap {
    pub target: Str,
    pub why: SText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrderItem {
    pub id: Str,
    pub text: SText,
}

/// An entry with an id and a text: a choice or an order item.
pub trait Labelled {
    fn parts(&self) -> (&Str, &SText);
}

impl Labelled for RawChoice {
    fn parts(&self) -> (&Str, &SText) {
        (&self.id, &self.text)
    }
}

impl Labelled for RawOrderItem {
    fn parts(&self) -> (&Str, &SText) {
        (&self.id, &self.text)
    }
}
