//! The player's words for the steps that ask for a gesture (swipe, press and hold, move a
//! slider) and for the wrong taps zhulao can explain by itself (a greyed button, a button that
//! waits for its tick box). Beside the words table, in both languages.

pub struct StepWords {
    /// A short tap where a press and hold was asked for.
    pub hold_short: &'static str,
    /// A tap on a button that waits for its tick box.
    pub needs_check: &'static str,
    /// A tap on a greyed button.
    pub disabled: &'static str,
    /// A swipe the other way.
    pub swipe_wrong: &'static str,
    /// A slider left at another level: "{level}" is where it is, "{want}" where it should be.
    pub slide_wrong: &'static str,
    /// The pointer for a swipe: "{way}" is the way to go, "{key}" its arrow key.
    pub point_swipe: &'static str,
    /// Enter alone on a swipe, hold or slide step: which keys (or touches) do it.
    pub first_swipe: &'static str,
    /// While a finger is down on the item of a hold step.
    pub holding: &'static str,
    pub first_hold: &'static str,
    pub first_slide: &'static str,
    /// The pointer for a press and hold on "{label}".
    pub point_hold: &'static str,
    /// The pointer for a slider: "{want}" the level, "{keys}" the arrow keys.
    pub point_slide: &'static str,
    /// The pointer for a tap where number keys follow the scrolled screen.
    pub point_tap_enter: &'static str,
    pub way_up: &'static str,
    pub way_down: &'static str,
    pub way_left: &'static str,
    pub way_right: &'static str,
    /// Footer: what an arrow key does in a swipe step, and Space in a hold step.
    pub word_swipe: &'static str,
    pub key_space: &'static str,
    pub word_hold: &'static str,
    pub word_slide: &'static str,
    /// Footer: the keys that move a long phone screen.
    pub key_pages: &'static str,
    pub word_scroll: &'static str,
    /// A review step's first line: where it comes from ("{lesson}").
    pub review_from: &'static str,
}

pub const ZH: StepWords = StepWords {
    hold_short: "这一下是轻点。要用手指按住它不放，等一两秒再松开。用键盘：先用方向键选中它，再按空格键。",
    needs_check: "这个按钮现在点不了：要先勾选上面的“同意”，它才能点。",
    disabled: "这个按钮是灰的，现在点了没反应。",
    swipe_wrong: "方向不对，再看看要往哪边滑。",
    slide_wrong: "现在在第 {level} 格，要调到第 {want} 格。",
    point_swipe: "» 手指按住屏幕往{way}滑，或者按 {key} 键。",
    holding: "正按住……等一两秒再松开手指。",
    first_swipe: "这一步要滑一下：手指按住手机屏幕往要去的方向滑，或者按方向键（↑ ↓ ← →）。",
    first_hold: "这一步要按住不放：用方向键选中那一项，再按空格键；用手指就按住它，等一两秒。",
    first_slide: "先调一调：按 ← → 键，或者点滑块上的位置，调好了再按回车。",
    point_hold: "» 按住“{label}”不放：用方向键选中它，再按空格键。",
    point_slide: "» 按 {keys} 调到第 {want} 格，再按回车。",
    point_tap_enter: "» 就是黄框里的“{label}”。按回车。",
    way_up: "上",
    way_down: "下",
    way_left: "左",
    way_right: "右",
    word_swipe: "滑动",
    key_space: "空格",
    word_hold: "按住",
    word_slide: "调",
    key_pages: "翻页键",
    word_scroll: "翻屏",
    review_from: "复习：来自“{lesson}”",
};

pub const EN: StepWords = StepWords {
    hold_short: "That was a quick tap. Press it with your finger and hold for a second or two, then let go. With keys: move to it with the arrows, then press Space.",
    needs_check: "This button does nothing yet: tick “I agree” above first, then it works.",
    disabled: "This button is grey: tapping it does nothing now.",
    swipe_wrong: "Not that way. Look again at which way to swipe.",
    slide_wrong: "It is at {level} now; it should be at {want}.",
    point_swipe: "» Put your finger on the screen and slide it {way}, or press {key}.",
    holding: "Holding… let go after a second or two.",
    first_swipe: "This step is a swipe: slide your finger across the phone the way it should go, or press an arrow key (↑ ↓ ← →).",
    first_hold: "This step is a press and hold: move to the item with the arrows, then press Space; by touch, keep your finger on it for a second or two.",
    first_slide: "Move the slider first: press ← →, or tap a place on its track; then press Enter.",
    point_hold: "» Press and hold “{label}”: move to it with the arrows, then press Space.",
    point_slide: "» Press {keys} to get to {want}, then Enter.",
    point_tap_enter: "» It is “{label}”, in the yellow box. Press Enter.",
    way_up: "up",
    way_down: "down",
    way_left: "left",
    way_right: "right",
    word_swipe: "swipe",
    key_space: "Space",
    word_hold: "hold",
    word_slide: "adjust",
    key_pages: "PgUp/PgDn",
    word_scroll: "scroll",
    review_from: "Review: from “{lesson}”",
};
