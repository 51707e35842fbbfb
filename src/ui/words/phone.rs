//! The words the simulated phone itself says (not the lesson's): its scroll cues and a call's
//! state line. Kept beside the words table so a missing translation is a compile error.

pub struct PhoneWords {
    /// Under a long screen whose end is not shown.
    pub more_below: &'static str,
    /// Over a long screen shown from below its top.
    pub more_above: &'static str,
    /// A voice call in progress, when it has no time on it.
    pub talking: &'static str,
    /// A video call in progress.
    pub video: &'static str,
    /// A video call coming in (after the caller's name).
    pub video_invite: &'static str,
}

pub const ZH: PhoneWords = PhoneWords {
    more_below: "↓下面还有",
    more_above: "↑上面还有",
    talking: "通话中",
    video: "视频通话中",
    video_invite: "邀请你视频通话",
};

pub const EN: PhoneWords = PhoneWords {
    more_below: "↓more below",
    more_above: "↑more above",
    talking: "On the call",
    video: "Video call",
    video_invite: "wants to video call you",
};
