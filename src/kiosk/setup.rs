//! The sample files for a Linux kiosk — a systemd unit that runs cage + foot + `zhulao --kiosk`
//! on tty1, and a foot.ini with the font size for the panel — printed by `zhulao kiosk-setup
//! --print`. The font sizes come from measuring (see the README's kiosk table): they are the
//! largest that still give zhulao its 40×12 cells.

pub const FOOT_INI: &str = include_str!("setup/foot.ini");
pub const SERVICE: &str = include_str!("setup/zhulao-kiosk.service");

/// Panels measured (cage 0.1.4 + foot 1.13.1, Noto Sans Mono CJK SC, dpi-aware=no): width,
/// height, the largest font size in points that gives ≥ 40×12 cells, and the cells it gives.
pub const PANELS: [Panel; 3] = [
    Panel {
        width: 1024,
        height: 600,
        points: 25,
        columns: 60,
        rows: 12,
    },
    Panel {
        width: 1280,
        height: 800,
        points: 34,
        columns: 55,
        rows: 12,
    },
    Panel {
        width: 1920,
        height: 1080,
        points: 46,
        columns: 61,
        rows: 12,
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panel {
    pub width: u32,
    pub height: u32,
    pub points: u32,
    pub columns: u32,
    pub rows: u32,
}

/// The files `--print` knows, by name.
pub const FILES: [&str; 2] = ["foot.ini", "zhulao-kiosk.service"];

/// Reads "1280x800" (or 1280×800).
pub fn parse_panel(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("“{s}” is not a screen size; write it like 1280x800");
    let (w, h) = s.trim().split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if w == 0 || h == 0 {
        return Err(bad());
    }
    Ok((w, h))
}

/// The measured panel to take the font size from: the biggest one no larger than the screen
/// in either direction (a bigger screen with that size has more cells, never fewer), and
/// whether it is an exact match.
pub fn panel_for(width: u32, height: u32) -> (Panel, bool) {
    let fitting = PANELS
        .iter()
        .filter(|p| p.width <= width && p.height <= height)
        .max_by_key(|p| p.points);
    match fitting {
        Some(p) => (*p, p.width == width && p.height == height),
        None => (PANELS[0], false),
    }
}

/// The text of one sample file, with the font size for `panel` filled in.
pub fn file(name: &str, panel: (u32, u32)) -> Option<String> {
    let (p, _) = panel_for(panel.0, panel.1);
    match name {
        "foot.ini" => Some(FOOT_INI.replace("{size}", &p.points.to_string())),
        "zhulao-kiosk.service" => Some(SERVICE.to_string()),
        _ => None,
    }
}

/// What `zhulao kiosk-setup` says: the steps, then (with `--print`) the files.
pub fn explain(panel: (u32, u32)) -> String {
    let (p, exact) = panel_for(panel.0, panel.1);
    let mut out = format!(
        "Font size for a {}x{} panel: {} pt ({}).\n",
        panel.0,
        panel.1,
        p.points,
        if exact {
            format!("measured: {} x {} cells", p.columns, p.rows)
        } else {
            format!(
                "measured on {}x{}; on this panel it gives at least as many cells — check with `zhulao doctor` in the kiosk's terminal",
                p.width, p.height
            )
        }
    );
    out.push_str(
        "Print the files with:\n  zhulao kiosk-setup --print foot.ini --panel WIDTHxHEIGHT > /etc/zhulao/foot.ini\n  zhulao kiosk-setup --print zhulao-kiosk.service > /etc/systemd/system/zhulao-kiosk.service\nThe README's \"Setting up a kiosk\" has every step.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_measured_panel_gets_its_own_size_and_others_the_nearest_smaller() {
        assert_eq!(parse_panel("1024x600"), Ok((1024, 600)));
        assert_eq!(parse_panel(" 1920 × 1080 "), Ok((1920, 1080)));
        assert!(parse_panel("big").is_err() && parse_panel("0x5").is_err());
        assert_eq!(panel_for(1280, 800), (PANELS[1], true));
        assert_eq!(
            panel_for(1366, 768).0.points,
            25,
            "768 rows: the 600-row size"
        );
        assert_eq!(panel_for(2560, 1440).0.points, 46);
        assert_eq!(panel_for(800, 480), (PANELS[0], false));
        let ini = file("foot.ini", (1280, 800)).unwrap();
        assert!(ini.contains("font=Noto Sans Mono CJK SC:size=34\n"));
        assert!(!ini.contains("{size}"));
        assert!(
            file("zhulao-kiosk.service", (1024, 600))
                .unwrap()
                .contains("zhulao --kiosk")
        );
        assert_eq!(file("other", (1024, 600)), None);
    }
}
