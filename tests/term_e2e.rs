//! The teacher's term in the real binary, as a volunteer meets it: a class list from a
//! spreadsheet with the headers people really write (学员姓名, 小组, 座号, and a phone column
//! nothing is taken from), then the teacher's screens in a pseudo-terminal — who is missing, in
//! pinyin order, with the learner who never came, and one learner's detail with the step's text
//! and her own wrong answer.

use std::process::Command;

use crate::attendance::{learn, named};
use crate::common;
use zhulao::progress::Store;
use zhulao::screens::instructor::home;

#[test]
fn a_class_list_then_who_is_missing_and_a_learners_own_wrong_answer_on_the_teachers_screens() {
    let data = tempfile::tempdir().unwrap();
    let roster = data.path().join("名单.csv");
    std::fs::write(
        &roster,
        "学员姓名,小组,座号,电话\n张建国,周四下午班,2,13900000000\n陈玉兰,周二上午班,3,\n",
    )
    .unwrap();
    {
        // 王秀英 came once, long ago, and tapped 微信 before 微信读书.
        let mut store = Store::open(data.path()).unwrap();
        store
            .set_pin_hash(&zhulao::pin::hash("24681012").unwrap())
            .unwrap();
        let wang = named(&mut store, "王秀英");
        store.set_seat(&wang.id, Some(1)).unwrap();
        learn(
            &mut store,
            &wang,
            "2026-10-01T02:00:00.000Z",
            &[("open-app", false, 20_000), ("open-app", true, 20_000)],
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_zhulao"))
        .arg("--data")
        .arg(data.path())
        .args(["roster", "import"])
        .arg(&roster)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("张建国 已加入，在 周四下午班，座位 2"),
        "{said}"
    );
    assert!(said.contains("没有用到的列：电话"), "{said}");

    let mut teacher = common::start_app(data.path(), 80, 24, &[], &[]);
    teacher.wait_for("开始学习");
    teacher.key("\x1bOQ", "请输入老师密码");
    teacher.send_raw("24681012\r");
    teacher.wait_for("谁没来");
    teacher.key(&(home::MISSING + 1).to_string(), "7 天以上没来");
    teacher.wait_for("还没来过");
    // Pinyin order: 陈, 王, 张; the two on the list who never started are marked with a sign as
    // well as words.
    let screen = teacher.text();
    let row = |name: &str| {
        screen
            .lines()
            .position(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no {name} in\n{screen}"))
    };
    assert!(
        row("陈玉兰") < row("王秀英") && row("王秀英") < row("张建国"),
        "{screen}"
    );
    assert_eq!(screen.matches("✗ 还没来过").count(), 2, "{screen}");
    assert!(
        screen.contains("2026-10-01"),
        "the day she was last seen: {screen}"
    );
    teacher.key("d", "14 天以上没来");
    teacher.key("d", "30 天以上没来");
    // Down to 王秀英, then her detail: what the step asked, and what she answered.
    teacher.send("\x1b[B");
    teacher.key("\r", "TA 答的");
    let screen = teacher.text();
    assert!(screen.contains("王秀英"), "{screen}");
    assert!(screen.contains("这一步："), "{screen}");
    assert!(screen.contains("微信"), "{screen}");
}
