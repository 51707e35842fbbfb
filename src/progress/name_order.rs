//! The one order of names on every list and report: as a Chinese class list goes, by the
//! pinyin of the surname and then of the given name (陈, 黄, 李, 刘, 王, 张 …), the same
//! syllable by tone, then by the character itself, so 王 and 汪 stay apart and the order never
//! depends on chance. Latin letters sort among the pinyin (Anna before 陈), runs of digits by
//! their value (学员2 before 学员10). Learners with a number and no name come after the named
//! ones, by number.
//!
//! A surname read differently from the same character elsewhere (曾 zēng not céng, 单 shàn
//! not dān, 解 xiè not jiě …) is read as a surname when it starts a name: the pinyin crate
//! gives a character's commonest reading first, which for these is not the surname's.
//!
//! The store sorts with the same comparison: long lists of learners with `sort_by_learner`
//! (each name's key worked out once), short ones (groups) in SQL with the collation `PINYIN`
//! (`register_collation`), so `ORDER BY name COLLATE PINYIN` is this order.

use std::cmp::Ordering;

use pinyin::{ToPinyin, ToPinyinMulti};

use crate::progress::event::Learner;

/// Surnames whose reading is not the character's first reading in the pinyin data, with the
/// reading they have as a surname (tone number at the end). Each is one of the crate's own
/// readings of that character (a test checks it).
const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng1"),
    ('单', "shan4"),
    ('解', "xie4"),
    ('仇', "qiu2"),
    ('区', "ou1"),
    ('查', "zha1"),
    ('朴', "piao2"),
    ('盖', "ge3"),
    ('乐', "yue4"),
    ('覃', "qin2"),
    ('缪', "miao4"),
    ('翟', "zhai2"),
    ('召', "shao4"),
    ('尉', "yu4"),
    ('种', "chong2"),
    ('柏', "bai3"),
    ('秘', "bi4"),
    ('员', "yun4"),
    ('重', "chong2"),
    ('华', "hua4"),
    ('纪', "ji3"),
    ('任', "ren2"),
    ('过', "guo1"),
    ('宁', "ning4"),
    ('都', "du1"),
    ('藏', "zang4"),
    ('长', "chang2"),
    ('万', "wan4"),
    ('沈', "shen3"),
    ('石', "shi2"),
    ('曲', "qu1"),
];

/// One piece of a name as it is compared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    /// A run of digits, by value (then by how it was written: "07" after "7").
    Number(u128, String),
    /// A syllable of pinyin or a run of Latin letters, without tones and case; its tone (0 for
    /// Latin letters, 5 for the neutral tone); what was written.
    Word(String, u8, String),
}

/// What a name is compared by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NameKey(Vec<Part>);

/// The reading of `c` as a syllable and a tone, if it is a Chinese character the pinyin data
/// knows; `surname` asks for its reading as a surname.
fn reading(c: char, surname: bool) -> Option<(String, u8)> {
    let numbered: &str = match SURNAME_READINGS.iter().find(|(s, _)| surname && *s == c) {
        Some((_, r)) => r,
        None => c.to_pinyin()?.with_tone_num_end(),
    };
    let (letters, tone) = match numbered.char_indices().last() {
        Some((i, d)) if d.is_ascii_digit() => (&numbered[..i], d as u8 - b'0'),
        _ => (numbered, 5),
    };
    Some((letters.replace('ü', "v"), tone))
}

/// The key of a name: what `compare_names` compares.
pub fn name_key(name: &str) -> NameKey {
    let mut parts = Vec::new();
    let mut chars = name.trim().chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        if let Some((letters, tone)) = reading(c, first) {
            parts.push(Part::Word(letters, tone, c.to_string()));
        } else if c.is_ascii_digit() {
            let mut run = c.to_string();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                run.push(d);
            }
            let value = run.parse().unwrap_or(u128::MAX);
            parts.push(Part::Number(value, run));
        } else if c.is_alphabetic() {
            let mut run = c.to_string();
            while let Some(d) = chars.next_if(|d| d.is_alphabetic() && reading(*d, false).is_none())
            {
                run.push(d);
            }
            let plain: String = run.chars().flat_map(char::to_lowercase).collect();
            parts.push(Part::Word(plain, 0, run));
        } else if !c.is_whitespace() {
            parts.push(Part::Word(c.to_string(), 0, c.to_string()));
        }
        first = false;
    }
    NameKey(parts)
}

/// Two names in class-list order.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    name_key(a).cmp(&name_key(b)).then_with(|| a.cmp(b))
}

/// Two learners in class-list order: named learners by name, then numbered ones by number.
pub fn compare_learners(a: &Learner, b: &Learner) -> Ordering {
    compare_stored((a.name.as_deref(), a.number), (b.name.as_deref(), b.number))
        .then_with(|| a.id.cmp(&b.id))
}

/// The same for a learner's name and number as stored.
pub fn compare_stored(a: (Option<&str>, Option<u32>), b: (Option<&str>, Option<u32>)) -> Ordering {
    match (a.0, b.0) {
        (Some(x), Some(y)) => compare_names(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    }
}

/// Sorts `items` in class-list order of the learner each holds, working out each name's key
/// once (a sort by the collation works it out at every comparison: ten thousand names cost
/// tens of milliseconds that way).
pub fn sort_by_learner<T>(items: &mut [T], learner: impl Fn(&T) -> &Learner) {
    items.sort_by_cached_key(|item| {
        let l = learner(item);
        (learner_key(l.name.as_deref(), l.number), l.id.clone())
    });
}

/// What a learner's name and number (as stored) are sorted by: named learners by `name_key`
/// (then the name itself), then numbered ones by number.
pub type LearnerKey = (bool, Option<NameKey>, Option<String>, Option<u32>);

pub fn learner_key(name: Option<&str>, number: Option<u32>) -> LearnerKey {
    (
        name.is_none(),
        name.map(name_key),
        name.map(str::to_string),
        number,
    )
}

/// Makes `ORDER BY … COLLATE PINYIN` this order on `conn`.
pub fn register_collation(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.create_collation("PINYIN", compare_names)
}

/// Every reading the pinyin data has for `c` (for the tests of the surname table).
pub fn readings(c: char) -> Vec<&'static str> {
    c.to_pinyin_multi()
        .map(|m| m.into_iter().map(|p| p.with_tone_num_end()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare_names(a, b));
        v
    }

    #[test]
    fn common_surnames_go_in_pinyin_order() {
        assert_eq!(
            sorted(&[
                "张伟",
                "王秀英",
                "刘洋",
                "李桂兰",
                "黄敏",
                "陈静",
                "赵丽",
                "周杰",
                "吴芳",
                "徐磊"
            ]),
            [
                "陈静",
                "黄敏",
                "李桂兰",
                "刘洋",
                "王秀英",
                "吴芳",
                "徐磊",
                "张伟",
                "赵丽",
                "周杰"
            ]
        );
    }

    #[test]
    fn the_same_surname_goes_by_the_given_name_and_one_syllable_by_tone() {
        assert_eq!(
            sorted(&["王秀英", "王芳", "汪洋", "王丽", "李四", "李 三"]),
            // 李 三 (san) before 李四 (si); 汪 (wang1) before 王 (wang2); 王芳 < 王丽 < 王秀英.
            ["李 三", "李四", "汪洋", "王芳", "王丽", "王秀英"]
        );
    }

    #[test]
    fn surnames_read_another_way_sort_by_their_surname_reading() {
        // 曾 as a surname is zēng (between 陈 and 张), not céng (which would put it before 陈).
        assert_eq!(
            sorted(&["陈静", "曾国藩", "张伟"]),
            ["陈静", "曾国藩", "张伟"]
        );
        assert_eq!(
            name_key("曾国藩").0[0],
            Part::Word("zeng".into(), 1, "曾".into())
        );
        // 单 as a surname is shàn (after 邓), not dān (which would put it before 邓).
        assert_eq!(
            sorted(&["邓丽君", "单田芳", "孙红"]),
            ["邓丽君", "单田芳", "孙红"]
        );
        // 解 xiè, after 吴 and before 徐.
        assert_eq!(sorted(&["徐磊", "解缙", "吴芳"]), ["吴芳", "解缙", "徐磊"]);
        // Inside a name the character keeps its usual reading: 曾 in 何曾 is céng.
        assert_eq!(
            name_key("何曾").0[1],
            Part::Word("ceng".into(), 2, "曾".into())
        );
    }

    #[test]
    fn the_pinyin_data_reads_these_characters_otherwise_first() {
        // Why the surname table is needed: the crate's first reading is the common word's.
        assert_eq!(readings('曾')[0], "ceng2");
        assert_eq!(readings('单')[0], "dan1");
        assert_eq!(readings('解')[0], "jie3");
    }

    #[test]
    fn every_surname_reading_is_one_the_pinyin_data_has() {
        for (c, r) in SURNAME_READINGS {
            assert!(
                readings(*c).contains(r),
                "{c}: {r} not in {:?}",
                readings(*c)
            );
        }
    }

    #[test]
    fn latin_names_sort_among_pinyin_and_numbers_by_value() {
        assert_eq!(
            sorted(&["Zoe", "陈静", "anna", "Bob", "学员10", "学员2"]),
            ["anna", "Bob", "陈静", "学员2", "学员10", "Zoe"]
        );
    }

    #[test]
    fn numbered_learners_come_after_named_ones_by_number() {
        let l = |id: &str, name: Option<&str>, number: Option<u32>| Learner {
            id: id.into(),
            name: name.map(str::to_string),
            number,
            seat: None,
        };
        let mut v = [
            l("a", None, Some(10)),
            l("b", Some("张伟"), None),
            l("c", None, Some(2)),
            l("d", Some("陈静"), None),
        ];
        v.sort_by(compare_learners);
        let ids: Vec<&str> = v.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["d", "b", "c", "a"]);
    }

    #[test]
    fn sorting_learners_with_cached_keys_is_the_same_order() {
        let l = |id: &str, name: Option<&str>, number: Option<u32>| Learner {
            id: id.into(),
            name: name.map(str::to_string),
            number,
            seat: None,
        };
        let mut a = vec![
            l("1", None, Some(3)),
            l("2", Some("曾国藩"), None),
            l("3", Some("陈静"), None),
            l("4", Some("Anna"), None),
            l("5", None, Some(1)),
            l("6", Some("张伟"), None),
        ];
        let mut b = a.clone();
        a.sort_by(compare_learners);
        sort_by_learner(&mut b, |l| l);
        assert_eq!(a, b);
    }

    #[test]
    fn the_store_orders_by_the_same_comparison() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        register_collation(&conn).unwrap();
        conn.execute_batch(
            "CREATE TABLE t (n TEXT); INSERT INTO t VALUES ('张伟'), ('曾国藩'), ('陈静'), ('Anna');",
        )
        .unwrap();
        let got: Vec<String> = conn
            .prepare("SELECT n FROM t ORDER BY n COLLATE PINYIN")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(got, ["Anna", "陈静", "曾国藩", "张伟"]);
    }
}
