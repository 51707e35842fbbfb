//! Taking over the terminal and always giving it back: raw mode, the alternate screen and mouse
//! capture are undone on quit, on error (the guard's Drop), on panic (the hook) and on SIGTERM,
//! SIGHUP and SIGQUIT (they end the loop, which then leaves through the guard like a quit), so
//! a kiosk never leaves a garbled shell behind.
//!
//! Input is read on its own thread and signals are caught on another; both feed one channel,
//! which the loop waits on. So the loop sleeps until something happens, a signal can wake it,
//! and everything that arrived together can be handled before the next draw.

use std::io::{self, BufWriter, Stdout};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Once, OnceLock};
use std::time::Instant;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use crate::event_loop::{Input, Inputs};

/// The largest window zhulao draws into. A terminal that reports an absurd size (65535×65535)
/// would otherwise make the screen buffer take gigabytes; beyond this, the rest stays empty.
pub const MAX_COLUMNS: u16 = 1000;
pub const MAX_ROWS: u16 = 500;

/// Bytes gathered before writing to the terminal: a full 80×24 frame in colour is about 5 KiB,
/// a 200×60 one with big text a few times that.
const FRAME_BUFFER: usize = 64 * 1024;

pub struct TerminalGuard {
    /// Buffered, so that a frame reaches the terminal in one write.
    pub terminal: Terminal<Clamped<CrosstermBackend<BufWriter<Stdout>>>>,
}

/// Gives the terminal back: cooked mode, mouse off, main screen, cursor shown.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Where a panic is logged (the data folder), once it is known.
static PANIC_LOG: OnceLock<PathBuf> = OnceLock::new();
static PANIC_HOOK: Once = Once::new();

/// From now on a panic is also written, with the time, to `zhulao.log` in `data_dir`.
pub fn log_panics_in(data_dir: PathBuf) {
    let _ = PANIC_LOG.set(data_dir);
    install_panic_hook();
}

/// On a panic: the terminal is given back first (so the message is readable), the panic is
/// logged if a data folder is known, then the usual message is printed. Installed once, however
/// often the terminal is taken over again (a kiosk restarts in place after a panic).
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            if let Some(dir) = PANIC_LOG.get() {
                let _ = crate::kiosk::log::write(
                    dir,
                    &format!(
                        "zhulao {} stopped with an internal error (a panic): {info}",
                        env!("CARGO_PKG_VERSION")
                    ),
                );
            }
            previous(info);
        }));
    });
}

impl TerminalGuard {
    pub fn new() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableMouseCapture) {
            restore();
            return Err(e);
        }
        let backend = Clamped(CrosstermBackend::new(BufWriter::with_capacity(
            FRAME_BUFFER,
            stdout,
        )));
        let terminal = Terminal::new(backend).inspect_err(|_| restore())?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// The terminal's inputs and the process's signals, on one channel.
pub struct Channel {
    rx: Receiver<Input>,
}

impl Channel {
    /// Catches the signals and starts the reader thread (and, on Unix, the signal thread).
    pub fn start() -> io::Result<Channel> {
        Channel::catch_signals()?.listen()
    }

    /// Catches the signals now, to be read once `listen` starts the threads. Launch does this
    /// before taking the terminal over, so that a signal arriving at once still gives it back,
    /// and listens only after the first screen is drawn.
    pub fn catch_signals() -> io::Result<Caught> {
        Ok(Caught {
            #[cfg(unix)]
            signals: {
                use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
                signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH])?
            },
        })
    }
}

/// Signals caught and kept until `listen` (see `Channel::catch_signals`).
pub struct Caught {
    #[cfg(unix)]
    signals: signal_hook::iterator::Signals,
}

impl Caught {
    /// Starts the reader thread (and, on Unix, the signal thread): the channel the loop waits on.
    pub fn listen(self) -> io::Result<Channel> {
        let (tx, rx) = channel();
        #[cfg(unix)]
        watch_signals(self.signals, tx.clone())?;
        std::thread::Builder::new()
            .name("zhulao-input".into())
            .spawn(move || read_terminal(tx))?;
        Ok(Channel { rx })
    }
}

fn read_terminal(tx: Sender<Input>) {
    while let Ok(event) = crossterm::event::read() {
        if tx.send(Input::Terminal(event)).is_err() {
            return;
        }
    }
}

#[cfg(unix)]
fn watch_signals(mut signals: signal_hook::iterator::Signals, tx: Sender<Input>) -> io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGWINCH};
    std::thread::Builder::new()
        .name("zhulao-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let input = match signal {
                    SIGINT => Input::Interrupt,
                    // The window changed size. The reader thread hears of it too, but only once
                    // it has started (after the first screen): one that came before would be
                    // lost, and the screen left at the old size until the next. A second
                    // resize event only redraws.
                    SIGWINCH => match crossterm::terminal::size() {
                        Ok((cols, rows)) => {
                            Input::Terminal(crossterm::event::Event::Resize(cols, rows))
                        }
                        Err(_) => continue,
                    },
                    _ => Input::Terminate(signal),
                };
                if tx.send(input).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

impl Inputs for Channel {
    fn next(&mut self, deadline: Option<Instant>) -> Result<Option<Input>, ()> {
        match deadline {
            None => self.rx.recv().map(Some).map_err(|_| ()),
            Some(at) => match self
                .rx
                .recv_timeout(at.saturating_duration_since(Instant::now()))
            {
                Ok(input) => Ok(Some(input)),
                Err(RecvTimeoutError::Timeout) => Ok(None),
                Err(RecvTimeoutError::Disconnected) => Err(()),
            },
        }
    }

    fn pending(&mut self) -> Option<Input> {
        self.rx.try_recv().ok()
    }
}

/// A backend that never reports more than `MAX_COLUMNS × MAX_ROWS`.
pub struct Clamped<B>(pub B);

fn clamp(size: Size) -> Size {
    Size::new(size.width.min(MAX_COLUMNS), size.height.min(MAX_ROWS))
}

impl<B: Backend> Backend for Clamped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    /// Showing the cursor again only matters while the terminal is there: when it has gone
    /// (the kiosk's window was closed), the error is dropped here rather than printed by
    /// ratatui on the way out — to a standard error that has gone too.
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        let _ = self.0.show_cursor();
        Ok(())
    }

    /// zhulao draws the whole screen and never needs to know where the terminal's cursor is.
    /// Asking the terminal would wait for its answer on the same input the reader thread is
    /// reading (up to two seconds, then an error) — as happens when a kiosk takes the terminal
    /// over again after a panic — so the answer is simply the top left corner.
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size().map(clamp)
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size().map(|w| WindowSize {
            columns_rows: clamp(w.columns_rows),
            pixels: w.pixels,
        })
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}
