//! How figures are shown to people — on the teacher's screens and in the bureau's report — in
//! one place, so a screen and a report never disagree about the same number:
//!
//! - **Rounding**: to the nearest, a half up (1/6 → 17%, 0.25 min → 0.3). Done in whole numbers
//!   (tenths, per cents), so a half is exactly a half and never 0.4999….
//! - **Learning time on a screen**: whole minutes, rounded; less than a minute but more than
//!   nothing is "不到1分钟" / "under 1 min" (never "0分钟" beside a report's 0.8), nothing at all
//!   is "0分钟".
//! - **Learning time in a report**: minutes (or hours) with one decimal, rounded the same way.
//! - **Class hours (课时)**: learning time divided by the centre's class period, one decimal.

use crate::ui::words::fill;
use crate::ui::words::{TeacherWords, attendance::AttendanceWords};

const MINUTE_MS: u64 = 60_000;

/// `part` of `whole` in per cent, to the nearest (a half up); 0 when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        return 0;
    }
    (part * 200 + whole) / (whole * 2)
}

/// `n / d` in tenths, to the nearest (a half up): the one rounding of every decimal shown.
fn tenths(n: u64, d: u64) -> f64 {
    if d == 0 {
        return 0.0;
    }
    ((n * 20 + d) / (d * 2)) as f64 / 10.0
}

/// Minutes with one decimal, as a report shows them (12.5).
pub fn minutes(time_ms: u64) -> f64 {
    tenths(time_ms, MINUTE_MS)
}

/// Hours with one decimal.
pub fn hours(time_ms: u64) -> f64 {
    tenths(time_ms, 60 * MINUTE_MS)
}

/// Class hours (课时): the time over the centre's class period, with one decimal.
pub fn class_hours(time_ms: u64, class_minutes: u16) -> f64 {
    tenths(time_ms, u64::from(class_minutes.max(1)) * MINUTE_MS)
}

/// `total / count` with one decimal (average stars, minutes per learner); 0 when `count` is 0.
pub fn average(total: u64, count: u64) -> f64 {
    tenths(total, count)
}

/// Learning time on a screen: "不到1分钟", "12分钟", "1小时05分".
pub fn duration(teacher: &TeacherWords, attendance: &AttendanceWords, ms: u64) -> String {
    if ms > 0 && ms < MINUTE_MS {
        return attendance.under_a_minute.to_string();
    }
    let minutes = (ms + MINUTE_MS / 2) / MINUTE_MS;
    if minutes >= 60 {
        fill(
            teacher.hours_minutes,
            &[
                ("h", &(minutes / 60).to_string()),
                ("m", &format!("{:02}", minutes % 60)),
            ],
        )
    } else {
        fill(teacher.minutes, &[("m", &minutes.to_string())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::ui::words::words;

    #[test]
    fn percentages_go_to_the_nearest_a_half_up() {
        assert_eq!(percent(1, 6), 17, "16.67% is 17%, not 16%");
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 8), 13, "12.5% goes up");
        assert_eq!(percent(1, 200), 1, "0.5% goes up");
        assert_eq!(percent(0, 5), 0);
        assert_eq!(percent(5, 5), 100);
        assert_eq!(percent(3, 0), 0);
    }

    #[test]
    fn decimals_go_to_the_nearest_tenth_a_half_up() {
        assert_eq!(minutes(0), 0.0);
        assert_eq!(minutes(3_000), 0.1, "0.05 min goes up");
        assert_eq!(minutes(48_000), 0.8);
        assert_eq!(minutes(90_000), 1.5);
        assert_eq!(minutes(754_000), 12.6);
        assert_eq!(hours(5_400_000), 1.5);
        assert_eq!(hours(180_000), 0.1);
        assert_eq!(class_hours(45 * 60_000, 45), 1.0);
        assert_eq!(class_hours(90 * 60_000, 40), 2.3, "2.25 goes up");
        assert_eq!(average(7, 4), 1.8, "1.75 goes up");
        assert_eq!(average(7, 0), 0.0);
    }

    #[test]
    fn time_under_a_minute_is_said_so_and_minutes_are_rounded() {
        for (lang, under, zero) in [
            (Lang::Zh, "不到1分钟", "0分钟"),
            (Lang::En, "under 1 min", "0 min"),
        ] {
            let w = words(lang);
            let shown = |ms| duration(w.teacher, w.attendance, ms);
            assert_eq!(shown(48_000), under, "the report's 0.8");
            assert_eq!(shown(1), under);
            assert_eq!(shown(0), zero);
        }
        let w = words(Lang::Zh);
        let shown = |ms| duration(w.teacher, w.attendance, ms);
        assert_eq!(shown(60_000), "1分钟");
        assert_eq!(
            shown(90_000),
            "2分钟",
            "1.5 minutes, rounded as the report rounds"
        );
        assert_eq!(shown(89_999), "1分钟");
        assert_eq!(shown(59 * 60_000 + 40_000), "1小时00分");
        assert_eq!(shown(65 * 60_000), "1小时05分");
    }
}
