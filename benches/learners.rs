//! Opening the who-is-learning screen with a big roster: loading the learners from the database
//! (most recently active first) and drawing the screen, as the app does when a learner presses
//! 开始学习. Run with `cargo bench --bench learners`. Reports medians; no pass/fail thresholds.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use zhulao::app::{App, Env};
use zhulao::content::Library;
use zhulao::progress::{EventDraft, NewLearner, Store, Verb};
use zhulao::screens::Screen;
use zhulao::screens::learners::Learners;
use zhulao::settings::Settings;

const RUNS: usize = 30;

fn median(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let n = samples.len();
    format!(
        "median {:.2} ms (p25 {:.2}, p75 {:.2}; n = {n})",
        ms(samples[n / 2]),
        ms(samples[n / 4]),
        ms(samples[3 * n / 4])
    )
}

fn main() {
    for (learners, events_each) in [(500, 20), (10_000, 10)] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        for i in 0..learners {
            let new = if i % 2 == 0 {
                NewLearner::Named(format!("学员甲{i}"))
            } else {
                NewLearner::Numbered
            };
            let learner = store.add_learner(&new).unwrap();
            for _ in 0..events_each {
                store
                    .record(&EventDraft {
                        verb: Verb::Attempted,
                        learner_id: learner.id.clone(),
                        registration: None,
                        pack_id: "basics".into(),
                        lesson_id: "call-family".into(),
                        step: None,
                        stars: None,
                        lang: zhulao::lang::Lang::Zh,
                    })
                    .unwrap();
            }
        }
        let lib = Library::default();
        let mut load_only = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            std::hint::black_box(store.learners().unwrap());
            load_only.push(start.elapsed());
        }
        println!("{learners} learners: load only: {}", median(load_only));
        let mut samples = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            let list = store.learners().unwrap();
            let mut app = App::new(Settings::default(), Env::default());
            app.screen = Screen::Learners(Learners { cursor: 0, list });
            let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
            let hits = zhulao::ui::draw(&app, &lib, buf.area, &mut buf);
            std::hint::black_box(hits);
            samples.push(start.elapsed());
        }
        println!(
            "{learners} learners, {} events: load and draw the learner list: {}",
            learners * events_each,
            median(samples)
        );
    }
}
